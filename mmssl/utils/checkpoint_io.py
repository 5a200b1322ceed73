import os.path as osp
from collections import OrderedDict

import torch


def load_prefixed_state_dict(path: str,
                             prefix: str = 'backbone.') -> OrderedDict:
    """The ``prefix`` weights of an mmssl / mmpretrain checkpoint (or of a
    plain state dict), with the prefix removed.

    Raises naming the file when it is missing or holds no ``prefix`` keys.
    """
    if not osp.exists(path):
        raise FileNotFoundError(f'checkpoint {path} does not exist')
    ckpt = torch.load(path, map_location='cpu')
    state = ckpt.get('state_dict', ckpt)
    out = OrderedDict((k[len(prefix):], v) for k, v in state.items()
                      if k.startswith(prefix))
    if not out:
        raise KeyError(f"checkpoint {path} has no keys with prefix "
                       f"'{prefix}'; first keys: {list(state)[:5]}")
    return out

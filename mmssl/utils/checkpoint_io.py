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
    if osp.getsize(path) == 0:
        raise ValueError(f'checkpoint {path} is empty (0 bytes)')
    try:
        ckpt = torch.load(path, map_location='cpu')
    except Exception as e:  # noqa: BLE001 (truncated, text, not torch)
        raise ValueError(f'checkpoint {path} cannot be loaded: '
                         f'{type(e).__name__}: {str(e)[:200]}') from e
    if not isinstance(ckpt, dict):
        raise ValueError(f'checkpoint {path} holds a {type(ckpt).__name__}, '
                         'not a state dict or an MMEngine checkpoint')
    state = ckpt.get('state_dict', ckpt)
    out = OrderedDict((k[len(prefix):], v) for k, v in state.items()
                      if k.startswith(prefix))
    if not out:
        raise KeyError(f"checkpoint {path} has no keys with prefix "
                       f"'{prefix}'; first keys: {list(state)[:5]}")
    return out

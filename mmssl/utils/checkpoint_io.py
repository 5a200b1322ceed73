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


def pretrained_parts(model_cfg) -> dict:
    """``{dotted path under model: sub-config}`` of every sub-module whose
    ``init_cfg`` is a ``Pretrained`` load: the backbone, and for C4
    detectors also ``roi_head.shared_head`` (res5 lives there)."""
    parts = {}

    def walk(node, path):
        init = node.get('init_cfg')
        if isinstance(init, dict) and init.get('type') == 'Pretrained':
            parts[path] = node
        for key, value in node.items():
            if key != 'init_cfg' and isinstance(value, dict):
                walk(value, f'{path}.{key}' if path else key)

    walk(model_cfg, '')
    return parts


# tensors of a pretrained part that start from their own init: the extra
# norm after res5 of mmpretrain's C4 RoI head (weight 1, bias 0)
NOT_PRETRAINED = {'ResLayerExtraNorm': ('norm.', )}


def pretrained_state(module) -> dict:
    """A pretrained part's state dict without the tensors that start from
    their own init (``NOT_PRETRAINED``, by class name)."""
    skip = NOT_PRETRAINED.get(type(module).__name__, ())
    return {k: v for k, v in module.state_dict().items()
            if not (skip and k.startswith(skip))}


def pretrained_mismatch(expected: dict, got: dict) -> tuple:
    """``(missing, unexpected, wrong shape)`` key lists of a checkpoint's
    tensors ``got`` against the union ``expected`` of the pretrained parts'
    state dicts."""
    missing = sorted(set(expected) - set(got))
    unexpected = sorted(set(got) - set(expected))
    shape = sorted(k for k in set(expected) & set(got)
                   if expected[k].shape != got[k].shape)
    return missing, unexpected, shape

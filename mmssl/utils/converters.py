"""Backbone weights of a pretraining checkpoint in other frameworks'
formats (mmdet, torchvision, detectron2)."""
import pickle
import re
from collections import OrderedDict

import torch

from .checkpoint_io import load_prefixed_state_dict

FORMATS = ('mmdet', 'torchvision', 'detectron2')
RESNET_KEY = re.compile(
    r'^(conv1|bn1)\.|^layer[1-4]\.\d+\.(conv\d|bn\d|downsample\.[01])\.')


def check_resnet(state: OrderedDict, path: str) -> None:
    bad = [k for k in state
           if not RESNET_KEY.match(k)
           and not k.endswith('num_batches_tracked')]
    if bad:
        raise KeyError(f'{path}: not a ResNet backbone in mmpretrain / '
                       f'torchvision naming; unexpected keys {bad[:8]}')


def to_detectron2(state: OrderedDict) -> OrderedDict:
    """detectron2's ResNet names (``stem.conv1``, ``res2.0.conv1.norm``,
    ``shortcut``), numpy arrays."""
    out = OrderedDict()
    for k, v in state.items():
        if k.endswith('num_batches_tracked'):
            continue
        name = k if k.startswith('layer') else 'stem.' + k
        name = re.sub(r'^layer(\d)', lambda m: f'res{int(m[1]) + 1}', name)
        name = re.sub(r'bn(\d)', r'conv\1.norm', name)
        name = name.replace('downsample.0', 'shortcut')
        name = name.replace('downsample.1', 'shortcut.norm')
        out[name] = v.numpy()
    return out


def extract_backbone(checkpoint: str, out: str, fmt: str = 'mmdet',
                     prefix: str = 'backbone.') -> int:
    """Write the ``prefix`` weights of ``checkpoint`` to ``out`` in ``fmt``;
    returns the number of tensors.

    * ``mmdet``: ``{'state_dict': weights}`` without the prefix;
    * ``torchvision``: a plain state dict ``resnetXX()`` loads with
      ``strict=False`` (only ``fc.*`` missing);
    * ``detectron2``: a ``.pkl`` with detectron2 names and
      ``matching_heuristics``, for ``MODEL.WEIGHTS``.
    """
    if fmt not in FORMATS:
        raise ValueError(f'format {fmt!r}: choose one of {FORMATS}')
    state = load_prefixed_state_dict(checkpoint, prefix)
    if fmt == 'mmdet':
        torch.save(dict(state_dict=state), out)
        return len(state)
    check_resnet(state, checkpoint)
    if fmt == 'torchvision':
        torch.save(state, out)
    else:
        with open(out, 'wb') as f:
            pickle.dump(dict(model=to_detectron2(state), __author__='mmssl',
                             matching_heuristics=True), f)
    return len(state)

"""Extract the backbone of a pretraining checkpoint for other frameworks.

    python tools/model_converters/extract_backbone.py CKPT OUT [--format F]

Formats:
  mmdet        ``{'state_dict': backbone weights}`` without the 'backbone.'
               prefix (mmdet configs of configs/benchmarks/ don't need this:
               they load the full checkpoint with ``prefix='backbone.'``).
  torchvision  a plain state dict that ``torchvision.models.resnetXX()``
               loads with ``strict=False`` (only ``fc.*`` missing).
  detectron2   a ``.pkl`` with detectron2's ResNet names (``stem.conv1``,
               ``res2.0.conv1.norm``, ``shortcut`` ...), numpy arrays and
               ``matching_heuristics``, for ``MODEL.WEIGHTS``.

Works with mmssl and mmpretrain checkpoints (any ResNet backbone, also the
momentum target with ``--prefix target_net.module.backbone.``).
"""
import argparse
import pickle
import re
from collections import OrderedDict

import torch

from mmssl.utils.checkpoint_io import load_prefixed_state_dict

RESNET_KEY = re.compile(
    r'^(conv1|bn1)\.|^layer[1-4]\.\d+\.(conv\d|bn\d|downsample\.[01])\.')


def check_resnet(state: OrderedDict, path: str) -> None:
    bad = [k for k in state
           if not RESNET_KEY.match(k) and not k.endswith('num_batches_tracked')]
    if bad:
        raise KeyError(f'{path}: not a ResNet backbone in mmpretrain / '
                       f'torchvision naming; unexpected keys {bad[:8]}')


def to_detectron2(state: OrderedDict) -> OrderedDict:
    out = OrderedDict()
    for k, v in state.items():
        if k.endswith('num_batches_tracked'):
            continue
        name = k
        if not name.startswith('layer'):
            name = 'stem.' + name
        name = re.sub(r'^layer(\d)', lambda m: f'res{int(m[1]) + 1}', name)
        name = re.sub(r'bn(\d)', r'conv\1.norm', name)
        name = name.replace('downsample.0', 'shortcut')
        name = name.replace('downsample.1', 'shortcut.norm')
        out[name] = v.numpy()
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument('checkpoint')
    parser.add_argument('out')
    parser.add_argument('--format', default='mmdet',
                        choices=['mmdet', 'torchvision', 'detectron2'])
    parser.add_argument('--prefix', default='backbone.')
    args = parser.parse_args(argv)
    state = load_prefixed_state_dict(args.checkpoint, args.prefix)
    if args.format == 'mmdet':
        torch.save(dict(state_dict=state), args.out)
    else:
        check_resnet(state, args.checkpoint)
        if args.format == 'torchvision':
            torch.save(state, args.out)
        else:
            with open(args.out, 'wb') as f:
                pickle.dump(dict(model=to_detectron2(state),
                                 __author__='mmssl',
                                 matching_heuristics=True), f)
    print(f'{len(state)} backbone tensors -> {args.out} ({args.format})')


if __name__ == '__main__':
    main()

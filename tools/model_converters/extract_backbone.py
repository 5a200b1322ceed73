"""Extract the backbone of a pretraining checkpoint for other frameworks.

    python tools/model_converters/extract_backbone.py CKPT OUT [--format F]

Formats (``mmssl.utils.converters``):
  mmdet        ``{'state_dict': backbone weights}`` without the 'backbone.'
               prefix (the configs of configs/benchmarks/ don't need this:
               they load the whole checkpoint with ``prefix='backbone.'``).
  torchvision  a plain state dict ``torchvision.models.resnetXX()`` loads
               with ``strict=False`` (only ``fc.*`` missing).
  detectron2   a ``.pkl`` with detectron2's ResNet names, for MODEL.WEIGHTS.

Works with mmssl and mmpretrain checkpoints (any ResNet backbone, also the
momentum target with ``--prefix target_net.module.backbone.``).
"""
import argparse

from mmssl.utils.converters import FORMATS, extract_backbone


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument('checkpoint')
    p.add_argument('out')
    p.add_argument('--format', default='mmdet', choices=FORMATS)
    p.add_argument('--prefix', default='backbone.')
    a = p.parse_args(argv)
    n = extract_backbone(a.checkpoint, a.out, a.format, a.prefix)
    print(f'{n} backbone tensors -> {a.out} ({a.format})')


if __name__ == '__main__':
    main()

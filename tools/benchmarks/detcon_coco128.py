"""DetCon-B vs mmpretrain's BYOL vs random init at the same pretraining
wall-clock on the real COCO photos of ../shared/data/coco128: masks,
pretraining, Mask R-CNN transfer (bbox / segm AP), kNN on cifar10-5k.
See ``mmssl.benchmarks.method_benchmarks.detcon_coco128``.

    python tools/benchmarks/detcon_coco128.py [--budget 420]
"""
import argparse

from mmssl.benchmarks.method_benchmarks import detcon_coco128

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('--budget', type=float, default=420,
                   help='pretraining seconds per method')
    p.add_argument('--data', default='../shared/data')
    p.add_argument('--work-dir', default='work_dirs/benchmarks/detcon_coco128')
    a = p.parse_args()
    detcon_coco128(a.data, a.budget, a.work_dir)

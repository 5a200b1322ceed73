"""EMP-SSL vs SimCLR after one epoch each on the same images: kNN and linear
probe (fast protocol) on whole-image and bag-of-patches features, random
init beside. See ``mmssl.benchmarks.method_benchmarks.empssl_one_epoch``.

    python tools/benchmarks/empssl_one_epoch.py \
        --data-root ../shared/data/cifar10-5k --bag-patches 8 --per-class 200
"""
import argparse

from mmssl.benchmarks.method_benchmarks import empssl_one_epoch

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('--data-root', required=True)
    p.add_argument('--size', type=int, default=32)
    p.add_argument('--bag-patches', type=int, default=8)
    p.add_argument('--per-class', type=int, default=0,
                   help='train on the first N images of each class only '
                   '(0: all); evaluation always uses the full splits')
    p.add_argument('--work-dir', default='work_dirs/benchmarks/empssl_1ep')
    p.add_argument('--out', default='docs/benchmarks/empssl_one_epoch')
    a = p.parse_args()
    empssl_one_epoch(a.data_root, a.size, a.bag_patches, a.per_class,
                     a.work_dir, a.out)

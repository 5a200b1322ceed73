"""Does the raw-feature initialisation speed up early training? The
instance classifier with and without ``RawFeatureInitHook``, same seed and
epochs, then kNN; random init beside. See
``mmssl.benchmarks.method_benchmarks.instcls_raw_init``.

    python tools/benchmarks/instcls_raw_init.py \
        configs/instcls/instcls_r18_1xb128-coslr-30e_cifar10-5k.py \
        --epochs 2 --data-root ../shared/data/cifar10-5k --size 32
"""
import argparse

from mmssl.benchmarks.method_benchmarks import instcls_raw_init

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('config')
    p.add_argument('--epochs', type=int, default=2)
    p.add_argument('--data-root', required=True)
    p.add_argument('--size', type=int, default=32)
    p.add_argument('--work-dir',
                   default='work_dirs/benchmarks/instcls_raw_init')
    p.add_argument('--out', default='docs/benchmarks/instcls_raw_init')
    a = p.parse_args()
    instcls_raw_init(a.config, a.data_root, a.epochs, a.size, a.work_dir,
                     a.out)

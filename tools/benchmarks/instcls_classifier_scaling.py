"""Memory and step time of the sharded instance classifier against N and P
(gloo processes). See ``mmssl.benchmarks.method_benchmarks.instcls_scaling``.

    python tools/benchmarks/instcls_classifier_scaling.py \
        --classes 10000 100000 1281167 --world 1 2 --dim 128 --batch 256
"""
import argparse

from mmssl.benchmarks.method_benchmarks import instcls_scaling

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('--classes', type=int, nargs='+',
                   default=[10000, 100000, 1281167])
    p.add_argument('--world', type=int, nargs='+', default=[1, 2])
    p.add_argument('--dim', type=int, default=128)
    p.add_argument('--batch', type=int, default=256)
    p.add_argument('--steps', type=int, default=5)
    p.add_argument('--out', default='docs/benchmarks/instcls_scaling')
    a = p.parse_args()
    instcls_scaling(a.classes, a.world, a.dim, a.batch, a.steps, a.out)

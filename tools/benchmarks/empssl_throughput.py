"""EMP-SSL patches/s against a plain backbone forward + backward on the same
patches, interleaved. See
``mmssl.benchmarks.method_benchmarks.empssl_throughput``.

    python tools/benchmarks/empssl_throughput.py \
        configs/empssl/empssl_r18_1xb20-8p-1e_cifar10-5k.py --rounds 5
"""
import argparse
import json

from mmssl.benchmarks.method_benchmarks import empssl_throughput
from mmssl.utils import register_all_modules

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('config')
    p.add_argument('--rounds', type=int, default=5)
    p.add_argument('--steps', type=int, default=2)
    p.add_argument('--data-root')
    p.add_argument('--out', default='docs/benchmarks/empssl_throughput.json')
    a = p.parse_args()
    register_all_modules(init_default_scope=False)
    result, ratio = empssl_throughput(a.config, a.rounds, a.steps,
                                      a.data_root, a.out)
    print(json.dumps(result, indent=2), f'\nplain / EMP-SSL: {ratio:.2f}x')

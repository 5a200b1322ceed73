"""Long-run memory soak (not a CI test): many epochs of a config with
data-loader workers, the resident memory of the whole process tree sampled
over time; reports the growth after warm-up against a bound. See
``mmssl.benchmarks.soak``.

    python tools/benchmarks/memory_soak.py \
        configs/detcon/detconb_r18_1xb32-20e_demo.py --epochs 30
"""
import argparse
import json

from mmssl.benchmarks.soak import memory_soak

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument('config')
    p.add_argument('--epochs', type=int, default=30)
    p.add_argument('--interval', type=float, default=2.)
    p.add_argument('--bound-mib', type=float, default=150.)
    p.add_argument('--cfg-options', nargs='*', default=[])
    p.add_argument('--out', default='docs/benchmarks/memory_soak')
    a = p.parse_args()
    r = memory_soak(a.config, a.epochs, a.interval, bound_mib=a.bound_mib,
                    options=a.cfg_options, out=a.out)
    print(json.dumps({k: v for k, v in r.items() if k != 'samples'},
                     indent=2))

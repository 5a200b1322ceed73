"""Cost of pretraining methods side by side (interleaved rounds in one
process): step time, images/s, backbone passes and FLOPs per image, loader
throughput, peak GPU memory or (``--cpu-memory``) peak RSS in a fresh
process. See ``mmssl.benchmarks.cost``.

    python tools/analysis_tools/benchmark_methods.py \
        --methods DetCon-B=configs/detcon/detconb_r18_1xb32-budget_coco128.py \
        BYOL=configs/benchmarks/baselines/byol_r18_1xb32-budget_coco128.py \
        --rounds 5 --steps 3 --out work_dirs/benchmarks/methods
"""
import argparse
import os
import os.path as osp

import torch
from mmengine.config import DictAction

from mmssl.benchmarks import cost
from mmssl.benchmarks.report import write_json
from mmssl.benchmarks.runs import machine
from mmssl.utils import register_all_modules


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument('--methods', nargs='+', required=True,
                   help='NAME=CONFIG pairs; the last is the ratios\' '
                   'reference')
    p.add_argument('--cfg-options', nargs='+', action=DictAction,
                   help='applied to every method')
    p.add_argument('--rounds', type=int, default=5)
    p.add_argument('--steps', type=int, default=3)
    p.add_argument('--loader-batches', type=int, default=4)
    p.add_argument('--cpu-memory', action='store_true')
    p.add_argument('--device', default='cuda' if torch.cuda.is_available()
                   else 'cpu')
    p.add_argument('--out', default='work_dirs/benchmarks/methods')
    a = p.parse_args()
    register_all_modules(init_default_scope=False)
    os.makedirs(a.out, exist_ok=True)
    results = cost.measure(a.methods, a.cfg_options, a.rounds, a.steps,
                           a.loader_batches, a.device, a.out, a.cpu_memory)
    meta = dict(device=a.device, machine=machine(), torch=torch.__version__,
                rounds=a.rounds, steps_per_round=a.steps,
                cfg_options=a.cfg_options)
    write_json(osp.join(a.out, 'results.json'), meta=meta, results=results)
    ref = cost.parse_spec(a.methods[-1])[0]
    for name, r in results.items():
        print(f"{name:<12} step {r['step_time_s']:.3f}s "
              f"({r[f'step_time_ratio_vs_{ref}']:.2f}x {ref})  "
              f"{r['images_per_s']:.1f} img/s  "
              f"fwd/img {r['backbone_forwards_per_image']:.0f}  "
              f"{r['gflops_per_image']:.2f} GFLOP/img")
    cost.plot(results, f'{a.device} ({meta["machine"]}), median of '
              f'{a.rounds} interleaved rounds',
              osp.join(a.out, 'results.png'))


if __name__ == '__main__':
    main()

"""EMP-SSL patches/s against a plain backbone forward + backward on the same
patches, timed interleaved in one process.

The plain step is what any method must pay for the patches: backbone forward,
a scalar of its GAP features, backward, optimizer step. The EMP-SSL step adds
the projector, the total-coding-rate and invariance terms and LARS.

    python tools/benchmarks/empssl_throughput.py \
        configs/empssl/empssl_r18_1xb20-8p-1e_cifar10-5k.py --rounds 5
"""
import argparse
import json
import os
import os.path as osp
import platform
import statistics
import time

import torch
from mmengine.config import Config
from mmengine.registry import DefaultScope
from mmengine.runner import Runner

from mmssl.utils import register_all_modules


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('config')
    p.add_argument('--rounds', type=int, default=5)
    p.add_argument('--steps', type=int, default=2)
    p.add_argument('--data-root')
    p.add_argument('--out', default='docs/benchmarks/empssl_throughput.json')
    args = p.parse_args()
    register_all_modules(init_default_scope=False)
    cfg = Config.fromfile(args.config)
    if args.data_root:
        cfg.train_dataloader.dataset.data_root = args.data_root
    cfg.work_dir = '/tmp/empssl_throughput'
    cfg.custom_hooks = []
    with DefaultScope.overwrite_default_scope('mmssl'):
        runner = Runner.from_cfg(cfg)
        model = runner.model
        optim = runner.build_optim_wrapper(cfg.optim_wrapper)
        batch = next(iter(runner.build_dataloader(cfg.train_dataloader)))
    data = model.data_preprocessor(batch, True)
    patches = torch.cat(data['inputs'])
    plain_opt = torch.optim.SGD(model.backbone.parameters(), lr=1e-6,
                                momentum=0.9)

    def empssl_step():
        model.train_step(batch, optim)

    def plain_step():
        plain_opt.zero_grad()
        model.backbone(patches)[-1].mean(dim=(2, 3)).sum().backward()
        plain_opt.step()

    times = {'EMP-SSL step': [], 'plain backbone fwd+bwd': []}
    steps = dict(zip(times, (empssl_step, plain_step)))
    for fn in steps.values():
        fn()  # warm-up
    for _ in range(args.rounds):
        for name, fn in steps.items():
            t0 = time.perf_counter()
            for _ in range(args.steps):
                fn()
            times[name].append((time.perf_counter() - t0) / args.steps)
    n = len(patches)
    result = {k: dict(step_s=statistics.median(v),
                      patches_per_s=n / statistics.median(v))
              for k, v in times.items()}
    ratio = (result['plain backbone fwd+bwd']['patches_per_s']
             / result['EMP-SSL step']['patches_per_s'])
    out = dict(meta=dict(machine=f'{platform.machine()}, {os.cpu_count()} '
                         'CPU cores', config=args.config,
                         patches_per_step=n, rounds=args.rounds),
               results=result, plain_over_empssl=ratio)
    os.makedirs(osp.dirname(args.out), exist_ok=True)
    json.dump(out, open(args.out, 'w'), indent=2)
    print(json.dumps(out, indent=2))


if __name__ == '__main__':
    main()

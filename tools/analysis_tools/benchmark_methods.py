"""Cost of pretraining methods, measured side by side in one process.

For each method config (same backbone, input size and batch), one real batch
is drawn from the config's own train dataloader, then training steps
(data preprocessor + forward + backward + optimizer step) are timed on it,
interleaving the methods round by round so that machine noise hits all of
them alike. Also reported: backbone forward passes and FLOPs per image
(torch's FlopCounterMode), data-loader throughput with the config's workers
(and the share of a step it would take if not overlapped), and peak GPU
memory when run on CUDA.

    python tools/analysis_tools/benchmark_methods.py \
        --methods DetCon-B=configs/detcon/detconb_r18_1xb32-budget_coco128.py \
                  BYOL=configs/benchmarks/baselines/byol_r18_1xb32-budget_coco128.py \
        --rounds 5 --steps 3 --out work_dirs/benchmarks/methods
"""
import argparse
import json
import os
import os.path as osp
import platform
import statistics
import time

import torch
from mmengine.config import Config, DictAction
from mmengine.registry import DefaultScope
from mmengine.runner import Runner

from mmssl.utils import register_all_modules


class Method:

    def __init__(self, name, config, options, device, work_dir):
        self.name = name
        cfg = Config.fromfile(config)
        if options:
            cfg.merge_from_dict(options)
        cfg.work_dir = osp.join(work_dir, name)
        cfg.experiment_name = f'bench_{name}_{time.time_ns()}'
        cfg.custom_hooks = []
        self.cfg = cfg
        with DefaultScope.overwrite_default_scope(cfg.get('default_scope')):
            runner = Runner.from_cfg(cfg)
            self.model = runner.model.to(device)
            self.optim = runner.build_optim_wrapper(cfg.optim_wrapper)
            self.loader = runner.build_dataloader(cfg.train_dataloader)
        self.scope = cfg.get('default_scope')
        from mmengine.logging import MessageHub
        MessageHub.get_current_instance().update_info('max_iters', 10**6)
        t0 = time.perf_counter()
        self.batch = next(iter(self.loader))
        self.first_batch_s = time.perf_counter() - t0
        self.batch_size = len(self.batch['data_samples'])
        self.times = []

    def step(self):
        self.model.train()
        with DefaultScope.overwrite_default_scope(self.scope):
            data = self.model.data_preprocessor(self.batch, True)
            losses = self.model(**data, mode='loss')
            loss, _ = self.model.parse_losses(losses)
            self.optim.update_params(loss)

    def timed_steps(self, n, sync):
        sync()
        t0 = time.perf_counter()
        for _ in range(n):
            self.step()
        sync()
        self.times.append((time.perf_counter() - t0) / n)

    def backbone_forwards_and_flops(self):
        from torch.utils.flop_counter import FlopCounterMode
        calls = []
        # every copy of the backbone (online, momentum target...)
        hooks = [
            m.register_forward_hook(lambda m, i, o: calls.append(i[0].shape[0]))
            for m in self.model.modules()
            if type(m) is type(self.model.backbone)
        ]
        with FlopCounterMode(display=False) as counter:
            self.step()
        for hook in hooks:
            hook.remove()
        return (sum(calls) / self.batch_size,
                counter.get_total_flops() / self.batch_size)

    def loader_images_per_s(self, batches):
        t0, n = time.perf_counter(), 0
        for i, batch in enumerate(self.loader):
            n += len(batch['data_samples'])
            if i + 1 >= batches:
                break
        return n / (time.perf_counter() - t0)


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('--methods', nargs='+', required=True,
                   help='NAME=CONFIG pairs')
    p.add_argument('--cfg-options', nargs='+', action=DictAction,
                   help='applied to every method')
    p.add_argument('--rounds', type=int, default=5)
    p.add_argument('--steps', type=int, default=3)
    p.add_argument('--loader-batches', type=int, default=4)
    p.add_argument('--device', default='cuda' if torch.cuda.is_available()
                   else 'cpu')
    p.add_argument('--out', default='work_dirs/benchmarks/methods')
    args = p.parse_args()
    register_all_modules(init_default_scope=False)
    os.makedirs(args.out, exist_ok=True)
    cuda = args.device.startswith('cuda')
    sync = torch.cuda.synchronize if cuda else (lambda: None)

    methods = []
    for spec in args.methods:
        name, config = spec.split('=', 1)
        methods.append(Method(name, config, args.cfg_options, args.device,
                              args.out))
    for m in methods:  # warm-up
        m.timed_steps(1, sync)
        m.times.clear()
    for _ in range(args.rounds):
        for m in methods:
            m.timed_steps(args.steps, sync)

    results = {}
    for m in methods:
        if cuda:
            torch.cuda.reset_peak_memory_stats()
            m.step()
            peak = torch.cuda.max_memory_allocated() / 2**20
        else:
            peak = None
        fwd, flops = m.backbone_forwards_and_flops()
        step = statistics.median(m.times)
        loader = m.loader_images_per_s(args.loader_batches)
        results[m.name] = dict(
            step_time_s=step, step_time_all_s=m.times,
            images_per_s=m.batch_size / step, batch_size=m.batch_size,
            backbone_forwards_per_image=fwd, gflops_per_image=flops / 1e9,
            loader_images_per_s=loader,
            data_share_if_not_overlapped=(m.batch_size / loader) /
            (m.batch_size / loader + step),
            peak_gpu_memory_mib=peak)
    ref = methods[-1].name
    for name, r in results.items():
        r[f'step_time_ratio_vs_{ref}'] = r['step_time_s'] / \
            results[ref]['step_time_s']
    meta = dict(device=args.device, machine=f'{platform.machine()}, '
                f'{os.cpu_count()} CPU cores', torch=torch.__version__,
                rounds=args.rounds, steps_per_round=args.steps,
                methods={m.name: m.cfg.filename for m in methods})
    with open(osp.join(args.out, 'results.json'), 'w') as f:
        json.dump(dict(meta=meta, results=results), f, indent=2)
    for name, r in results.items():
        print(f"{name:<12} step {r['step_time_s']:.3f}s "
              f"({r[f'step_time_ratio_vs_{ref}']:.2f}x {ref})  "
              f"{r['images_per_s']:.1f} img/s  "
              f"fwd/img {r['backbone_forwards_per_image']:.0f}  "
              f"{r['gflops_per_image']:.2f} GFLOP/img  loader "
              f"{r['loader_images_per_s']:.0f} img/s")

    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(1, 3, figsize=(11, 3.2))
    names = list(results)
    for ax, key, title in zip(
            axes, ['images_per_s', 'gflops_per_image', 'loader_images_per_s'],
            ['training images/s', 'GFLOP per image', 'loader images/s']):
        ax.bar(names, [results[n][key] for n in names])
        ax.set_title(title)
    fig.suptitle(f"{meta['device']} ({meta['machine']}), median of "
                 f'{args.rounds} interleaved rounds')
    fig.tight_layout()
    fig.savefig(osp.join(args.out, 'results.png'), dpi=100)


if __name__ == '__main__':
    main()

"""Cost of pretraining methods, measured side by side in one process.

For each method config (same backbone, input size and batch), one real batch
is drawn from the config's own train dataloader, then training steps
(data preprocessor + forward + backward + optimizer step) are timed on it,
interleaving the methods round by round so that machine noise hits all of
them alike. Also reported: backbone forward passes and FLOPs per image
(torch's FlopCounterMode), data-loader throughput with the config's workers
(and the share of a step it would take if not overlapped), and peak GPU
memory when run on CUDA, or (``--cpu-memory``) each method's peak resident
memory in a fresh process on CPU.

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


def _status_mib(field):
    with open('/proc/self/status') as f:
        for line in f:
            if line.startswith(field + ':'):
                return int(line.split()[1]) / 1024
    raise KeyError(field)


def reset_peak_rss():
    """Start a new high-water mark of resident memory (Linux >= 4.0), so the
    peak of the timed steps is not hidden by a higher one during set-up."""
    with open('/proc/self/clear_refs', 'w') as f:
        f.write('5')


def cpu_memory(spec, options, steps=2):
    """Peak CPU memory of ``steps`` training steps of one method, in a fresh
    process so that no other method's high-water mark is counted."""
    import subprocess
    import sys
    cmd = [sys.executable, osp.abspath(__file__), '--memory-of', spec,
           '--steps', str(steps)]
    if options:
        cmd += ['--cfg-options'] + [f'{k}={v}' for k, v in options.items()]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode:
        raise RuntimeError(f'memory run of {spec} failed:\n{out.stderr}')
    return json.loads(out.stdout.strip().splitlines()[-1])


def _memory_of(spec, options, steps, work_dir):
    name, config = spec.split('=', 1)
    m = Method(name, config, options, 'cpu', work_dir)
    m.step()  # first step allocates optimizer state and warms up
    before = _status_mib('VmRSS')
    reset_peak_rss()
    for _ in range(steps):
        m.step()
    peak = _status_mib('VmHWM')
    print(json.dumps(dict(peak_rss_mib=peak,
                          step_rss_increase_mib=peak - before)))


def measure(specs, options=None, rounds=5, steps=3, loader_batches=4,
            device='cpu', work_dir='work_dirs/benchmarks/methods',
            with_cpu_memory=False):
    """Measure every ``NAME=CONFIG`` in ``specs`` side by side; returns
    ``{name: metrics}`` (the last method is the ratios' reference)."""
    cuda = device.startswith('cuda')
    sync = torch.cuda.synchronize if cuda else (lambda: None)
    methods = []
    for spec in specs:
        name, config = spec.split('=', 1)
        methods.append(Method(name, config, options, device, work_dir))
    for m in methods:  # warm-up
        m.timed_steps(1, sync)
        m.times.clear()
    for _ in range(rounds):
        for m in methods:
            m.timed_steps(steps, sync)

    results = {}
    for spec, m in zip(specs, methods):
        memory = dict(peak_gpu_memory_mib=None)
        if cuda:
            torch.cuda.reset_peak_memory_stats()
            m.step()
            memory['peak_gpu_memory_mib'] = \
                torch.cuda.max_memory_allocated() / 2**20
        elif with_cpu_memory:
            memory.update(cpu_memory(spec, options))
        fwd, flops = m.backbone_forwards_and_flops()
        step = statistics.median(m.times)
        loader = m.loader_images_per_s(loader_batches) if loader_batches \
            else float('nan')
        results[m.name] = dict(
            step_time_s=step, step_time_all_s=m.times,
            images_per_s=m.batch_size / step, batch_size=m.batch_size,
            backbone_forwards_per_image=fwd,
            crops_per_s=m.batch_size * fwd / step,
            gflops_per_image=flops / 1e9,
            loader_images_per_s=loader,
            data_share_if_not_overlapped=(m.batch_size / loader) /
            (m.batch_size / loader + step),
            config=m.cfg.filename, **memory)
    ref = methods[-1].name
    for name, r in results.items():
        r[f'step_time_ratio_vs_{ref}'] = r['step_time_s'] / \
            results[ref]['step_time_s']
    return results


def plot(results, meta, path):
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    names = list(results)
    panels = [('images_per_s', 'training images/s'),
              ('gflops_per_image', 'GFLOP per image (fwd+bwd)'),
              ('loader_images_per_s', 'loader images/s')]
    memory_key = next((k for k in ('peak_gpu_memory_mib', 'peak_rss_mib')
                       if results[names[0]].get(k) is not None), None)
    if memory_key:
        panels.append((memory_key, 'peak GPU memory (MiB)' if 'gpu' in
                       memory_key else 'peak CPU memory, RSS (MiB)'))
    fig, axes = plt.subplots(1, len(panels),
                             figsize=(3.2 * len(panels), 3.4))
    for ax, (key, title) in zip(axes, panels):
        ax.bar(names, [results[n][key] for n in names])
        ax.set_title(title, fontsize=9)
        ax.tick_params(axis='x', labelrotation=60, labelsize=8)
    fig.suptitle(f"{meta['device']} ({meta['machine']}), median of "
                 f"{meta['rounds']} interleaved rounds", fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=100)


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('--methods', nargs='+', help='NAME=CONFIG pairs')
    p.add_argument('--cfg-options', nargs='+', action=DictAction,
                   help='applied to every method')
    p.add_argument('--rounds', type=int, default=5)
    p.add_argument('--steps', type=int, default=3)
    p.add_argument('--loader-batches', type=int, default=4)
    p.add_argument('--cpu-memory', action='store_true',
                   help='on CPU, also measure each method\'s peak RSS in a '
                   'fresh process')
    p.add_argument('--memory-of', help=argparse.SUPPRESS)
    p.add_argument('--device', default='cuda' if torch.cuda.is_available()
                   else 'cpu')
    p.add_argument('--out', default='work_dirs/benchmarks/methods')
    args = p.parse_args()
    register_all_modules(init_default_scope=False)
    os.makedirs(args.out, exist_ok=True)
    if args.memory_of:
        return _memory_of(args.memory_of, args.cfg_options, args.steps,
                          args.out)
    if not args.methods:
        p.error('--methods is required')
    results = measure(args.methods, args.cfg_options, args.rounds,
                      args.steps, args.loader_batches, args.device, args.out,
                      args.cpu_memory)
    meta = dict(device=args.device, machine=f'{platform.machine()}, '
                f'{os.cpu_count()} CPU cores', torch=torch.__version__,
                rounds=args.rounds, steps_per_round=args.steps,
                cfg_options=args.cfg_options)
    with open(osp.join(args.out, 'results.json'), 'w') as f:
        json.dump(dict(meta=meta, results=results), f, indent=2)
    ref = args.methods[-1].split('=', 1)[0]
    for name, r in results.items():
        print(f"{name:<12} step {r['step_time_s']:.3f}s "
              f"({r[f'step_time_ratio_vs_{ref}']:.2f}x {ref})  "
              f"{r['images_per_s']:.1f} img/s  "
              f"fwd/img {r['backbone_forwards_per_image']:.0f}  "
              f"{r['gflops_per_image']:.2f} GFLOP/img  loader "
              f"{r['loader_images_per_s']:.0f} img/s")
    plot(results, meta, osp.join(args.out, 'results.png'))


if __name__ == '__main__':
    main()

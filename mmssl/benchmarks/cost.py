"""Cost of pretraining methods, measured side by side in one process.

For each method config (same backbone, input size and batch), one real batch
is drawn from the config's own train dataloader, then training steps (data
preprocessor + forward + backward + optimizer step) are timed on it,
interleaving the methods round by round so that machine noise hits all of
them alike (:func:`interleaved`). Also reported: backbone forward passes and
FLOPs per image (torch's ``FlopCounterMode``), data-loader throughput, and
peak GPU memory on CUDA or each method's peak resident memory in a fresh
process on CPU (``python -m mmssl.benchmarks.cost --memory-of NAME=CONFIG``).
"""
import argparse
import json
import os.path as osp
import statistics
import subprocess
import sys
import time
from typing import Callable, Dict, List

import torch

SPEC_HELP = 'NAME=CONFIG'


def interleaved(steps: Dict[str, Callable[[], None]], rounds: int,
                per_round: int = 1,
                sync: Callable[[], None] = lambda: None
                ) -> Dict[str, List[float]]:
    """Seconds per step of every function, ``rounds`` times, the functions
    taking turns each round (one warm-up call each first)."""
    for fn in steps.values():
        fn()
    times = {name: [] for name in steps}
    for _ in range(rounds):
        for name, fn in steps.items():
            sync()
            t0 = time.perf_counter()
            for _ in range(per_round):
                fn()
            sync()
            times[name].append((time.perf_counter() - t0) / per_round)
    return times


def parse_spec(spec: str):
    if '=' not in spec:
        raise ValueError(f'method spec {spec!r}: expected {SPEC_HELP}')
    return spec.split('=', 1)


class Method:
    """A method's model, optimizer and one real batch from its own loader."""

    def __init__(self, name, config, options, device, work_dir):
        from mmengine.config import Config
        from mmengine.logging import MessageHub
        from mmengine.registry import DefaultScope
        from mmengine.runner import Runner
        self.name = name
        cfg = Config.fromfile(config)
        if options:
            cfg.merge_from_dict(options)
        if cfg.model.get('fusion'):  # BA-SSL: one fusion channel per image
            cfg.model.fusion.batch_size = cfg.train_dataloader.batch_size
        cfg.work_dir = osp.join(work_dir, name)
        cfg.experiment_name = f'bench_{name}_{time.time_ns()}'
        cfg.custom_hooks = []
        self.cfg, self.scope = cfg, cfg.get('default_scope')
        with DefaultScope.overwrite_default_scope(self.scope):
            runner = Runner.from_cfg(cfg)
            self.model = runner.model.to(device)
            self.optim = runner.build_optim_wrapper(cfg.optim_wrapper)
            self.loader = runner.build_dataloader(cfg.train_dataloader)
        MessageHub.get_current_instance().update_info('max_iters', 10**6)
        self.batch = next(iter(self.loader))
        self.batch_size = len(self.batch['data_samples'])

    def step(self):
        from mmengine.registry import DefaultScope
        self.model.train()
        with DefaultScope.overwrite_default_scope(self.scope):
            data = self.model.data_preprocessor(self.batch, True)
            losses = self.model(**data, mode='loss')
            loss, _ = self.model.parse_losses(losses)
            self.optim.update_params(loss)

    def backbone_forwards_and_flops(self):
        from torch.utils.flop_counter import FlopCounterMode
        calls = []
        # every copy of the backbone (online, momentum target...)
        hooks = [
            m.register_forward_hook(
                lambda m, i, o: calls.append(i[0].shape[0]))
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


def cpu_memory(spec, options, steps=2, work_dir='work_dirs/benchmarks/cost'):
    """Peak CPU memory of ``steps`` training steps of one method, in a fresh
    process so that no other method's high-water mark is counted."""
    cmd = [sys.executable, '-m', 'mmssl.benchmarks.cost', '--memory-of',
           spec, '--steps', str(steps), '--work-dir', work_dir]
    if options:
        cmd += ['--cfg-options'] + [f'{k}={v}' for k, v in options.items()]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode:
        raise RuntimeError(f'memory run of {spec} failed:\n{out.stderr}')
    return json.loads(out.stdout.strip().splitlines()[-1])


def _memory_of(spec, options, steps, work_dir):
    name, config = parse_spec(spec)
    m = Method(name, config, options, 'cpu', work_dir)
    m.step()  # first step allocates optimizer state and warms up
    before = _status_mib('VmRSS')
    # a new high-water mark (Linux >= 4.0): set-up's peak must not hide it
    with open('/proc/self/clear_refs', 'w') as f:
        f.write('5')
    for _ in range(steps):
        m.step()
    peak = _status_mib('VmHWM')
    return dict(peak_rss_mib=peak, step_rss_increase_mib=peak - before)


def measure(specs, options=None, rounds=5, steps=3, loader_batches=4,
            device='cpu', work_dir='work_dirs/benchmarks/cost',
            with_cpu_memory=False):
    """Measure every ``NAME=CONFIG`` in ``specs`` side by side; returns
    ``{name: metrics}`` (the last method is the ratios' reference)."""
    cuda = device.startswith('cuda')
    sync = torch.cuda.synchronize if cuda else (lambda: None)
    methods = [Method(*parse_spec(s), options, device, work_dir)
               for s in specs]
    times = interleaved({m.name: m.step for m in methods}, rounds, steps,
                        sync)
    results = {}
    for spec, m in zip(specs, methods):
        memory = dict(peak_gpu_memory_mib=None)
        if cuda:
            torch.cuda.reset_peak_memory_stats()
            m.step()
            memory['peak_gpu_memory_mib'] = \
                torch.cuda.max_memory_allocated() / 2**20
        elif with_cpu_memory:
            memory.update(cpu_memory(spec, options, work_dir=work_dir))
        fwd, flops = m.backbone_forwards_and_flops()
        step = statistics.median(times[m.name])
        loader = m.loader_images_per_s(loader_batches) if loader_batches \
            else float('nan')
        results[m.name] = dict(
            step_time_s=step, step_time_all_s=times[m.name],
            images_per_s=m.batch_size / step, batch_size=m.batch_size,
            backbone_forwards_per_image=fwd,
            crops_per_s=m.batch_size * fwd / step,
            gflops_per_image=flops / 1e9, loader_images_per_s=loader,
            data_share_if_not_overlapped=(m.batch_size / loader) /
            (m.batch_size / loader + step),
            config=m.cfg.filename, **memory)
    ref = methods[-1].name
    for r in results.values():
        r[f'step_time_ratio_vs_{ref}'] = r['step_time_s'] / \
            results[ref]['step_time_s']
    return results


def plot(results, title, path):
    from .report import bar_panels
    names = list(results)
    panels = {'training images/s': 'images_per_s',
              'GFLOP per image (fwd+bwd)': 'gflops_per_image',
              'loader images/s': 'loader_images_per_s'}
    for key, label in (('peak_gpu_memory_mib', 'peak GPU memory (MiB)'),
                       ('peak_rss_mib', 'peak CPU memory, RSS (MiB)')):
        if results[names[0]].get(key) is not None:
            panels[label] = key
            break
    return bar_panels(path, {t: {n: results[n][k] for n in names}
                             for t, k in panels.items()}, title,
                      highlight=None)


def main():
    from mmengine.config import DictAction

    from mmssl.utils import register_all_modules
    p = argparse.ArgumentParser(description='peak CPU memory of one method '
                                '(used by cpu_memory)')
    p.add_argument('--memory-of', required=True, help=SPEC_HELP)
    p.add_argument('--steps', type=int, default=2)
    p.add_argument('--work-dir', default='work_dirs/benchmarks/cost')
    p.add_argument('--cfg-options', nargs='+', action=DictAction)
    args = p.parse_args()
    register_all_modules(init_default_scope=False)
    print(json.dumps(_memory_of(args.memory_of, args.cfg_options,
                                args.steps, args.work_dir)))


if __name__ == '__main__':
    main()

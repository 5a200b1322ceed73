"""Long-run memory soak: train a config for many epochs with data-loader
worker processes and sample the resident memory of the whole process tree
over time; the growth after warm-up must stay within a bound."""
import os
import os.path as osp
import subprocess
from statistics import median
import sys
import time
from typing import Sequence

from .report import _pyplot, write_json
from .runs import machine, project_root


def tree_rss_mib(pid: int) -> float:
    """Resident memory of ``pid`` and all its descendants (Linux /proc)."""
    children = {}
    for entry in os.listdir('/proc'):
        if not entry.isdigit():
            continue
        try:
            with open(f'/proc/{entry}/stat') as f:
                ppid = int(f.read().rsplit(')', 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo += children.get(p, [])
        try:
            with open(f'/proc/{p}/status') as f:
                for line in f:
                    if line.startswith('VmRSS:'):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def memory_soak(config: str, epochs: int = 30, interval: float = 2.,
                warmup_fraction: float = 0.2, bound_mib: float = 150.,
                options: Sequence[str] = (),
                work_dir='work_dirs/benchmarks/soak',
                out='docs/benchmarks/memory_soak') -> dict:
    """Train ``config`` for ``epochs`` (as ``tools/train.py``), sampling the
    tree's RSS every ``interval`` s; the growth is the last tenth's median
    minus the median just after warm-up. Writes JSON and a plot."""
    root = project_root()
    work = osp.join(root, work_dir)
    os.makedirs(work, exist_ok=True)
    cmd = [sys.executable, 'tools/train.py', config, '--work-dir', work,
           '--cfg-options', f'train_cfg.max_epochs={epochs}', *options]
    log = open(osp.join(work, 'soak.log'), 'w')
    proc = subprocess.Popen(cmd, cwd=root, stdout=log,
                            stderr=subprocess.STDOUT)
    t0, samples = time.time(), []
    while proc.poll() is None:
        samples.append((time.time() - t0, tree_rss_mib(proc.pid)))
        print(f'\r{samples[-1][0]:7.0f}s  RSS {samples[-1][1]:7.0f} MiB',
              end='', flush=True)
        time.sleep(interval)
    print()
    if proc.returncode:
        raise RuntimeError(f'training failed (exit {proc.returncode}); see '
                           f'{log.name}')
    rss = sorted(samples, key=lambda s: s[0])
    n = len(rss)
    start = int(n * warmup_fraction)
    tenth = max(n // 10, 1)
    after_warmup = median([r for _, r in rss[start:start + tenth]])
    final = median([r for _, r in rss[-tenth:]])
    result = dict(meta=dict(machine=machine(), config=config, epochs=epochs,
                            interval_s=interval, options=list(options)),
                  seconds=rss[-1][0], samples=rss,
                  rss_after_warmup_mib=after_warmup, rss_final_mib=final,
                  growth_mib=final - after_warmup, bound_mib=bound_mib,
                  within_bound=final - after_warmup <= bound_mib)
    out = osp.join(root, out)
    write_json(out + '.json', **result)
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(7, 3.5))
    ax.plot([t for t, _ in rss], [r for _, r in rss])
    ax.axhline(after_warmup + bound_mib, color='grey', ls=':',
               label=f'after warm-up + {bound_mib:.0f} MiB')
    ax.set(xlabel='seconds', ylabel='RSS of the process tree (MiB)',
           title=f'{osp.basename(config)}, {epochs} epochs')
    ax.legend()
    fig.tight_layout()
    fig.savefig(out + '.png', dpi=100)
    plt.close(fig)
    return result

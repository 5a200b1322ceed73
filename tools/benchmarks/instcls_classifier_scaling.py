"""Memory and step time of the sharded instance classifier against N and P.

For every N (classes) and P (gloo processes on this machine) the classifier
head alone runs forward + backward + SGD(momentum) steps on a fixed global
batch of normalised features: the hybrid-parallel part of the method (the
data-parallel backbone costs the same for every N). Reports per rank the
classifier's parameter, gradient and optimizer-state bytes and the process's
peak RSS, and the median step time. Writes JSON and a PNG.

    python tools/benchmarks/instcls_classifier_scaling.py \
        --classes 10000 100000 1281167 --world 1 2 --dim 128 --batch 256
"""
import argparse
import json
import os
import os.path as osp
import platform
import resource
import socket
import statistics
import sys
import tempfile
import time

import torch
import torch.distributed as dist
import torch.multiprocessing as mp

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))


def _worker(rank, world, port, n, dim, batch, steps, out):
    os.environ.update(MASTER_ADDR='127.0.0.1', MASTER_PORT=str(port))
    torch.set_num_threads(max(1, (os.cpu_count() or 2) // world))
    if world > 1:
        dist.init_process_group('gloo', rank=rank, world_size=world)
    from mmssl.models import ShardedInstanceClassifierHead
    head = ShardedInstanceClassifierHead(n, dim)
    opt = torch.optim.SGD(head.parameters(), lr=0.1, momentum=0.9)
    g = torch.Generator().manual_seed(rank)
    local = batch // world
    times = []
    for step in range(steps + 1):
        feats = torch.nn.functional.normalize(
            torch.randn(local, dim, generator=g), dim=1).requires_grad_()
        labels = torch.randint(0, n, (local, ), generator=g)
        t0 = time.perf_counter()
        opt.zero_grad()
        head.loss(feats, labels)['loss'].backward()
        opt.step()
        if world > 1:
            dist.barrier()
        if step:  # the first step allocates the momentum buffer
            times.append(time.perf_counter() - t0)
    state = opt.state[head.weight]
    result = dict(
        rank=rank, rows=head.weight.shape[0],
        param_mib=head.weight.numel() * 4 / 2**20,
        grad_mib=head.weight.grad.numel() * 4 / 2**20,
        optim_state_mib=sum(v.numel() * v.element_size()
                            for v in state.values()
                            if torch.is_tensor(v)) / 2**20,
        peak_rss_mib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        / 1024,
        step_s=statistics.median(times))
    torch.save(result, osp.join(out, f'{rank}.pt'))
    if world > 1:
        dist.destroy_process_group()


def measure(n, world, dim, batch, steps):
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        port = s.getsockname()[1]
    with tempfile.TemporaryDirectory() as out:
        mp.start_processes(_worker,
                           args=(world, port, n, dim, batch, steps, out),
                           nprocs=world, start_method='spawn')
        return [torch.load(osp.join(out, f'{r}.pt')) for r in range(world)]


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('--classes', type=int, nargs='+',
                   default=[10000, 100000, 1281167])
    p.add_argument('--world', type=int, nargs='+', default=[1, 2])
    p.add_argument('--dim', type=int, default=128)
    p.add_argument('--batch', type=int, default=256)
    p.add_argument('--steps', type=int, default=5)
    p.add_argument('--out', default='docs/benchmarks/instcls_scaling')
    args = p.parse_args()
    runs = []
    for n in args.classes:
        for world in args.world:
            ranks = measure(n, world, args.dim, args.batch, args.steps)
            run = dict(classes=n, world=world, ranks=ranks,
                       classifier_mib_per_rank=max(
                           r['param_mib'] + r['grad_mib']
                           + r['optim_state_mib'] for r in ranks),
                       peak_rss_mib_per_rank=max(r['peak_rss_mib']
                                                 for r in ranks),
                       step_s=max(r['step_s'] for r in ranks))
            print(json.dumps({k: v for k, v in run.items() if k != 'ranks'}),
                  flush=True)
            runs.append(run)
    out = osp.join(ROOT, args.out)
    os.makedirs(osp.dirname(out), exist_ok=True)
    meta = dict(machine=platform.platform(), cpus=os.cpu_count(),
                torch=torch.__version__, dim=args.dim,
                global_batch=args.batch, device='cpu (gloo)')
    json.dump(dict(meta=meta, runs=runs), open(out + '.json', 'w'), indent=1)
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(1, 2, figsize=(10, 4))
    for world in args.world:
        rs = [r for r in runs if r['world'] == world]
        xs = [r['classes'] for r in rs]
        axes[0].plot(xs, [r['classifier_mib_per_rank'] for r in rs], 'o-',
                     label=f'P={world}')
        axes[1].plot(xs, [r['step_s'] * 1e3 for r in rs], 'o-',
                     label=f'P={world}')
    for ax, title in zip(axes, ['classifier + grad + momentum per rank '
                                '(MiB)', 'classifier step (ms)']):
        ax.set_xscale('log')
        ax.set_yscale('log')
        ax.set_xlabel('instances N')
        ax.set_title(title)
        ax.legend()
    fig.suptitle(f'sharded instance classifier, d={args.dim}, global batch '
                 f'{args.batch}, {meta["cpus"]} CPU cores')
    fig.tight_layout()
    fig.savefig(out + '.png', dpi=100)


if __name__ == '__main__':
    sys.path.insert(0, ROOT)
    main()

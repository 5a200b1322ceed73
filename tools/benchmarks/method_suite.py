"""Every method and every mmpretrain baseline at one shared setting, in one
run: what a user weighs when choosing a pretraining method.

1. Cost, side by side (``tools/analysis_tools/benchmark_methods.py``):
   images/s, step time, backbone passes and FLOPs per image, loader
   throughput and peak memory, at one batch size for all, interleaved.
2. Quality for budget: each method pretrains for the same wall-clock budget
   (``TrainBudgetHook``, stopping mid-epoch), saving checkpoints at the
   ``--marks``; kNN (k=20, T=0.07) and a linear probe on frozen features at
   every mark give a learning-efficiency curve (accuracy against training
   seconds) per method; random init is the floor. EMP-SSL is also evaluated
   on its bag-of-patches feature.

    python tools/benchmarks/method_suite.py --budget 300 --marks 100 200 \
        --data-root ../shared/data/cifar10-5k --out docs/benchmarks/suite

The shared setting is that of the ``*budget_cifar10-5k`` / ``*cifar10-5k``
configs below: ResNet-18 with the CIFAR stem, 32 px, each method's own
recipe. Re-running skips methods whose checkpoints are already in
``--work-dir``. Writes ``OUT.json``, ``OUT.md``, ``OUT_curves.png`` and
``OUT_cost.png``.
"""
import argparse
import json
import os
import os.path as osp
import re
import sys

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
sys.path.insert(0, osp.join(ROOT, 'tools', 'benchmarks'))
sys.path.insert(0, osp.join(ROOT, 'tools', 'analysis_tools'))

BASELINES = 'configs/benchmarks/baselines/'
METHODS = {
    'DetCon-B': 'configs/detcon/detconb_r18_1xb128-budget_cifar10-5k.py',
    'DetCon-S': 'configs/detcon/detcons_r18_1xb128-budget_cifar10-5k.py',
    'JigClu': 'configs/jigclu/jigclu_r18_1xb128-budget_cifar10-5k.py',
    'InstCls': 'configs/instcls/instcls_r18_1xb128-coslr-30e_cifar10-5k.py',
    'EMP-SSL': 'configs/empssl/empssl_r18_1xb20-8p-1e_cifar10-5k.py',
    'SimCLR': BASELINES + 'simclr_r18_1xb128-budget_cifar10-5k.py',
    'MoCo v2': BASELINES + 'mocov2_r18_1xb128-budget_cifar10-5k.py',
    'BYOL': BASELINES + 'byol_r18_1xb128-budget_cifar10-5k.py',
}
FROM_MMPRETRAIN = ('SimCLR', 'MoCo v2', 'BYOL')


def budget_config(config, budget, marks, path):
    """``config`` with our budget hook (and its marks) as the only budget,
    no epoch checkpoints (the marks are the checkpoints), dumped to
    ``path``."""
    from mmengine.config import Config
    cfg = Config.fromfile(osp.join(ROOT, config))
    hooks = [h for h in cfg.get('custom_hooks', [])
             if not h['type'].endswith('TrainBudgetHook')]
    cfg.custom_hooks = [
        dict(type='mmssl.TrainBudgetHook', seconds=budget,
             save_at=sorted({*marks, budget})), *hooks
    ]
    cfg.default_hooks.checkpoint = dict(type='CheckpointHook',
                                        interval=10**6)
    cfg.dump(path)
    return path


def mark_checkpoints(work_dir, marks):
    return {m: osp.join(work_dir, f'budget_{m:g}s.pth') for m in marks}


def pretrain(name, config, budget, marks, work):
    from bench_utils import run_train
    wd = osp.join(work, re.sub(r'\W+', '_', name))
    ckpts = mark_checkpoints(wd, marks)
    if all(osp.exists(c) for c in ckpts.values()):
        print(f'{name}: checkpoints found in {wd}, not retrained')
        return ckpts
    os.makedirs(wd, exist_ok=True)
    cfg = budget_config(config, budget, marks, osp.join(wd, 'budget_cfg.py'))
    run_train(cfg, wd)
    missing = [c for c in ckpts.values() if not osp.exists(c)]
    if missing:
        raise SystemExit(f'{name}: the budget hook did not write {missing}')
    return ckpts


def frozen_eval(config, checkpoint, args, bag_patches=0):
    import torch
    from linear_probe import knn_and_linear
    result = knn_and_linear(osp.join(ROOT, config), checkpoint,
                            args.data_root, args.size,
                            osp.join(args.work_dir, 'features'), bag_patches)
    if checkpoint:
        meta = torch.load(checkpoint, map_location='cpu')['meta']
        result.update(train_seconds=float(meta['train_seconds']),
                      iterations=int(meta['iter']))
    return result


def plot_curves(results, random, meta, path):
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(1, 2, figsize=(11, 4))
    for ax, probe in zip(axes, ('knn_top1', 'linear_top1')):
        for name, r in results.items():
            xs = [0] + [p['train_seconds'] for p in r['curve']]
            ys = [random[probe]] + [p[probe] for p in r['curve']]
            style = '--' if name in FROM_MMPRETRAIN else '-'
            ax.plot(xs, ys, style, marker='o', ms=3, label=name)
            if 'bag_of_patches' in r:
                ax.plot([xs[-1]], [r['bag_of_patches'][probe]], 'k*',
                        ms=9, label=f'{name} (bag of patches)')
        ax.axhline(random[probe], color='grey', lw=0.8, ls=':',
                   label='random init')
        ax.set_xlabel('pretraining wall-clock (s)')
        ax.set_ylabel(('kNN' if probe == 'knn_top1' else 'linear probe') +
                      ' top-1 (%)')
    axes[1].legend(fontsize=7, loc='center left', bbox_to_anchor=(1, 0.5))
    fig.suptitle(f"{meta['data']}, {meta['input_size']} px, "
                 f"{meta['machine']} (dashed: mmpretrain baselines)",
                 fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=100)


def table(results, random, cost, budget):
    lines = [
        f'| method | images/s (batch {cost["batch"]}) | backbone passes '
        '/ image | GFLOP / image | peak memory (MiB) | iterations in '
        f'{budget:g} s | kNN top-1 | linear top-1 |', '|---' * 8 + '|'
    ]
    for name, r in results.items():
        c = cost['results'].get(name, {})
        end = r['curve'][-1]
        knn, linear = f"{end['knn_top1']:.1f}", f"{end['linear_top1']:.1f}"
        if 'bag_of_patches' in r:
            knn += f" (bag {r['bag_of_patches']['knn_top1']:.1f})"
            linear += f" (bag {r['bag_of_patches']['linear_top1']:.1f})"
        memory = c.get('peak_gpu_memory_mib') or c.get('peak_rss_mib')
        label = f'{name} (mmpretrain)' if name in FROM_MMPRETRAIN else name
        lines.append(
            f"| {label} | {c.get('images_per_s', float('nan')):.1f} | "
            f"{c.get('backbone_forwards_per_image', float('nan')):.0f} | "
            f"{c.get('gflops_per_image', float('nan')):.2f} | "
            f"{memory or float('nan'):.0f} | {end['iterations']} | {knn} | "
            f'{linear} |')
    lines.append(f"| random init | | | | | 0 | {random['knn_top1']:.1f} | "
                 f"{random['linear_top1']:.1f} |")
    return '\n'.join(lines) + '\n'


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument('--methods', nargs='+', default=list(METHODS),
                   help=f'names from {list(METHODS)}')
    p.add_argument('--budget', type=float, default=300)
    p.add_argument('--marks', type=float, nargs='*', default=[100, 200],
                   help='checkpoint times for the curves (the budget is '
                   'always one)')
    p.add_argument('--data-root', default='../shared/data/cifar10-5k')
    p.add_argument('--size', type=int, default=32)
    p.add_argument('--bag-patches', type=int, default=8)
    p.add_argument('--cost-batch', type=int, default=64)
    p.add_argument('--cost-rounds', type=int, default=3)
    p.add_argument('--cost-steps', type=int, default=2)
    p.add_argument('--skip-cost', action='store_true')
    p.add_argument('--work-dir', default='work_dirs/benchmarks/suite')
    p.add_argument('--out', default='docs/benchmarks/suite')
    args = p.parse_args()
    unknown = [m for m in args.methods if m not in METHODS]
    if unknown:
        p.error(f'unknown methods {unknown}; choose from {list(METHODS)}')
    args.data_root = osp.abspath(args.data_root)
    args.work_dir = osp.join(ROOT, args.work_dir)
    out = osp.join(ROOT, args.out)
    os.makedirs(osp.dirname(out), exist_ok=True)

    from bench_utils import machine

    from mmssl.utils import register_all_modules
    register_all_modules(init_default_scope=False)
    meta = dict(machine=machine(), data=args.data_root, input_size=args.size,
                budget_seconds=args.budget, marks=args.marks,
                configs={m: METHODS[m] for m in args.methods},
                knn='k=20, T=0.07, cosine, backbone GAP features',
                linear='L-BFGS logistic regression, standardised features, '
                'wd 1e-4', bag_patches=args.bag_patches)

    cost = dict(batch=args.cost_batch, results={})
    cost_json = out + '_cost.json'
    if args.skip_cost and osp.exists(cost_json):
        cost = json.load(open(cost_json))
    elif not args.skip_cost:
        import benchmark_methods
        specs = [f'{m}={osp.join(ROOT, METHODS[m])}' for m in args.methods]
        cost['results'] = benchmark_methods.measure(
            specs, {'train_dataloader.batch_size': args.cost_batch},
            rounds=args.cost_rounds, steps=args.cost_steps,
            work_dir=osp.join(args.work_dir, 'cost'),
            with_cpu_memory=True)
        cost['meta'] = dict(rounds=args.cost_rounds,
                            steps_per_round=args.cost_steps)
        json.dump(cost, open(cost_json, 'w'), indent=2)
        benchmark_methods.plot(
            cost['results'], dict(device='cpu', machine=meta['machine'],
                                  rounds=args.cost_rounds), out + '_cost.png')

    marks = sorted({*args.marks, args.budget})
    results = {}
    for name in args.methods:
        ckpts = pretrain(name, METHODS[name], args.budget, marks,
                         osp.join(args.work_dir, 'pretrain'))
        curve = [frozen_eval(METHODS[name], ckpts[m], args) for m in marks]
        results[name] = dict(curve=curve)
        if name == 'EMP-SSL':
            results[name]['bag_of_patches'] = frozen_eval(
                METHODS[name], ckpts[args.budget], args, args.bag_patches)
        print(name, json.dumps(results[name]), flush=True)
    random = frozen_eval(METHODS[args.methods[0]], None, args)

    json.dump(dict(meta=meta, results=results, random_init=random,
                   cost=cost), open(out + '.json', 'w'), indent=2)
    md = table(results, random, cost, args.budget)
    open(out + '.md', 'w').write(md)
    print(md)
    plot_curves(results, random, meta, out + '_curves.png')


if __name__ == '__main__':
    main()

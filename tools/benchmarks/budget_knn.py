"""Quality for budget: pretrain several methods for the same wall-clock
budget, then kNN (k=20, T=0.07) on frozen features; random init included.

    python tools/benchmarks/budget_knn.py \
        --methods JigClu=configs/jigclu/jigclu_r18_1xb128-budget_cifar10-5k.py \
                  SimCLR=configs/benchmarks/baselines/simclr_r18_1xb128-budget_cifar10-5k.py \
        --budget 240 --data-root ../shared/data/cifar10-5k --size 32

Each config must carry a ``TrainBudgetHook`` as ``custom_hooks[0]`` (its
seconds are set to ``--budget``). Writes results.json, results.md and
results.png (kNN top-1 per method, iterations run) in ``--work-dir``.
"""
import argparse
import json
import os
import os.path as osp
import re
import sys
import time

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
sys.path.insert(0, osp.join(ROOT, 'tools', 'benchmarks'))


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('--methods', nargs='+', required=True)
    p.add_argument('--budget', type=float, default=240)
    p.add_argument('--data-root', required=True)
    p.add_argument('--size', type=int, default=32)
    p.add_argument('--work-dir', default='work_dirs/benchmarks/budget_knn')
    args = p.parse_args()
    from bench_utils import (last_checkpoint, machine, run_train,
                             trained_iterations)
    from knn import evaluate
    work = osp.join(ROOT, args.work_dir)
    os.makedirs(work, exist_ok=True)
    data_root = osp.abspath(args.data_root)
    results = {}
    first_config = None
    for spec in args.methods:
        name, config = spec.split('=', 1)
        first_config = first_config or config
        wd = osp.join(work, re.sub(r'\W+', '_', name))
        t0 = time.time()
        run_train(config, wd, [
            f'custom_hooks.0.seconds={args.budget}',
            f'train_dataloader.dataset.data_root={data_root}/'])
        ckpt = last_checkpoint(wd)
        knn = evaluate(config, ckpt, data_root, size=args.size,
                       cache_dir=osp.join(work, 'features'))
        results[name] = dict(knn_top1=knn['top1'],
                             iterations=trained_iterations(ckpt),
                             wall_seconds=time.time() - t0, config=config)
        print(name, results[name], flush=True)
    knn = evaluate(first_config, None, data_root, size=args.size,
                   cache_dir=osp.join(work, 'features'))
    results['random init'] = dict(knn_top1=knn['top1'], iterations=0)

    meta = dict(machine=machine(), budget_seconds=args.budget, data=data_root,
                knn='k=20, T=0.07, cosine, train split -> test split',
                input_size=args.size)
    json.dump(dict(meta=meta, results=results),
              open(osp.join(work, 'results.json'), 'w'), indent=2)
    lines = ['| method | iterations in budget | kNN top-1 (%) |',
             '|---|---|---|']
    lines += [f"| {n} | {r['iterations']} | {r['knn_top1']:.1f} |"
              for n, r in results.items()]
    open(osp.join(work, 'results.md'), 'w').write('\n'.join(lines) + '\n')
    print('\n'.join(lines))

    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(6, 3.5))
    names = list(results)
    ax.bar(names, [results[n]['knn_top1'] for n in names])
    ax.set_ylabel('kNN top-1 (%)')
    ax.set_title(f'{args.budget:.0f}s pretraining each, {meta["machine"]}',
                 fontsize=9)
    fig.tight_layout()
    fig.savefig(osp.join(work, 'results.png'), dpi=100)


if __name__ == '__main__':
    main()

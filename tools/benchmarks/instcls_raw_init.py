"""Does the raw-feature initialisation speed up early training?

Trains the instance classifier twice from the same seed for the same number
of epochs, with and without ``RawFeatureInitHook``, then kNN (k=20, T=0.07)
on frozen backbone features; random init for reference. Writes JSON + PNG.

    python tools/benchmarks/instcls_raw_init.py \
        configs/instcls/instcls_r18_1xb128-coslr-30e_cifar10-5k.py \
        --epochs 2 --data-root ../shared/data/cifar10-5k --size 32
"""
import argparse
import json
import os
import os.path as osp
import sys

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
sys.path.insert(0, osp.join(ROOT, 'tools', 'benchmarks'))


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('config')
    p.add_argument('--epochs', type=int, default=2)
    p.add_argument('--data-root', required=True)
    p.add_argument('--size', type=int, default=32)
    p.add_argument('--work-dir', default='work_dirs/benchmarks/instcls_raw_init')
    p.add_argument('--out', default='docs/benchmarks/instcls_raw_init')
    args = p.parse_args()
    from bench_utils import (last_checkpoint, machine, run_train,
                             trained_iterations)
    from knn import evaluate
    work = osp.join(ROOT, args.work_dir)
    os.makedirs(work, exist_ok=True)
    data_root = osp.abspath(args.data_root)
    config = osp.abspath(args.config)
    # the same config without the RawFeatureInitHook
    no_init = osp.join(work, 'no_raw_init.py')
    with open(no_init, 'w') as f:
        f.write(f"_base_ = '{config}'\n"
                "custom_hooks = [dict(type='ShardedClassifierCheckpointHook')]\n")
    results = {}
    for name, cfg in (('raw-feature init', config), ('random classifier',
                                                      no_init)):
        wd = osp.join(work, name.replace(' ', '_'))
        run_train(cfg, wd, [f'train_cfg.max_epochs={args.epochs}'])
        ckpt = last_checkpoint(wd)
        knn = evaluate(config, ckpt, data_root, size=args.size,
                       cache_dir=osp.join(work, 'features'))
        results[name] = dict(knn_top1=knn['top1'],
                             iterations=trained_iterations(ckpt))
        print(name, results[name], flush=True)
    knn = evaluate(config, None, data_root, size=args.size,
                   cache_dir=osp.join(work, 'features'))
    results['random init (no training)'] = dict(knn_top1=knn['top1'],
                                                iterations=0)
    meta = dict(machine=machine(),
                config=args.config, epochs=args.epochs, data=data_root,
                knn='k=20, T=0.07, cosine, train -> test')
    out = osp.join(ROOT, args.out)
    os.makedirs(osp.dirname(out), exist_ok=True)
    json.dump(dict(meta=meta, results=results), open(out + '.json', 'w'),
              indent=2)
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.bar(list(results), [r['knn_top1'] for r in results.values()])
    ax.set_ylabel('kNN top-1 (%)')
    ax.set_title(f'instance classifier, {args.epochs} epochs each', fontsize=9)
    fig.tight_layout()
    fig.savefig(out + '.png', dpi=100)


if __name__ == '__main__':
    main()

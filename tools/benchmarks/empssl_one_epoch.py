"""EMP-SSL vs SimCLR after one epoch each on the same images: kNN top-1
(k=20, T=0.07) and linear probe on whole-image backbone features for both,
and on EMP-SSL's bag-of-patches features; the wall-clock of each epoch side
by side.

    python tools/benchmarks/empssl_one_epoch.py \
        --data-root ../shared/data/cifar10-5k --bag-patches 8
"""
import argparse
import json
import os
import os.path as osp
import sys
import time

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
sys.path.insert(0, osp.join(ROOT, 'tools', 'benchmarks'))
EMPSSL = 'configs/empssl/empssl_r18_1xb20-8p-1e_cifar10-5k.py'
SIMCLR = 'configs/benchmarks/baselines/simclr_r18_1xb128-budget_cifar10-5k.py'


def frozen_eval(config, checkpoint, data_root, size, work, bag_patches=0):
    from linear_probe import knn_and_linear
    r = knn_and_linear(config, checkpoint, data_root, size,
                       osp.join(work, 'features'), bag_patches)
    return r['knn_top1'], r['linear_top1']


def train(name, config, work, extra):
    from bench_utils import last_checkpoint, run_train, trained_iterations
    wd = osp.join(work, name)
    t0 = time.time()
    run_train(config, wd, ['train_cfg.max_epochs=1', *extra])
    ckpt = last_checkpoint(wd)
    return ckpt, time.time() - t0, trained_iterations(ckpt)


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('--data-root', required=True)
    p.add_argument('--size', type=int, default=32)
    p.add_argument('--bag-patches', type=int, default=8)
    p.add_argument('--per-class', type=int, default=0,
                   help='train both methods on the first N images of each '
                   'class only (0: all); kNN always uses the full splits')
    p.add_argument('--work-dir', default='work_dirs/benchmarks/empssl_1ep')
    p.add_argument('--out', default='docs/benchmarks/empssl_one_epoch')
    args = p.parse_args()
    work = osp.join(ROOT, args.work_dir)
    os.makedirs(work, exist_ok=True)
    data_root = osp.abspath(args.data_root)
    data_opt = [f'train_dataloader.dataset.data_root={data_root}/']
    if args.per_class:
        listing = osp.join(work, f'train_{args.per_class}_per_class.txt')
        with open(listing, 'w') as f:
            for cls in sorted(os.listdir(osp.join(data_root, 'train'))):
                names = sorted(os.listdir(osp.join(data_root, 'train', cls)))
                for name in names[:args.per_class]:
                    f.write(f'{cls}/{name}\n')
        data_opt.append(f'train_dataloader.dataset.ann_file={listing}')
    results = {}
    for name, config, extra in (
            ('EMP-SSL', EMPSSL, data_opt),
            ('SimCLR', SIMCLR, data_opt + ['custom_hooks.0.seconds=1e9'])):
        ckpt, seconds, iters = train(name, config, work, extra)
        knn, linear = frozen_eval(config, ckpt, data_root, args.size, work)
        results[name] = dict(knn_top1_whole_image=knn,
                             linear_top1_whole_image=linear,
                             epoch_seconds=seconds, iterations=iters)
        if name == 'EMP-SSL':
            knn, linear = frozen_eval(config, ckpt, data_root, args.size,
                                      work, args.bag_patches)
            results[name].update(knn_top1_bag_of_patches=knn,
                                 linear_top1_bag_of_patches=linear)
        print(name, results[name], flush=True)
    knn, linear = frozen_eval(EMPSSL, None, data_root, args.size, work)
    results['random init'] = dict(knn_top1_whole_image=knn,
                                  linear_top1_whole_image=linear)
    from bench_utils import machine
    meta = dict(machine=machine(),
                data=data_root, epochs=1, train_per_class=args.per_class,
                bag_patches=args.bag_patches,
                configs=dict(empssl=EMPSSL, simclr=SIMCLR),
                knn='k=20, T=0.07, cosine, backbone GAP features',
                linear='L-BFGS logistic regression on standardised features, '
                'wd 1e-4')
    out = osp.join(ROOT, args.out)
    json.dump(dict(meta=meta, results=results), open(out + '.json', 'w'),
              indent=2)
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.5))
    for ax, probe in zip(axes, ('knn', 'linear')):
        bars = {f'{n}\n(whole image)': r[f'{probe}_top1_whole_image']
                for n, r in results.items()}
        bars['EMP-SSL\n(bag of patches)'] = results['EMP-SSL'][
            f'{probe}_top1_bag_of_patches']
        ax.bar(list(bars), list(bars.values()))
        ax.set_ylabel(f'{probe} top-1 (%)')
        ax.tick_params(axis='x', labelsize=8)
    ax = axes[0]
    ax.set_title(f'one epoch each ({args.per_class or "all"} images per '
                 'class), ' + meta['machine'],
                 fontsize=9)
    fig.tight_layout()
    fig.savefig(out + '.png', dpi=100)


if __name__ == '__main__':
    main()

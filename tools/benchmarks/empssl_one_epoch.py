"""EMP-SSL vs SimCLR after one epoch each on the same images: kNN top-1
(k=20, T=0.07) on whole-image backbone features for both, and on EMP-SSL's
bag-of-patches features; the wall-clock of each epoch side by side.

    python tools/benchmarks/empssl_one_epoch.py \
        --data-root ../shared/data/cifar10-5k --bag-patches 8
"""
import argparse
import json
import os
import os.path as osp
import platform
import subprocess
import sys
import time

import torch

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
sys.path.insert(0, osp.join(ROOT, 'tools', 'benchmarks'))
EMPSSL = 'configs/empssl/empssl_r18_1xb20-8p-1e_cifar10-5k.py'
SIMCLR = 'configs/benchmarks/baselines/simclr_r18_1xb128-budget_cifar10-5k.py'


def bag_knn(config, checkpoint, data_root, patches, size, seed=0):
    from mmengine import Config

    from mmssl.evaluation import (bag_of_patches,
                                  build_backbone_from_checkpoint,
                                  image_folder_loader, knn_accuracy)
    cfg = Config.fromfile(osp.join(ROOT, config))
    backbone = build_backbone_from_checkpoint(cfg.model.backbone, checkpoint)
    backbone.eval()
    g = torch.Generator().manual_seed(seed)

    def encode(x):
        return backbone(x)[-1].mean(dim=(2, 3))

    out = []
    for split in ('train', 'test'):
        feats, labels = [], []
        for imgs, ys in image_folder_loader(osp.join(data_root, split), size):
            feats.append(bag_of_patches(encode, imgs, patches, size,
                                        generator=g))
            labels.append(ys)
        out += [torch.cat(feats), torch.cat(labels)]
    return knn_accuracy(*out, k=20, temperature=0.07)['top1']


def train(name, config, work, extra):
    wd = osp.join(work, name)
    log = wd + '.log'
    t0 = time.time()
    with open(log, 'w') as f:
        rc = subprocess.run(
            [sys.executable, 'tools/train.py', config, '--work-dir', wd,
             '--cfg-options', 'train_cfg.max_epochs=1', *extra],
            cwd=ROOT, stdout=f, stderr=subprocess.STDOUT).returncode
    if rc:
        raise SystemExit(f'{name} failed; see {log}')
    ckpt = open(osp.join(wd, 'last_checkpoint')).read().strip()
    return ckpt, time.time() - t0, trained_iterations(ckpt)


def trained_iterations(checkpoint):
    """Iterations actually trained (the log only shows every n-th)."""
    return int(torch.load(checkpoint, map_location='cpu')['meta']['iter'])


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
    from knn import evaluate
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
        knn = evaluate(config, ckpt, data_root, size=args.size,
                       cache_dir=osp.join(work, 'features'))
        results[name] = dict(knn_top1_whole_image=knn['top1'],
                             epoch_seconds=seconds, iterations=iters)
        if name == 'EMP-SSL':
            results[name]['knn_top1_bag_of_patches'] = bag_knn(
                config, ckpt, data_root, args.bag_patches, args.size)
        print(name, results[name], flush=True)
    knn = evaluate(EMPSSL, None, data_root, size=args.size,
                   cache_dir=osp.join(work, 'features'))
    results['random init'] = dict(knn_top1_whole_image=knn['top1'])
    meta = dict(machine=f'{platform.machine()}, {os.cpu_count()} CPU cores',
                data=data_root, epochs=1, train_per_class=args.per_class, bag_patches=args.bag_patches,
                configs=dict(empssl=EMPSSL, simclr=SIMCLR),
                knn='k=20, T=0.07, cosine, backbone GAP features')
    out = osp.join(ROOT, args.out)
    json.dump(dict(meta=meta, results=results), open(out + '.json', 'w'),
              indent=2)
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(6, 3.5))
    bars = {f'{n}\n(whole image)': r['knn_top1_whole_image']
            for n, r in results.items()}
    bars['EMP-SSL\n(bag of patches)'] = results['EMP-SSL'][
        'knn_top1_bag_of_patches']
    ax.bar(list(bars), list(bars.values()))
    ax.set_ylabel('kNN top-1 (%)')
    ax.set_title(f'one epoch each ({args.per_class or "all"} images per '
                 'class), ' + meta['machine'],
                 fontsize=9)
    fig.tight_layout()
    fig.savefig(out + '.png', dpi=100)


if __name__ == '__main__':
    main()

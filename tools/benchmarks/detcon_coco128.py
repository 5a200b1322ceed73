"""DetCon-B vs mmpretrain's BYOL vs random init, at equal pretraining cost.

On the real COCO photos of ../shared/data/coco128:
1. Felzenszwalb masks (paper setting) with tools/misc/generate_masks.py;
2. DetCon-B and BYOL (ResNet-18, 128 px, batch 32, same optimiser) each
   pretrain for the same wall-clock budget;
3. each backbone (and a random one) is fine-tuned with Mask R-CNN on the
   coco128 train split and evaluated on its val split (bbox / segm AP);
4. kNN top-1 (k=20, T=0.07) on ../shared/data/cifar10-5k.
Writes results.json, results.md and results.png in --work-dir.

    python tools/benchmarks/detcon_coco128.py [--budget 420]
"""
import argparse
import json
import os
import os.path as osp
import sys

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
sys.path.insert(0, osp.join(ROOT, 'tools', 'benchmarks'))

PRETRAIN = {
    'DetCon-B': 'configs/detcon/detconb_r18_1xb32-budget_coco128.py',
    'BYOL (mmpretrain)':
    'configs/benchmarks/baselines/byol_r18_1xb32-budget_coco128.py',
}
DET_CFG = ('configs/benchmarks/mmdetection/coco128/'
           'mask-rcnn_r18_fpn_1xb4-8e_coco128.py')


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('--work-dir', default='work_dirs/benchmarks/detcon_coco128')
    p.add_argument('--budget', type=float, default=420,
                   help='pretraining seconds per method')
    p.add_argument('--data', default=osp.join(osp.dirname(ROOT), 'shared',
                                              'data'))
    args = p.parse_args()
    from bench_utils import (last_checkpoint, machine, run_logged,
                             trained_iterations)
    py = sys.executable
    work = osp.join(ROOT, args.work_dir)
    os.makedirs(work, exist_ok=True)
    coco = osp.join(args.data, 'coco128')
    mask_dir = osp.join(ROOT, 'work_dirs/benchmarks/coco128_masks/'
                        'felzenszwalb')
    run_logged([py, 'tools/misc/generate_masks.py',
                osp.join(coco, 'images'), mask_dir, '--workers', '2'],
               osp.join(work, 'masks.log'))

    results = {}
    ckpts = {'random init': None}
    for name, cfg in PRETRAIN.items():
        wd = osp.join(work, name.split()[0].lower())
        log = osp.join(work, f'{osp.basename(wd)}_pretrain.log')
        opts = [f'train_dataloader.dataset.data_root={coco}/',
                f'custom_hooks.0.seconds={args.budget}']
        if 'DetCon' in name:
            opts += [
                f'train_dataloader.dataset.pipeline.1.mask_dir={mask_dir}',
                f'train_dataloader.dataset.pipeline.1.img_root={coco}/images'
            ]
        if osp.exists(osp.join(wd, 'last_checkpoint')):
            print(f'{name}: reusing {last_checkpoint(wd)}', flush=True)
        else:
            run_logged([py, 'tools/train.py', cfg, '--work-dir', wd,
                '--cfg-options', *opts], log)
        ckpts[name] = last_checkpoint(wd)
        results[name] = dict(pretrain_iters=trained_iterations(ckpts[name]))

    from knn import evaluate
    for name, ckpt in ckpts.items():
        results.setdefault(name, {})
        tag = name.split()[0].lower()
        wd = osp.join(work, f'{tag}_maskrcnn')
        opts = [f'train_dataloader.dataset.data_root={coco}/',
                f'val_dataloader.dataset.data_root={coco}/',
                f'test_dataloader.dataset.data_root={coco}/',
                f'val_evaluator.ann_file={coco}/annotations/'
                'instances_val.json',
                f'test_evaluator.ann_file={coco}/annotations/'
                'instances_val.json']
        if ckpt:
            opts.append(f'model.backbone.init_cfg.checkpoint={ckpt}')
        else:
            opts.append('model.backbone.init_cfg=None')
        out = osp.join(wd, 'metrics.json')
        if osp.exists(out):
            print(f'{name}: reusing {out}', flush=True)
        else:
            run_logged([py, 'tools/train.py', DET_CFG, '--work-dir', wd,
                        '--cfg-options', *opts],
                       osp.join(work, f'{tag}_maskrcnn.log'))
            run_logged([py, 'tools/test.py', DET_CFG, last_checkpoint(wd),
                        '--work-dir', wd, '--out', out, '--cfg-options',
                        *opts[:5]], osp.join(work, f'{tag}_test.log'))
        metrics = json.load(open(out))
        results[name].update({k.split('/')[-1]: 100 * v
                              for k, v in metrics.items()
                              if k.endswith(('mAP', 'mAP_50'))})
        knn = evaluate(PRETRAIN.get(name, PRETRAIN['DetCon-B']), ckpt,
                       osp.join(args.data, 'cifar10-5k'), size=64,
                       cache_dir=osp.join(work, 'features'))
        results[name]['knn_top1_cifar10_5k'] = knn['top1']
        print(name, results[name], flush=True)

    meta = dict(machine=machine(), budget_seconds=args.budget,
                pretrain_data='coco128 images (128, no labels)',
                transfer='Mask R-CNN R18-FPN, coco128 train 96 / val 32, '
                '8 epochs, 256 px', knn='cifar10-5k, 64 px, k=20, T=0.07')
    json.dump(dict(meta=meta, results=results),
              open(osp.join(work, 'results.json'), 'w'), indent=2)
    cols = ['pretrain_iters', 'bbox_mAP', 'bbox_mAP_50', 'segm_mAP',
            'knn_top1_cifar10_5k']
    lines = ['| init | ' + ' | '.join(cols) + ' |',
             '|' + '---|' * (len(cols) + 1)]
    for name, r in results.items():
        lines.append(f'| {name} | ' + ' | '.join(
            f'{r[c]:.1f}' if isinstance(r.get(c), float) else str(r.get(c, '-'))
            for c in cols) + ' |')
    open(osp.join(work, 'results.md'), 'w').write('\n'.join(lines) + '\n')
    print('\n'.join(lines))

    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(1, 3, figsize=(12, 3.5))
    for ax, key in zip(axes, ['bbox_mAP', 'segm_mAP', 'knn_top1_cifar10_5k']):
        names = list(results)
        ax.bar(names, [results[n].get(key, 0) for n in names],
               color=['grey' if n == 'random init' else f'C{i}'
                      for i, n in enumerate(names)])
        ax.set_title(key)
        ax.tick_params(axis='x', labelsize=8)
    fig.suptitle(f'coco128, {args.budget:.0f}s pretraining budget each, '
                 f'{meta["machine"]}')
    fig.tight_layout()
    fig.savefig(osp.join(work, 'results.png'), dpi=100)


if __name__ == '__main__':
    main()

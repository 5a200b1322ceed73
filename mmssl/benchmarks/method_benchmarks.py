"""Per-method studies behind each method's README figures."""
import json
import os
import os.path as osp
import statistics
import sys
import time

import torch

from .report import bar_panels, markdown_table, write_json, write_markdown
from .runs import (last_checkpoint, link_data, machine, project_root,
                   run_logged, run_train, trained_iterations)
from .transfer import fine_tune_and_test

SIMCLR = 'configs/benchmarks/baselines/simclr_r18_1xb128-budget_cifar10-5k.py'


def _work(work_dir):
    work = osp.join(project_root(), work_dir)
    os.makedirs(work, exist_ok=True)
    return work


# --------------------------------------------------------------- DetCon ----
DETCON_PRETRAIN = {
    'DetCon-B': 'configs/detcon/detconb_r18_1xb32-budget_coco128.py',
    'BYOL (mmpretrain)':
    'configs/benchmarks/baselines/byol_r18_1xb32-budget_coco128.py',
}
DETCON_TRANSFER = ('configs/benchmarks/mmdetection/coco128/'
                   'mask-rcnn_r18_fpn_1xb4-8e_coco128.py')


def detcon_coco128(data, budget=420.,
                   work_dir='work_dirs/benchmarks/detcon_coco128'):
    """DetCon-B vs mmpretrain's BYOL vs random init at the same pretraining
    wall-clock on the real coco128 photos: Felzenszwalb masks, pretraining,
    Mask R-CNN fine-tuning (bbox / segm AP) and kNN on cifar10-5k. Finished
    steps are reused."""
    from mmssl.evaluation import knn_and_linear
    work, coco = _work(work_dir), osp.join(data, 'coco128')
    link_data('coco128', coco)
    mask_dir = osp.join(work, 'masks_felzenszwalb')
    run_logged([sys.executable, 'tools/misc/generate_masks.py',
                osp.join(coco, 'images'), mask_dir, '--workers', '2'],
               osp.join(work, 'masks.log'))
    results, ckpts = {}, {'random init': None}
    for name, cfg in DETCON_PRETRAIN.items():
        wd = osp.join(work, name.split()[0].lower())
        opts = [f'train_dataloader.dataset.data_root={coco}/',
                f'custom_hooks.0.seconds={budget}']
        if 'DetCon' in name:
            opts += [
                f'train_dataloader.dataset.pipeline.1.mask_dir={mask_dir}',
                f'train_dataloader.dataset.pipeline.1.img_root={coco}/images'
            ]
        ckpts[name] = last_checkpoint(wd) or run_train(cfg, wd, opts)
        results[name] = dict(pretrain_iters=trained_iterations(ckpts[name]))
    data_opts = [f'{s}_dataloader.dataset.data_root={coco}/'
                 for s in ('train', 'val', 'test')]
    data_opts += [f'{s}_evaluator.ann_file={coco}/annotations/'
                  'instances_val.json' for s in ('val', 'test')]
    for name, ckpt in ckpts.items():
        metrics = fine_tune_and_test(
            DETCON_TRANSFER, ckpt,
            osp.join(work, f'{name.split()[0].lower()}_maskrcnn'), data_opts)
        results.setdefault(name, {}).update(
            {k.split('/')[-1]: 100 * v for k, v in metrics.items()
             if k.endswith(('mAP', 'mAP_50'))})
        results[name]['knn_top1_cifar10_5k'] = knn_and_linear(
            DETCON_PRETRAIN.get(name, DETCON_PRETRAIN['DetCon-B']), ckpt,
            osp.join(data, 'cifar10-5k'), 64, probes=('knn', ),
            cache_dir=osp.join(work, 'features'))['knn_top1']
        print(name, results[name], flush=True)
    meta = dict(machine=machine(), budget_seconds=budget,
                pretrain_data='coco128 images (128, no labels)',
                transfer='Mask R-CNN R18-FPN, coco128 train 96 / val 32, '
                '8 epochs, 256 px', knn='cifar10-5k, 64 px, k=20, T=0.07')
    write_json(osp.join(work, 'results.json'), meta=meta, results=results)
    cols = ['pretrain_iters', 'bbox_mAP', 'bbox_mAP_50', 'segm_mAP',
            'knn_top1_cifar10_5k']
    write_markdown(osp.join(work, 'results.md'), markdown_table(
        ['init', *cols], [[n, *(r.get(c) for c in cols)]
                          for n, r in results.items()]))
    bar_panels(osp.join(work, 'results.png'),
               {c: {n: results[n].get(c, 0) for n in results}
                for c in cols[1:]},
               f'coco128, {budget:.0f}s pretraining each, {meta["machine"]}')
    return results


# -------------------------------------------------------------- EMP-SSL ----
EMPSSL = 'configs/empssl/empssl_r18_1xb20-8p-1e_cifar10-5k.py'


def _per_class_listing(data_root, per_class, path):
    with open(path, 'w') as f:
        for cls in sorted(os.listdir(osp.join(data_root, 'train'))):
            names = sorted(os.listdir(osp.join(data_root, 'train', cls)))
            for name in names[:per_class]:
                f.write(f'{cls}/{name}\n')
    return path


def empssl_one_epoch(data_root, size=32, bag_patches=8, per_class=0,
                     work_dir='work_dirs/benchmarks/empssl_1ep',
                     out='docs/benchmarks/empssl_one_epoch'):
    """EMP-SSL (its config's one-epoch schedule) vs SimCLR, one epoch each
    on the same images; kNN and linear probe (fast protocol) on whole-image
    features, and EMP-SSL's bag-of-patches features; random init."""
    from mmssl.evaluation import knn_and_linear
    work, data_root = _work(work_dir), osp.abspath(data_root)
    cache = osp.join(work, 'features')
    opts = [f'train_dataloader.dataset.data_root={data_root}/']
    if per_class:
        opts.append('train_dataloader.dataset.ann_file=' + _per_class_listing(
            data_root, per_class, osp.join(work, f'train_{per_class}.txt')))
    results = {}
    for name, config, extra in (
            ('EMP-SSL', EMPSSL, []),
            ('SimCLR', SIMCLR, ['custom_hooks.0.seconds=1e9',
                                'train_cfg.max_epochs=1'])):
        t0 = time.time()
        ckpt = run_train(config, osp.join(work, name), opts + extra)
        results[name] = dict(epoch_seconds=time.time() - t0,
                             iterations=trained_iterations(ckpt))
        for tag, bag in (('whole_image', 0), ('bag_of_patches', bag_patches)):
            if bag and name != 'EMP-SSL':
                continue
            r = knn_and_linear(config, ckpt, data_root, size,
                               cache_dir=cache, bag_patches=bag)
            results[name].update({f'knn_top1_{tag}': r['knn_top1'],
                                  f'linear_top1_{tag}': r['linear_top1']})
        print(name, results[name], flush=True)
    r = knn_and_linear(EMPSSL, None, data_root, size, cache_dir=cache)
    results['random init'] = dict(knn_top1_whole_image=r['knn_top1'],
                                  linear_top1_whole_image=r['linear_top1'])
    meta = dict(machine=machine(), data=data_root, epochs=1,
                train_per_class=per_class, bag_patches=bag_patches,
                configs=dict(empssl=EMPSSL, simclr=SIMCLR),
                protocol='fast: backbone GAP features, kNN k=20 T=0.07, '
                'L-BFGS probe on standardised features (wd 1e-4)')
    out = osp.join(project_root(), out)
    write_json(out + '.json', meta=meta, results=results)
    panels = {}
    for probe in ('knn', 'linear'):
        bars = {f'{n} (whole image)': r[f'{probe}_top1_whole_image']
                for n, r in results.items()}
        bars['EMP-SSL (bag of patches)'] = results['EMP-SSL'][
            f'{probe}_top1_bag_of_patches']
        panels[f'{probe} top-1 (%)'] = bars
    bar_panels(out + '.png', panels, f'one epoch each '
               f'({per_class or "all"} images per class), {meta["machine"]}')
    return results


def empssl_throughput(config, rounds=5, steps=2, data_root=None,
                      out='docs/benchmarks/empssl_throughput.json'):
    """EMP-SSL patches/s against a plain backbone forward + backward (GAP,
    scalar, SGD step) on the same patches, interleaved."""
    from mmengine.config import Config
    from mmengine.registry import DefaultScope
    from mmengine.runner import Runner

    from .cost import interleaved
    cfg = Config.fromfile(config)
    if data_root:
        cfg.train_dataloader.dataset.data_root = data_root
    cfg.work_dir, cfg.custom_hooks = osp.join(_work('work_dirs/benchmarks'),
                                              'empssl_throughput'), []
    with DefaultScope.overwrite_default_scope('mmssl'):
        runner = Runner.from_cfg(cfg)
        model = runner.model
        optim = runner.build_optim_wrapper(cfg.optim_wrapper)
        batch = next(iter(runner.build_dataloader(cfg.train_dataloader)))
    patches = torch.cat(model.data_preprocessor(batch, True)['inputs'])
    plain_opt = torch.optim.SGD(model.backbone.parameters(), lr=1e-6,
                                momentum=0.9)

    def plain_step():
        plain_opt.zero_grad()
        model.backbone(patches)[-1].mean(dim=(2, 3)).sum().backward()
        plain_opt.step()

    times = interleaved({
        'EMP-SSL step': lambda: model.train_step(batch, optim),
        'plain backbone fwd+bwd': plain_step}, rounds, steps)
    result = {k: dict(step_s=statistics.median(v),
                      patches_per_s=len(patches) / statistics.median(v))
              for k, v in times.items()}
    ratio = (result['plain backbone fwd+bwd']['patches_per_s'] /
             result['EMP-SSL step']['patches_per_s'])
    write_json(osp.join(project_root(), out),
               meta=dict(machine=machine(), config=config,
                         patches_per_step=len(patches), rounds=rounds),
               results=result, plain_over_empssl=ratio)
    return result, ratio


# ---------------------------------------------------- instance classifier --
def instcls_raw_init(config, data_root, epochs=2, size=32,
                     work_dir='work_dirs/benchmarks/instcls_raw_init',
                     out='docs/benchmarks/instcls_raw_init'):
    """The instance classifier trained for ``epochs`` with and without
    ``RawFeatureInitHook`` (same seed), then kNN; random init for
    reference."""
    from mmssl.evaluation import knn_and_linear
    work, data_root = _work(work_dir), osp.abspath(data_root)
    link_data('cifar10-5k', data_root)
    config = osp.abspath(config)
    no_init = osp.join(work, 'no_raw_init.py')
    with open(no_init, 'w') as f:
        f.write(f"_base_ = '{config}'\ncustom_hooks = "
                "[dict(type='ShardedClassifierCheckpointHook')]\n")
    results = {}
    for name, cfg in (('raw-feature init', config),
                      ('random classifier', no_init), ('random init', None)):
        ckpt = cfg and run_train(cfg, osp.join(work, name.replace(' ', '_')),
                                 [f'train_cfg.max_epochs={epochs}'])
        results[name] = dict(
            knn_top1=knn_and_linear(config, ckpt, data_root, size,
                                    probes=('knn', ),
                                    cache_dir=osp.join(work, 'features'))
            ['knn_top1'], iterations=trained_iterations(ckpt) if ckpt else 0)
        print(name, results[name], flush=True)
    out = osp.join(project_root(), out)
    write_json(out + '.json', meta=dict(
        machine=machine(), config=config, epochs=epochs, data=data_root,
        knn='k=20, T=0.07, cosine, train -> test'), results=results)
    bar_panels(out + '.png', {'kNN top-1 (%)': {
        n: r['knn_top1'] for n, r in results.items()}},
        f'instance classifier, {epochs} epochs each')
    return results


def _scaling_worker(rank, world, n, dim, batch, steps):
    import resource

    import torch.distributed as dist

    from mmssl.models import ShardedInstanceClassifierHead
    torch.set_num_threads(max(1, (os.cpu_count() or 2) // world))
    head = ShardedInstanceClassifierHead(n, dim)
    opt = torch.optim.SGD(head.parameters(), lr=0.1, momentum=0.9)
    g = torch.Generator().manual_seed(rank)
    times = []
    for step in range(steps + 1):
        feats = torch.nn.functional.normalize(
            torch.randn(batch // world, dim, generator=g),
            dim=1).requires_grad_()
        labels = torch.randint(0, n, (batch // world, ), generator=g)
        t0 = time.perf_counter()
        opt.zero_grad()
        head.loss(feats, labels)['loss'].backward()
        opt.step()
        if world > 1:
            dist.barrier()
        if step:  # the first step allocates the momentum buffer
            times.append(time.perf_counter() - t0)
    state = sum(v.numel() * v.element_size()
                for v in opt.state[head.weight].values() if torch.is_tensor(v))
    return dict(rank=rank, rows=head.weight.shape[0],
                classifier_mib=(2 * head.weight.numel() * 4 + state) / 2**20,
                peak_rss_mib=resource.getrusage(
                    resource.RUSAGE_SELF).ru_maxrss / 1024,
                step_s=statistics.median(times))


def instcls_scaling(classes=(10000, 100000, 1281167), worlds=(1, 2), dim=128,
                    batch=256, steps=5, out='docs/benchmarks/instcls_scaling'):
    """Classifier memory (weights + gradient + momentum) and step time per
    rank of the sharded head alone, against N and P gloo processes."""
    from mmssl.testing import run_distributed
    runs = []
    for n in classes:
        for world in worlds:
            ranks = run_distributed(_scaling_worker, world, n, dim, batch,
                                    steps)
            runs.append(dict(
                classes=n, world=world, ranks=ranks,
                classifier_mib_per_rank=max(r['classifier_mib']
                                            for r in ranks),
                peak_rss_mib_per_rank=max(r['peak_rss_mib'] for r in ranks),
                step_s=max(r['step_s'] for r in ranks)))
            print(json.dumps({k: v for k, v in runs[-1].items()
                              if k != 'ranks'}), flush=True)
    out = osp.join(project_root(), out)
    write_json(out + '.json', meta=dict(machine=machine(), dim=dim,
                                        global_batch=batch,
                                        device='cpu (gloo)'), runs=runs)
    from .report import _pyplot
    plt = _pyplot()
    fig, axes = plt.subplots(1, 2, figsize=(10, 4))
    for world in worlds:
        rs = [r for r in runs if r['world'] == world]
        for ax, key, scale in ((axes[0], 'classifier_mib_per_rank', 1),
                               (axes[1], 'step_s', 1e3)):
            ax.plot([r['classes'] for r in rs], [r[key] * scale for r in rs],
                    'o-', label=f'P={world}')
    for ax, title in zip(axes, ['classifier + grad + momentum per rank '
                                '(MiB)', 'classifier step (ms)']):
        ax.set(xscale='log', yscale='log', xlabel='instances N', title=title)
        ax.legend()
    fig.tight_layout()
    fig.savefig(out + '.png', dpi=100)
    plt.close(fig)
    return runs

"""mmssl's main job on the embedded demo data: pretrain -> detection
transfer from the checkpoint and from random init (same detector schedule
and seed) -> COCO bbox / segm AP side by side (``tools/misc/run_demo.py``).
"""
import os
import os.path as osp
import sys
import time

from .report import write_json
from .runs import project_root, run_logged, run_train
from .transfer import fine_tune_and_test

PRETRAIN_CFG = 'configs/detcon/detconb_r18_1xb32-20e_demo.py'
DET_CFG = ('configs/benchmarks/mmdetection/demo/'
           'mask-rcnn_r18_fpn_1xb4-6e_demo.py')
# where the demo's seed-to-seed spread is measured
SPREAD_DOC = 'README.md, section "The demo across seeds"'
SPREAD_JSON = 'docs/benchmarks/demo_seeds.json'
INITS = ('DetCon-B', 'random init')


def demo_table(metrics: dict) -> str:
    """The printed table: one row per initialisation and task, then the
    gain of the pretraining over random init."""
    lines = [f"{'init':<13}{'task':<6}{'AP':>7}{'AP50':>7}{'AP75':>7}"]
    for init in metrics:
        for task in ('bbox', 'segm'):
            lines.append(f'{init:<13}{task:<6}' + ''.join(
                f"{100 * metrics[init][f'coco/{task}_mAP{s}']:>7.1f}"
                for s in ('', '_50', '_75')))
    if len(metrics) == 2:
        a, b = (metrics[i] for i in INITS)
        lines.append('gain of DetCon-B over random init: ' + ', '.join(
            f"{t} AP {100 * (a[f'coco/{t}_mAP'] - b[f'coco/{t}_mAP']):+.1f}"
            for t in ('bbox', 'segm')))
    return '\n'.join(lines)


def spread_line(path: str) -> str:
    """What to print under the table about seeds: the paired gain and the
    random-init spread measured by :func:`demo_across_seeds` into ``path``
    (with the numbers when the file exists), and where it is documented."""
    line = f'one detector seed; the spread across seeds: {SPREAD_DOC}'
    if not osp.exists(path):
        return line
    import json
    with open(path) as f:
        record = json.load(f)
    gain, random = record['paired_gain'], record['random_init']
    pairs = len(gain['coco/bbox_mAP']['values'])
    tasks = ('bbox', 'segm')
    return '\n'.join([
        line,
        f'measured across seeds ({osp.relpath(path, project_root())}, '
        f'{pairs} pairs): gain ' +
        ', '.join(f"{t} AP {gain[f'coco/{t}_mAP']['mean']:+.1f} ± "
                  f"{gain[f'coco/{t}_mAP']['std']:.1f}" for t in tasks),
        'random init alone: ' + ', '.join(
            f"{t} AP {100 * random[f'coco/{t}_mAP']['mean']:.1f} ± "
            f"{100 * random[f'coco/{t}_mAP']['std']:.1f}" for t in tasks)])


def _make_data(work, data_root):
    if not osp.exists(osp.join(data_root, 'annotations',
                               'instances_val.json')):
        run_logged([sys.executable, 'tools/misc/make_demo_data.py',
                    data_root], osp.join(work, 'make_data.log'))


def _pretrain(work_dir, data_root, seed=0, epochs=None):
    opts = [f'train_dataloader.dataset.data_root={data_root}/',
            f'randomness.seed={seed}']
    if epochs:
        opts.append(f'train_cfg.max_epochs={epochs}')
    return run_train(PRETRAIN_CFG, work_dir, opts)


def _fine_tune(work_dir, checkpoint, data_root, seed=0, epochs=None,
               reuse=False):
    data_opts = [f'{s}_dataloader.dataset.data_root={data_root}/'
                 for s in ('train', 'val', 'test')]
    data_opts += [f'{s}_evaluator.ann_file={data_root}/annotations/'
                  'instances_val.json' for s in ('val', 'test')]
    extra = [f'randomness.seed={seed}']
    if epochs:
        extra += [f'train_cfg.max_epochs={epochs}',
                  f'train_cfg.val_interval={epochs}']
    return fine_tune_and_test(DET_CFG, checkpoint, work_dir, data_opts,
                              extra, reuse=reuse)


def run_demo(work_dir='work_dirs/demo', data_root='data/demo',
             pretrain_epochs=None, det_epochs=None, seed=0,
             pretrain_seed=0, with_random=True) -> dict:
    """Generate the data, pretrain DetCon-B (``pretrain_seed``), fine-tune
    Mask R-CNN from it and, with ``with_random``, from a random backbone,
    both with detector seed ``seed``; print the table, write
    ``WORK_DIR/summary.json``."""
    root = project_root()
    work, data_root = osp.join(root, work_dir), osp.join(root, data_root)
    os.makedirs(work, exist_ok=True)
    timings, t0 = {}, time.time()
    _make_data(work, data_root)
    timings['data'] = time.time() - t0
    t0 = time.time()
    ckpt = _pretrain(osp.join(work, 'pretrain'), data_root, pretrain_seed,
                     pretrain_epochs)
    timings['pretrain'] = time.time() - t0
    metrics = {}
    for init, checkpoint in zip(INITS, (ckpt, None)):
        if init == 'random init' and not with_random:
            continue
        t0 = time.time()
        metrics[init] = _fine_tune(
            osp.join(work, 'mask_rcnn' if checkpoint else
                     'mask_rcnn_random_init'), checkpoint, data_root, seed,
            det_epochs)
        timings[f'transfer ({init})'] = time.time() - t0
    print(f'\nmmssl demo: Mask R-CNN R18-FPN on {data_root} (val split), '
          'from the DetCon-B R18 checkpoint and from random init, detector '
          f'seed {seed}')
    print(demo_table(metrics))
    print(spread_line(osp.join(root, SPREAD_JSON)))
    print('time (s): ' + ', '.join(f'{k} {v:.0f}'
                                   for k, v in timings.items()))
    summary = dict(metrics=metrics, timings=timings, pretrain_ckpt=ckpt,
                   seed=seed, pretrain_seed=pretrain_seed)
    write_json(osp.join(work, 'summary.json'), **summary)
    return summary


def demo_across_seeds(pretrain_seeds=(0, 1), seeds=(0, 1, 2),
                      work_dir='work_dirs/demo_seeds', data_root='data/demo',
                      out='docs/benchmarks/demo_seeds.json') -> dict:
    """The demo's gain across seeds: DetCon-B pretrained with each of
    ``pretrain_seeds``, Mask R-CNN fine-tuned with each detector seed from
    every checkpoint and from random init (random init: the detector seed
    also draws the backbone). Finished runs are reused (resumable). Writes
    every run, the paired gains (same detector seed) and their mean and
    std to ``out``."""
    from .transfer import summarise
    root = project_root()
    work, data_root = osp.join(root, work_dir), osp.join(root, data_root)
    os.makedirs(work, exist_ok=True)
    _make_data(work, data_root)
    runs, total = [], len(seeds) * (len(pretrain_seeds) + 1)
    started = time.time()

    def step(init, ps, seed, checkpoint):
        n = len(runs)
        eta = (f', eta {(time.time() - started) / n * (total - n) / 60:.0f}'
               ' min' if n else '')
        print(f'[{n + 1}/{total}] {init} (pretraining seed {ps}), detector '
              f'seed {seed}{eta}', flush=True)
        sub = f'{init.split()[0].lower()}_p{ps}_s{seed}'
        m = _fine_tune(osp.join(work, sub), checkpoint, data_root, seed,
                       reuse=True)
        runs.append(dict(init=init, pretrain_seed=ps, seed=seed, metrics=m))

    for seed in seeds:
        step('random init', None, seed, None)
    for ps in pretrain_seeds:
        pre = osp.join(work, f'pretrain_seed{ps}')
        ckpt = (osp.join(pre, 'epoch_20.pth') if osp.exists(
            osp.join(pre, 'epoch_20.pth')) else _pretrain(pre, data_root, ps))
        for seed in seeds:
            step('DetCon-B', ps, seed, ckpt)
    random = {r['seed']: r['metrics'] for r in runs
              if r['init'] == 'random init'}
    gains = [{k: 100 * (r['metrics'][k] - random[r['seed']][k])
              for k in ('coco/bbox_mAP', 'coco/segm_mAP')}
             for r in runs if r['init'] == 'DetCon-B']
    result = dict(
        config=DET_CFG, pretrain_config=PRETRAIN_CFG, runs=runs,
        random_init=summarise([random[s] for s in seeds]),
        detconb=summarise([r['metrics'] for r in runs
                           if r['init'] == 'DetCon-B']),
        paired_gain=summarise(gains))
    write_json(osp.join(root, out), **result)
    for k, v in result['paired_gain'].items():
        print(f"paired gain {k}: {v['mean']:+.1f} ± {v['std']:.1f} AP "
              f"({len(v['values'])} pairs)", flush=True)
    return result

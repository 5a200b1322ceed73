"""The transfer suite: what each pretraining buys over random init on real
photos, measured on 2 CPU cores.

Every entry (an mmssl method, an mmpretrain baseline, random init) is a
ResNet-18 with the ImageNet stem pretrained for the same wall-clock budget
on the unlabelled real photos (:mod:`.real_photos`), checkpointed at budget
marks, then

* ``dense-pennfudan`` / ``dense-coco128``: the dense linear probe
  (:mod:`mmssl.evaluation.dense_probe`, C3-C5 at stride 8, 224 px) on the
  held-out val split, at every mark (the curve) and with ``dense_seeds``
  pixel samples at the budget;
* ``raccoon``: Faster R-CNN R18-FPN fine-tuned on raccoon-voc trainval,
  VOC AP50 on its test split;
* ``pennfudan``: Mask R-CNN R18-FPN fine-tuned on Penn-Fudan train, COCO
  bbox / segm AP on val,

each with its seeds. Random init is an entry whose "pretraining seed" is
the initialisation seed. Every measurement is one record keyed by (entry,
config, budget, pretraining seed, task, mark, seed), written to
``OUT.json`` as soon as it is measured; records already there are read
back and skipped, so the suite accumulates over runs and machines, and a
killed run loses at most the job in flight (fine-tuning jobs also resume
from their own work dirs).
"""
import os
import os.path as osp
import re
import statistics
import time
from typing import Dict, Iterable, List, Optional, Sequence

from .runs import link_data, machine, project_root

RANDOM = 'random init'
BASELINES = 'configs/benchmarks/baselines/'
ENTRIES = {
    RANDOM: None,
    'DetCon-B': 'configs/detcon/detconb_r18_1xb32-budget_real-photos.py',
    'BYOL': BASELINES + 'byol_r18_1xb32-budget_real-photos.py',
    'DetCon-S': 'configs/detcon/detcons_r18_1xb32-budget_real-photos.py',
    'JigClu': 'configs/jigclu/jigclu_r18_1xb32-budget_real-photos.py',
    'InstCls': 'configs/instcls/instcls_r18_1xb32-budget_real-photos.py',
    'EMP-SSL': 'configs/empssl/empssl_r18_1xb16-8p-budget_real-photos.py',
    'SimCLR': BASELINES + 'simclr_r18_1xb32-budget_real-photos.py',
    'MoCo v2': BASELINES + 'mocov2_r18_1xb32-budget_real-photos.py',
    'BA-SSL DetCon-B':
    'configs/bassl/bassl_detconb_r18_1xb32-budget_real-photos.py',
    'BA-SSL BYOL': 'configs/bassl/bassl_byol_r18_1xb32-budget_real-photos.py',
}
FROM_MMPRETRAIN = ('SimCLR', 'MoCo v2', 'BYOL')
# the architecture every entry shares (random init builds it from here)
BACKBONE_CONFIG = ENTRIES['DetCon-B']
DETECTION = 'configs/benchmarks/mmdetection/'
TASKS = {
    'dense-pennfudan': dict(kind='dense', data='pennfudan'),
    'dense-coco128': dict(kind='dense', data='coco128'),
    'raccoon': dict(
        kind='finetune', data='raccoon-voc',
        config=DETECTION + 'raccoon/faster-rcnn_r18_fpn_1xb4-6e_raccoon.py',
        metrics=('pascal_voc/AP50', )),
    'pennfudan': dict(
        kind='finetune', data='pennfudan',
        config=DETECTION +
        'pennfudan/mask-rcnn_r18_fpn_1xb4-6e_pennfudan.py',
        metrics=('coco/bbox_mAP', 'coco/segm_mAP')),
}
# first guesses of a job's duration for the eta, replaced by measurements
GUESS_SECONDS = dict(dense=60., finetune=900.)


def record_key(r: dict) -> tuple:
    return (r['entry'], r['config'], r['budget'], r['pretrain_seed'],
            r['task'], r['mark'], r['seed'])


def entry_config(entry: str) -> str:
    """The pretraining config of ``entry`` (random init: the backbone every
    entry shares)."""
    return ENTRIES[entry] or BACKBONE_CONFIG


def entry_budget(entry: str, budget: float) -> float:
    """The budget a record of ``entry`` is keyed by (random init: 0)."""
    return 0 if entry == RANDOM else budget


def _slug(text: str) -> str:
    return re.sub(r'[^\w-]+', '_', text).strip('_')


class Jobs:
    """The plan of one run: ``(entry, pretrain seed, task, mark, seed)``
    tuples not yet in the records, with an eta from measured durations."""

    def __init__(self, todo: List[tuple], budget: float):
        self.todo, self.budget = todo, budget
        self.durations: Dict[str, List[float]] = {}
        self.done = 0

    def eta(self, pretraining_left: int) -> float:
        def mean(kind):
            d = self.durations.get(kind)
            return statistics.fmean(d) if d else GUESS_SECONDS[kind]
        left = self.todo[self.done:]
        return (sum(mean(TASKS[t]['kind']) for _, _, t, _, _ in left) +
                pretraining_left * self.budget)

    def finished(self, kind: str, seconds: float):
        self.durations.setdefault(kind, []).append(seconds)
        self.done += 1


def plan(entries: Sequence[str], tasks: Sequence[str], budget: float,
         marks: Sequence[float], pretrain_seeds: Dict[str, int],
         dense_seeds: int, finetune_seeds: int,
         done: Iterable[tuple]) -> List[tuple]:
    """Jobs in run order: per entry and pretraining seed, the dense probes
    (pretraining seed 0: every pixel-sample seed at the budget, then the
    other marks for the curve; further pretraining seeds: seed 0 at the
    budget, as pixel samples move the mIoU by hundredths); then the
    fine-tuning runs, seed by seed across entries (every seed after
    pretraining seed 0, seed 0 after the others: a fine-tuning run costs
    minutes, a probe seconds). Random init has no marks and its seeds are
    initialisations: one probe per initialisation, pretraining seeds =
    fine-tuning seeds."""
    done, jobs = set(done), []
    for entry in entries:
        config = entry_config(entry)
        n_pre = (max(dense_seeds, finetune_seeds) if entry == RANDOM
                 else pretrain_seeds.get(entry, 1))
        for ps in range(n_pre):
            for task in tasks:
                if TASKS[task]['kind'] == 'dense':
                    if entry == RANDOM:
                        runs = [(0, ps)] if ps < dense_seeds else []
                    elif ps == 0:
                        runs = [(budget, s) for s in range(dense_seeds)]
                        runs += [(m, 0) for m in sorted(marks) if m < budget]
                    else:  # the spread that matters is the pretraining's
                        runs = [(budget, 0)]
                else:
                    if entry == RANDOM:
                        runs = [(0, ps)] if ps < finetune_seeds else []
                    else:
                        # every fine-tuning seed from the first pretraining;
                        # one from each further pretraining seed
                        runs = [(budget, s) for s in
                                range(finetune_seeds if ps == 0 else 1)]
                for mark, seed in runs:
                    key = (entry, config, entry_budget(entry, budget), ps,
                           task, mark, seed)
                    if key not in done:
                        jobs.append((entry, ps, task, mark, seed))
    # fine-tuning seed-major across entries, so that a run stopped early
    # leaves comparable rows rather than one entry's many seeds
    return sorted(jobs, key=lambda j: (TASKS[j[2]]['kind'] == 'finetune',
                                       j[4] if TASKS[j[2]]['kind'] ==
                                       'finetune' else 0))


def measure(entry: str, task: str, checkpoint: Optional[str], seed: int,
            work_dir: str) -> dict:
    """One measurement: the dense probe (``seed``: the pixel sample, and
    the initialisation of random init) or one fine-tuning run (``seed``:
    mmdet's ``randomness.seed``, which also initialises a random backbone)."""
    spec = TASKS[task]
    root = project_root()
    if spec['kind'] == 'dense':
        from mmssl.evaluation.dense_probe import evaluate_dense
        r = evaluate_dense(osp.join(root, entry_config(entry)), checkpoint,
                           osp.join(root, 'data', spec['data']),
                           seed=seed)
        return dict(miou=r['miou'], iou=r['iou'], classes=r['classes'],
                    pixel_accuracy=r['pixel_accuracy'])
    from .transfer import fine_tune_and_test
    metrics = fine_tune_and_test(
        osp.join(root, spec['config']), checkpoint, work_dir,
        options=[f'randomness.seed={seed}'])
    return {m: 100 * metrics[m] for m in spec['metrics']}


def load_records(path: str) -> List[dict]:
    import json
    if not osp.exists(path):
        return []
    with open(path) as f:
        try:
            return json.load(f)['records']
        except (ValueError, KeyError) as e:
            raise ValueError(f'{path}: not a transfer-suite result file '
                             f'({e}); move it away to start afresh') from e


def run_transfer_suite(entries: Sequence[str] = tuple(ENTRIES),
                       tasks: Sequence[str] = tuple(TASKS),
                       budget: float = 600., marks: Sequence[float] = (150,
                                                                      300),
                       pretrain_seeds: Optional[Dict[str, int]] = None,
                       dense_seeds: int = 3, finetune_seeds: int = 3,
                       shared_root: str = '../shared/data',
                       work_dir: str = 'work_dirs/benchmarks/transfer_suite',
                       out: str = 'docs/benchmarks/transfer_suite',
                       max_jobs: int = 0) -> List[dict]:
    """Run the jobs of ``entries`` x ``tasks`` that ``OUT.json`` does not
    hold yet (at most ``max_jobs``; 0: all), writing after each; then the
    table (``OUT.md``) and plots. Returns all records."""
    from mmssl.datasets.mask_files import generate_masks
    from .budget import pretrain_for_budget
    from .report import write_json
    unknown = [e for e in entries if e not in ENTRIES] + \
        [t for t in tasks if t not in TASKS]
    if unknown:
        raise ValueError(f'unknown entries / tasks {unknown}; entries: '
                         f'{list(ENTRIES)}, tasks: {list(TASKS)}')
    root = project_root()
    work, out = osp.join(root, work_dir), osp.join(root, out)
    for name in ('coco128', 'raccoon-voc', 'pennfudan'):
        link_data(name, osp.join(shared_root, name))
    pretrain_seeds = {e: 2 if e in ('DetCon-B', 'BYOL') else 1
                      for e in ENTRIES} | (pretrain_seeds or {})
    records = load_records(out + '.json')
    jobs = Jobs(plan(entries, tasks, budget, marks, pretrain_seeds,
                     dense_seeds, finetune_seeds,
                     map(record_key, records)), budget)
    if max_jobs:
        jobs.todo = jobs.todo[:max_jobs]
    pretrained = {(e, ps) for e, ps, *_ in jobs.todo if e != RANDOM}
    print(f'transfer suite: {len(records)} records read back from '
          f'{out}.json, {len(jobs.todo)} jobs to run ({len(pretrained)} '
          f'pretrainings of {budget:g} s)', flush=True)
    if pretrained:
        from .real_photos import prepare_real_photos
        prepare_real_photos(shared_root, osp.join(root, 'data/real_photos'))
    if any(e.startswith(('DetCon', 'BA-SSL DetCon')) for e, _ in pretrained):
        generate_masks(osp.join(root, 'data/real_photos'),
                       osp.join(root, 'data/real_photos_masks/felzenszwalb'),
                       workers=os.cpu_count() or 1)
    meta = dict(machine=machine(), budget_seconds=budget, marks=list(marks),
                pretrain_data='data/real_photos (mmssl.benchmarks.'
                'real_photos): coco128 train 96, raccoon-voc trainval 160, '
                'pennfudan train 128; no label read, no evaluated image',
                dense='C3-C5 at stride 8, 224 px, L-BFGS logistic regression '
                'on 200k standardised train pixels, mIoU on val',
                tasks=TASKS)
    ckpts = {}
    pretraining_left = len(pretrained)
    for i, (entry, ps, task, mark, seed) in enumerate(list(jobs.todo)):
        config = entry_config(entry)
        if entry != RANDOM and (entry, ps) not in ckpts:
            print(f'[{i + 1}/{len(jobs.todo)}] {entry}: pretraining seed '
                  f'{ps} for {budget:g} s (eta '
                  f'{jobs.eta(pretraining_left) / 60:.0f} min)', flush=True)
            ckpts[entry, ps] = pretrain_for_budget(
                entry, config, budget, marks,
                osp.join(work, 'pretrain', f'{_slug(entry)}_seed{ps}'),
                [f'randomness.seed={ps}'])
            pretraining_left -= 1
        ckpt = None if entry == RANDOM else ckpts[entry, ps][mark]
        print(f'[{i + 1}/{len(jobs.todo)}] {entry} (seed {ps}) {task}, '
              f'mark {mark:g} s, seed {seed} (eta '
              f'{jobs.eta(pretraining_left) / 60:.0f} min)', flush=True)
        started = time.time()
        result = measure(entry, task, ckpt, seed, osp.join(
            work, task, f'{_slug(entry)}_seed{ps}_mark{mark:g}_seed{seed}'))
        jobs.finished(TASKS[task]['kind'], time.time() - started)
        record = dict(entry=entry, config=config,
                      budget=entry_budget(entry, budget),
                      pretrain_seed=ps, task=task, mark=mark, seed=seed,
                      seconds=round(time.time() - started, 1), **result)
        if ckpt:
            from .runs import trained_iterations
            record['iterations'] = trained_iterations(ckpt)
        records.append(record)
        print(f'    {task}: ' + ', '.join(
            f'{k} {v:.1f}' for k, v in result.items()
            if isinstance(v, float)), flush=True)
        write_json(out + '.json', meta=meta, records=records)
    write_json(out + '.json', meta=meta, records=records)
    from .transfer_report import write_report
    write_report(records, budget, out)
    from .metafiles import refresh_if_committed
    refresh_if_committed(out, root)
    return records

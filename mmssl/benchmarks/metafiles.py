"""``configs/<method>/metafile.yml`` and ``model-index.yml`` in the
OpenMMLab form, written from the configs on disk and the measured results
in ``docs/benchmarks/`` (never typed by hand, so a table and its metafile
cannot disagree).

Every ``configs/<method>/*.py`` becomes one model: epochs, batch size and
training data read from its name (``..._1xb32-200e_coco128``), results
from

* ``suite.json`` (the method suite on cifar10-5k: kNN / linear top-1 at
  the end of its budget) for the configs it ran;
* ``transfer_suite_summary.json`` (the transfer suite on real photos:
  dense-probe mIoU, raccoon AP50, Penn-Fudan box / mask AP, each the mean
  over seeds) for the configs of :data:`.transfer_suite.ENTRIES`;

and ``Results: null`` for configs nothing here has measured.
"""
import glob
import json
import os.path as osp
import re
from typing import Dict, List, Optional

COLLECTIONS = {
    'detcon': dict(
        name='DetCon', techniques=['LARS', 'BYOL', 'Felzenszwalb masks'],
        architecture=['ResNet', 'DetCon'],
        title='Efficient Visual Pretraining with Contrastive Detection',
        url='https://arxiv.org/abs/2103.10957'),
    'jigclu': dict(
        name='JigClu', techniques=['SGD', 'Jigsaw montage'],
        architecture=['ResNet', 'JigClu'],
        title='Jigsaw Clustering for Unsupervised Visual Representation '
        'Learning', url='https://arxiv.org/abs/2104.00323'),
    'instcls': dict(
        name='InstCls', techniques=['SGD', 'Sharded classifier'],
        architecture=['ResNet', 'InstanceClassifier'],
        title='Train a One-Million-Way Instance Classifier for Unsupervised '
        'Visual Representation Learning',
        url='https://arxiv.org/abs/2102.04848'),
    'empssl': dict(
        name='EMP-SSL', techniques=['LARS', 'Multi-patch'],
        architecture=['ResNet', 'EMPSSL'],
        title='EMP-SSL: Towards Self-Supervised Learning in One Training '
        'Epoch', url='https://arxiv.org/abs/2304.03977'),
    'bassl': dict(
        name='BA-SSL', techniques=['Batch fusion'],
        architecture=['ResNet', 'BatchAdaptive'],
        title='From Pretext to Purpose: Batch-Adaptive Self-Supervised '
        'Learning', url='https://arxiv.org/abs/2311.09974'),
}
# the data token of a config name (``<algo>_<model>_<schedule>_<data>[_...]``,
# one ``_``-separated token) -> training data
TRAINING_DATA = (
    ('real-photos', 'real photos (coco128 train, raccoon-voc trainval, '
     'pennfudan train; unlabelled)'),
    ('in1k', 'ImageNet-1k'), ('in100', 'ImageNet-100'),
    ('cifar10-5k', 'cifar10-5k'), ('cifar10', 'CIFAR-10'),
    ('coco128', 'coco128'), ('demo', 'mmssl demo data'),
    ('coco', 'COCO train2017'))
# transfer-suite column -> (task, dataset, metric name)
TRANSFER_METRICS = (
    ('dense probe Penn-Fudan mIoU', 'Semantic Segmentation', 'Penn-Fudan',
     'mIoU (dense linear probe)'),
    ('dense probe coco128 mIoU', 'Semantic Segmentation', 'coco128',
     'mIoU (dense linear probe)'),
    ('raccoon AP50', 'Object Detection', 'raccoon-voc', 'AP50'),
    ('Penn-Fudan bbox AP', 'Object Detection', 'Penn-Fudan', 'box AP'),
    ('Penn-Fudan segm AP', 'Instance Segmentation', 'Penn-Fudan',
     'mask AP'))


def training_data(name: str) -> str:
    tokens = name.split('_')
    for token, data in TRAINING_DATA:
        if token in tokens:
            return data
    raise ValueError(f'{name}: no known training-data token (one of '
                     f'{[t for t, _ in TRAINING_DATA]}); add it to '
                     'mmssl.benchmarks.metafiles.TRAINING_DATA')


def batch_size(name: str) -> Optional[int]:
    m = re.search(r'_(\d+)xb(\d+)', name)
    return int(m[1]) * int(m[2]) if m else None


def epochs(name: str) -> Optional[int]:
    m = re.search(r'-(\d+)e_', name + '_')
    return int(m[1]) if m else None


def _model(path: str, collection: str, suite: Optional[dict],
           transfer: Optional[dict], transfer_entry: Optional[str],
           suite_entry: Optional[str]) -> List[str]:
    name = osp.splitext(osp.basename(path))[0]
    lines = [f'  - Name: {name}', '    Metadata:']
    if epochs(name):
        lines.append(f'      Epochs: {epochs(name)}')
    if batch_size(name):
        lines.append(f'      Batch Size: {batch_size(name)}')
    lines.append(f'      Training Data: {training_data(name)}')
    results = []
    row = transfer['rows'].get(transfer_entry) if transfer_entry else None
    if row:
        lines.append('      Training Resources: '
                     f"{transfer['budget_seconds']:g} s on 2 CPU cores, "
                     'no GPU (README transfer suite)')
        for column, task, dataset, metric in TRANSFER_METRICS:
            if row.get(column):
                results += [f'      - Task: {task}',
                            f'        Dataset: {dataset}',
                            '        Metrics:',
                            f"          {metric}: {row[column]['mean']:.1f}"]
    elif suite_entry and suite_entry in suite['results']:
        end = suite['results'][suite_entry]['curve'][-1]
        lines.append(f"      Training Resources: "
                     f"{suite['meta']['budget_seconds']:g} s on "
                     f"{suite['meta']['machine']} (README results)")
        results += ['      - Task: Self-supervised Learning',
                    '        Dataset: cifar10-5k', '        Metrics:',
                    f"          kNN Top 1 Accuracy: {end['knn_top1']:.1f}",
                    f"          Linear Top 1 Accuracy: "
                    f"{end['linear_top1']:.1f}"]
    lines.append(f'    In Collection: {collection}')
    lines += ['    Results:', *results] if results else ['    Results: null']
    lines.append(f'    Config: {path}')
    return lines


def write_metafiles(root: str = '.',
                    benchmarks: str = 'docs/benchmarks') -> Dict[str, str]:
    """Write every method's ``metafile.yml`` and ``model-index.yml`` under
    ``root``; returns {path: text}. A missing result file leaves its
    results out (``Results: null``)."""
    from .transfer_suite import ENTRIES

    def read(name):
        path = osp.join(root, benchmarks, name)
        if not osp.exists(path):
            return None
        with open(path) as f:
            try:
                return json.load(f)
            except ValueError as e:
                raise ValueError(f'{path}: not JSON ({e})') from e

    suite, transfer = read('suite.json'), read('transfer_suite_summary.json')
    suite_entries = {c: e for e, c in
                     (suite or {}).get('meta', {}).get('configs', {}).items()}
    transfer_entries = {c: e for e, c in ENTRIES.items()
                        if c} if transfer else {}
    written = {}
    for method, c in COLLECTIONS.items():
        lines = ['Collections:', f"  - Name: {c['name']}", '    Metadata:',
                 '      Training Techniques:',
                 *[f'        - {t}' for t in c['techniques']],
                 '      Architecture:',
                 *[f'        - {a}' for a in c['architecture']],
                 '    Paper:', f"      Title: '{c['title']}'",
                 f"      URL: {c['url']}",
                 f'    README: configs/{method}/README.md', '', 'Models:']
        for path in sorted(glob.glob(osp.join(root, 'configs', method,
                                              '*.py'))):
            rel = osp.relpath(path, root)
            lines += _model(rel, c['name'], suite, transfer,
                            transfer_entries.get(rel), suite_entries.get(rel))
        written[f'configs/{method}/metafile.yml'] = '\n'.join(lines) + '\n'
    written['model-index.yml'] = 'Import:\n' + ''.join(
        f'  - configs/{m}/metafile.yml\n' for m in COLLECTIONS)
    for rel, text in written.items():
        with open(osp.join(root, rel), 'w') as f:
            f.write(text)
    return written


def refresh_if_committed(out: str, root: str) -> None:
    """After a suite writes ``out`` (its result path without extension):
    when that is one of the results the metafiles quote, rewrite them, so
    that a suite run leaves no stale metafile behind."""
    quoted = {osp.join(root, 'docs/benchmarks', n)
              for n in ('suite', 'transfer_suite')}
    if osp.abspath(out) in quoted:
        write_metafiles(root)

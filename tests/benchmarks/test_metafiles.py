"""Metafiles are written from the configs on disk and the measured JSON:
each result equals the JSON's figure, unmeasured configs say null, and the
committed metafiles are what the generator writes today."""
import json
import os
import os.path as osp
import shutil

import pytest
import yaml

from mmssl.benchmarks import metafiles
from mmssl.benchmarks.transfer_suite import ENTRIES

REPO = osp.join(osp.dirname(__file__), '..', '..')


def _fake_repo(tmp_path):
    for method in metafiles.COLLECTIONS:
        os.makedirs(tmp_path / 'configs' / method)
    names = ['detcon/detconb_r18_1xb32-budget_real-photos.py',
             'detcon/detconb_r18_1xb128-budget_cifar10-5k.py',
             'detcon/r50_coco_gt-masks.py',
             'jigclu/jigclu_r18_1xb256-200e_cifar10.py']
    for name in names:
        (tmp_path / 'configs' / name).write_text('')
    os.makedirs(tmp_path / 'docs' / 'benchmarks')
    suite = dict(meta=dict(budget_seconds=200, machine='m', configs={
        'DetCon-B': 'configs/detcon/detconb_r18_1xb128-budget_cifar10-5k.py'}),
        results={'DetCon-B': dict(curve=[
            dict(knn_top1=10.0, linear_top1=11.0),
            dict(knn_top1=28.46, linear_top1=24.94)])})
    row = {'dense probe Penn-Fudan mIoU': dict(mean=56.41),
           'raccoon AP50': dict(mean=62.75), 'Penn-Fudan bbox AP': None}
    transfer = dict(budget_seconds=600, rows={'DetCon-B': row})
    bench = tmp_path / 'docs' / 'benchmarks'
    (bench / 'suite.json').write_text(json.dumps(suite))
    (bench / 'transfer_suite_summary.json').write_text(json.dumps(transfer))


def test_results_come_from_the_json(tmp_path):
    _fake_repo(tmp_path)
    metafiles.write_metafiles(str(tmp_path))
    meta = yaml.safe_load(open(tmp_path / 'configs/detcon/metafile.yml'))
    models = {m['Name']: m for m in meta['Models']}
    real = models['detconb_r18_1xb32-budget_real-photos']
    assert ENTRIES['DetCon-B'].endswith(real['Name'] + '.py')
    metrics = {(r['Dataset'], k): v for r in real['Results']
               for k, v in r['Metrics'].items()}
    # the means, rounded; the empty Penn-Fudan column is left out
    assert metrics == {('Penn-Fudan', 'mIoU (dense linear probe)'): 56.4,
                       ('raccoon-voc', 'AP50'): 62.8}
    assert real['Metadata']['Batch Size'] == 32
    assert '600 s' in real['Metadata']['Training Resources']
    cifar = models['detconb_r18_1xb128-budget_cifar10-5k']
    # the end of the curve, not its start
    assert cifar['Results'][0]['Metrics'] == {'kNN Top 1 Accuracy': 28.5,
                                              'Linear Top 1 Accuracy': 24.9}
    assert models['r50_coco_gt-masks']['Results'] is None
    assert models['r50_coco_gt-masks']['Metadata']['Training Data'] == \
        'COCO train2017'
    jig = yaml.safe_load(open(tmp_path / 'configs/jigclu/metafile.yml'))
    assert jig['Models'][0]['Metadata'] == {
        'Epochs': 200, 'Batch Size': 256, 'Training Data': 'CIFAR-10'}
    index = yaml.safe_load(open(tmp_path / 'model-index.yml'))
    assert index['Import'] == [f'configs/{m}/metafile.yml'
                               for m in metafiles.COLLECTIONS]


def test_without_results_every_model_is_null(tmp_path):
    _fake_repo(tmp_path)
    shutil.rmtree(tmp_path / 'docs')
    metafiles.write_metafiles(str(tmp_path))
    meta = yaml.safe_load(open(tmp_path / 'configs/detcon/metafile.yml'))
    assert [m['Results'] for m in meta['Models']] == [None] * 3


def test_unknown_data_token_and_corrupt_json_are_named(tmp_path):
    _fake_repo(tmp_path)
    (tmp_path / 'docs/benchmarks/suite.json').write_text('{')
    with pytest.raises(ValueError, match='suite.json'):
        metafiles.write_metafiles(str(tmp_path))
    with pytest.raises(ValueError, match='detconb_r18_1xb32-10e_mars'):
        metafiles.training_data('detconb_r18_1xb32-10e_mars')


def test_committed_metafiles_are_up_to_date(tmp_path):
    for name in ('configs', 'docs'):
        shutil.copytree(osp.join(REPO, name), tmp_path / name)
    written = metafiles.write_metafiles(str(tmp_path))
    for rel, text in written.items():
        with open(osp.join(REPO, rel)) as f:
            assert f.read() == text, (
                f'{rel} is stale: run python tools/misc/update_metafiles.py')


def test_a_suite_writing_the_quoted_results_refreshes_them(tmp_path):
    _fake_repo(tmp_path)
    meta = tmp_path / 'configs/detcon/metafile.yml'
    metafiles.refresh_if_committed(str(tmp_path / 'elsewhere/suite'),
                                   str(tmp_path))
    assert not meta.exists()  # a scratch output leaves the metafiles alone
    metafiles.refresh_if_committed(
        str(tmp_path / 'docs/benchmarks/transfer_suite'), str(tmp_path))
    assert 'AP50: 62.8' in meta.read_text()

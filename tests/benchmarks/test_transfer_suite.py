"""The transfer suite: which jobs a run plans, that finished records are
read back and never re-measured, and the table's statistics."""
import json
import statistics

import pytest

from mmssl.benchmarks import transfer_suite
from mmssl.benchmarks.transfer_report import summary, table
from mmssl.benchmarks.transfer_suite import (ENTRIES, RANDOM, TASKS, plan,
                                             record_key)


def test_every_entry_pretrains_the_same_backbone_on_the_real_photos():
    from mmengine.config import Config

    from mmssl.models.algorithms import algorithm_cfg
    for name, config in ENTRIES.items():
        if config is None:
            continue
        cfg = Config.fromfile(config)
        backbone = algorithm_cfg(cfg.model).backbone
        assert backbone.type.split('.')[-1] == 'ResNet', name
        assert backbone.depth == 18, name
        data = cfg.train_dataloader.dataset
        data = data.get('dataset', data)
        assert data.data_root == 'data/real_photos/', name
        budget = [h for h in cfg.custom_hooks
                  if h['type'].endswith('TrainBudgetHook')]
        assert [h['seconds'] for h in budget] == [600], name


def test_plan_seeds_marks_and_random_init():
    jobs = plan([RANDOM, 'DetCon-B'], ['dense-pennfudan', 'raccoon'], 600,
                (150, 300), {'DetCon-B': 2}, dense_seeds=3,
                finetune_seeds=2, done=[])
    random = [j for j in jobs if j[0] == RANDOM]
    # one initialisation per seed, no marks
    assert [(j[2], j[4]) for j in random] == [
        ('dense-pennfudan', 0), ('dense-pennfudan', 1),
        ('dense-pennfudan', 2), ('raccoon', 0), ('raccoon', 1)]
    detcon = [j[1:] for j in jobs if j[0] == 'DetCon-B']
    dense0 = [(m, s) for p, t, m, s in detcon
              if p == 0 and t == 'dense-pennfudan']
    assert dense0 == [(600, 0), (600, 1), (600, 2), (150, 0), (300, 0)]
    # a further pretraining seed: one probe at the budget
    assert [(m, s) for p, t, m, s in detcon
            if p == 1 and t == 'dense-pennfudan'] == [(600, 0)]
    # every fine-tuning seed after pretraining seed 0, one after seed 1
    assert [(p, s) for p, t, m, s in detcon if t == 'raccoon'] == [
        (0, 0), (1, 0), (0, 1)]
    # dense probes first; fine-tuning seed 0 of every entry before seed 1
    finetune = [(j[0], j[4]) for j in jobs if j[2] == 'raccoon']
    assert jobs[-len(finetune):] == [j for j in jobs if j[2] == 'raccoon']
    assert finetune == [(RANDOM, 0), ('DetCon-B', 0), ('DetCon-B', 0),
                        (RANDOM, 1), ('DetCon-B', 1)]


def _fake_measure(calls):
    def measure(entry, task, checkpoint, seed, work_dir):
        calls.append((entry, task, checkpoint, seed))
        base = 50. + (3. if entry != RANDOM else 0.) + seed
        if TASKS[task]['kind'] == 'dense':
            return dict(miou=base, iou=[base], classes=['bg'],
                        pixel_accuracy=90.)
        return {m: base for m in TASKS[task]['metrics']}
    return measure


def test_finished_records_are_read_back_not_measured_again(
        tmp_path, monkeypatch):
    calls, pretrainings = [], []

    def fake_pretrain(name, config, budget, marks, work_dir, options):
        pretrainings.append((name, options))
        return {m: f'{work_dir}/{m:g}.pth' for m in sorted({*marks, budget})}

    monkeypatch.setattr(transfer_suite, 'measure', _fake_measure(calls))
    monkeypatch.setattr('mmssl.benchmarks.budget.pretrain_for_budget',
                        fake_pretrain)
    monkeypatch.setattr(transfer_suite, 'link_data', lambda *a: None)
    monkeypatch.setattr('mmssl.benchmarks.real_photos.prepare_real_photos',
                        lambda *a, **k: None)
    monkeypatch.setattr('mmssl.datasets.mask_files.generate_masks',
                        lambda *a, **k: [])
    monkeypatch.setattr('mmssl.benchmarks.runs.trained_iterations',
                        lambda ckpt: 42)
    out = str(tmp_path / 'suite')
    kwargs = dict(tasks=['dense-pennfudan'], budget=600., marks=(300, ),
                  dense_seeds=2, work_dir=str(tmp_path / 'work'), out=out)
    monkeypatch.setattr(transfer_suite, 'project_root',
                        lambda: str(tmp_path))
    records = transfer_suite.run_transfer_suite(
        [RANDOM, 'BYOL'], pretrain_seeds={'BYOL': 1}, **kwargs)
    # random init: 2 initialisations; BYOL: 2 seeds at 600 s, 1 at 300 s
    assert len(calls) == 5 and len(records) == 5
    assert pretrainings == [('BYOL', ['randomness.seed=0'])]
    assert [c[2] for c in calls if c[0] == 'BYOL'] == [
        f'{tmp_path}/work/pretrain/BYOL_seed0/{m}.pth'
        for m in ('600', '600', '300')]
    saved = json.load(open(out + '.json'))['records']
    assert [record_key(r) for r in saved] == [record_key(r) for r in records]
    # the same call again measures nothing and pretrains nothing
    calls.clear(), pretrainings.clear()
    again = transfer_suite.run_transfer_suite(
        [RANDOM, 'BYOL'], pretrain_seeds={'BYOL': 1}, **kwargs)
    assert calls == [] and pretrainings == [] and len(again) == 5
    # a second pretraining seed adds only its own jobs
    transfer_suite.run_transfer_suite(
        [RANDOM, 'BYOL'], pretrain_seeds={'BYOL': 2}, **kwargs)
    assert pretrainings == [('BYOL', ['randomness.seed=1'])]
    assert len(calls) == 1  # one probe at the budget
    table_text = open(out + '.md').read()
    assert 'BYOL (mmpretrain)' in table_text


def test_a_corrupt_result_file_is_named(tmp_path):
    path = tmp_path / 'suite.json'
    path.write_text('{"records": [')
    with pytest.raises(ValueError, match='suite.json'):
        transfer_suite.load_records(str(path))


def _record(entry, task, value, ps=0, seed=0, mark=600, metric='miou'):
    return dict(entry=entry, config='c', budget=0 if entry == RANDOM
                else 600, pretrain_seed=ps, task=task, mark=mark, seed=seed,
                **{metric: value})


def test_summary_statistics_gap_and_separation():
    records = [_record(RANDOM, 'dense-pennfudan', v, seed=i, mark=0)
               for i, v in enumerate((54., 55., 56.))]
    records += [_record('DetCon-B', 'dense-pennfudan', v, ps=p, seed=s)
                for p, s, v in ((0, 0, 58.), (0, 1, 58.5), (1, 0, 59.))]
    records.append(_record('DetCon-B', 'dense-pennfudan', 10., mark=150))
    records += [_record('BYOL', 'dense-pennfudan', v, ps=p)
                for p, v in enumerate((55., 57.))]
    rows = summary(records, 600.)
    col = 'dense probe Penn-Fudan mIoU'
    detcon = rows['DetCon-B'][col]
    # one sample per pretraining seed: (58 + 58.5) / 2 and 59; the 150 s
    # mark is a point of the curve, not of the final figure
    assert detcon['n'] == 2
    assert detcon['mean'] == pytest.approx((58.25 + 59) / 2)
    assert detcon['std'] == pytest.approx(statistics.stdev([58.25, 59]))
    assert detcon['gap'] == pytest.approx(3.625)
    # 3.6 > 2 x max(0.53, 1.0): separated; BYOL's 1.0 < 2 x 1.41: not
    assert detcon['separated'] and not rows['BYOL'][col]['separated']
    assert rows['DetCon-B']['pretrain_seeds'] == [0, 1]
    assert rows[RANDOM]['raccoon AP50'] is None
    # one random-init fine-tuning run: its spread is unknown, so a large gap
    # is still not called separated
    one = summary(records + [
        _record(RANDOM, 'raccoon', 20., mark=0, metric='pascal_voc/AP50'),
        *(_record('DetCon-B', 'raccoon', v, ps=p, metric='pascal_voc/AP50')
          for p, v in enumerate((60., 62.)))], 600.)
    assert one['DetCon-B']['raccoon AP50']['gap'] == pytest.approx(41)
    assert not one['DetCon-B']['raccoon AP50']['separated']
    text = table(rows, 600.)
    assert '58.6 ± 0.5 (n=2); +3.6 **' in text
    assert '55.0 ± 1.0 (n=3)' in text
    # a single sample is printed without a spread it does not have
    text = table(one, 600.)
    assert '20.0 (n=1) |' in text and '20.0 ± 0.0' not in text

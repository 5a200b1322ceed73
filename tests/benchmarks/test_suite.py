"""The suite compares every method at one shared setting: same backbone and
input size, and exactly one budget hook with the requested marks."""
import os.path as osp

import pytest
from mmengine.config import Config

from mmssl.benchmarks.budget import budget_config, mark_checkpoints
from mmssl.benchmarks.suite import METHODS
from mmssl.models.algorithms import algorithm_cfg

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))


def _views(cfg):
    """(crop size of every view, augmentation type names) of a config."""
    sizes = []

    def walk(node):
        if isinstance(node, dict):
            if node.get('type') in ('RandomResizedCrop',
                                    'MaskedRandomResizedCrop'):
                sizes.append(node['scale'])
            for v in node.values():
                walk(v)
        elif isinstance(node, (list, tuple)):
            for v in node:
                walk(v)

    walk(cfg.train_dataloader.dataset)
    return sizes


@pytest.mark.parametrize('name', list(METHODS))
def test_every_method_shares_backbone_and_input_size(name):
    cfg = Config.fromfile(osp.join(ROOT, METHODS[name]))
    backbone = algorithm_cfg(cfg.model).backbone
    assert backbone.type in ('ResNet_CIFAR', 'mmpretrain.ResNet_CIFAR')
    assert backbone.depth == 18
    sizes = set(_views(cfg))
    # JigClu's montage cells are 16 px so that its montages are 32 px
    assert sizes == ({16} if name == 'JigClu' else {32}), sizes


def test_budget_config_has_one_budget_hook_first_and_keeps_others(tmp_path):
    config = METHODS['InstCls']
    path = budget_config(config, 90, [30, 60],
                                      str(tmp_path / 'cfg.py'))
    cfg = Config.fromfile(path)
    types = [h['type'] for h in cfg.custom_hooks]
    assert types[0] == 'mmssl.TrainBudgetHook'
    assert cfg.custom_hooks[0]['seconds'] == 90
    assert cfg.custom_hooks[0]['save_at'] == [30, 60, 90]
    assert sum(t.endswith('TrainBudgetHook') for t in types) == 1
    assert 'RawFeatureInitHook' in types[1:]
    assert 'ShardedClassifierCheckpointHook' in types[1:]
    assert cfg.default_hooks.checkpoint.interval >= 10**6
    # the budget config of a config that already has a budget hook
    path = budget_config(METHODS['SimCLR'], 50, [],
                                      str(tmp_path / 'cfg2.py'))
    hooks = Config.fromfile(path).custom_hooks
    assert [h['seconds'] for h in hooks] == [50]


def test_mark_checkpoints_are_where_the_budget_hook_saves(tmp_path):
    from mmssl.engine.hooks import TrainBudgetHook
    hook = TrainBudgetHook(seconds=90, save_at=[30, 90])
    for mark, path in mark_checkpoints(str(tmp_path), [30, 90]).items():
        assert osp.basename(path) == hook.checkpoint_name(mark)


def test_above_random_from_is_where_the_curve_stays_separated():
    from mmssl.benchmarks.suite import above_random_from
    random = dict(knn_top1=33., knn_top1_std=0.5)  # separated above 34
    curve = [dict(train_seconds=t, knn_top1=v)
             for t, v in ((100, 30.), (200, 36.), (300, 34.), (400, 37.),
                          (500, 35.))]
    # 200 s is above the line but 300 s falls back onto it
    assert above_random_from(curve, random, 'knn_top1') == 400
    assert above_random_from(curve[:3], random, 'knn_top1') is None
    # without a spread (one initialisation) the line is the mean itself
    assert above_random_from(curve[:1], dict(knn_top1=29.), 'knn_top1') == 100


def test_random_init_floor_is_mean_and_sample_std_over_seeds(monkeypatch):
    import statistics

    from mmssl.benchmarks import suite
    scores = {0: (30., 35.), 1: (32., 36.), 2: (31., 38.)}
    monkeypatch.setattr(
        suite, 'frozen_eval', lambda config, ckpt, root, size, cache,
        seed=0: dict(knn_top1=scores[seed][0], linear_top1=scores[seed][1]))
    floor = suite.random_init_floor('cfg.py', 'data', 32, 'cache', (0, 1, 2))
    for i, probe in enumerate(('knn_top1', 'linear_top1')):
        values = [v[i] for v in scores.values()]
        assert floor[probe] == pytest.approx(statistics.mean(values))
        assert floor[probe + '_std'] == pytest.approx(statistics.stdev(values))
    assert [r['seed'] for r in floor['seeds']] == [0, 1, 2]


def test_table_marks_a_schedule_that_ends_before_the_budget():
    from mmssl.benchmarks.suite import table
    random = dict(knn_top1=30., knn_top1_std=1., linear_top1=35.,
                  linear_top1_std=1., seeds=[{}, {}, {}])
    curve = [dict(train_seconds=300., iterations=80, knn_top1=33.,
                  linear_top1=36.),
             dict(train_seconds=880., iterations=250, knn_top1=34.,
                  linear_top1=38.)]
    text = table({'EMP-SSL': dict(curve=curve)}, random,
                 dict(batch=64, results={}), 1800)
    row = next(line for line in text.splitlines() if 'EMP-SSL' in line)
    assert '250 (schedule ends at 880 s)' in row
    # kNN +4.0 over random init and above it (by > 2 std) from 300 s;
    # linear only from 880 s (36 is not above 35 + 2)
    assert '| 34.0 (+4.0) | 300 | 38.0 (+3.0) | 880 |' in row
    assert '| random init (3 seeds) |' in text

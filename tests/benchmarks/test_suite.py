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

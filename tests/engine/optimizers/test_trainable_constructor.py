import copy

import torch
import torch.nn as nn
from mmengine.optim import DefaultOptimWrapperConstructor

import mmengine.optim.optimizer.default_constructor as default_module
from mmssl.engine.optimizers import TrainableOptimWrapperConstructor

CFG = dict(type='OptimWrapper',
           optimizer=dict(type='SGD', lr=0.1, momentum=0.9,
                          weight_decay=1e-4))
PARAMWISE = dict(custom_keys={'bn': dict(decay_mult=0.)})


class WithTarget(nn.Module):
    """An online network and its frozen EMA copy (as BYOL / DetCon-B)."""

    def __init__(self):
        super().__init__()
        self.online = nn.Sequential(nn.Conv2d(3, 4, 3), nn.BatchNorm2d(4))
        self.online.add_module('bn', nn.BatchNorm2d(4))
        self.target = copy.deepcopy(self.online)
        for p in self.target.parameters():
            p.requires_grad = False


def _groups(constructor, model, monkeypatch):
    logged = []
    monkeypatch.setattr(default_module, 'print_log',
                        lambda msg, **kw: logged.append(msg))
    optimizer = constructor(CFG, PARAMWISE)(model).optimizer
    groups = [(tuple(id(p) for p in g['params']), g['lr'], g['weight_decay'])
              for g in optimizer.param_groups]
    return groups, [m for m in logged if 'requires_grad' in m]


def test_same_groups_without_a_warning_per_frozen_tensor(monkeypatch):
    torch.manual_seed(0)
    model = WithTarget()
    ours, our_warnings = _groups(TrainableOptimWrapperConstructor, model,
                                 monkeypatch)
    default, warnings = _groups(DefaultOptimWrapperConstructor, model,
                                monkeypatch)
    assert ours == default
    assert len(warnings) == len(list(model.target.parameters())) == 6
    assert our_warnings == []
    # the trainable tensors are all there, with the custom decay on 'bn'
    online = {id(p) for p in model.online.parameters()}
    assert {i for g in ours for i in g[0]} == online
    assert any(g[2] == 0. for g in ours) and any(g[2] == 1e-4 for g in ours)

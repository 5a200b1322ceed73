import json
import os.path as osp

import pytest
import torch

from mmssl.benchmarks import transfer as run_transfer
from mmssl.registry import MODELS

CFG = osp.join(osp.dirname(__file__), '..', '..', 'configs', 'benchmarks',
               'mmdetection', 'demo', 'mask-rcnn_r18_fpn_1xb4-12e_demo.py')


def save(tmp_path, state):
    path = tmp_path / 'ckpt.pth'
    torch.save(dict(state_dict=state), path)
    return str(path)


def test_pretraining_checkpoint_matches_mmdet_backbone(tmp_path):
    # an mmpretrain ResNet-18 (what every mmssl method trains) must load
    # into mmdet's ResNet-18 key for key
    backbone = MODELS.build(dict(type='ResNet', depth=18))
    state = {f'backbone.{k}': v for k, v in backbone.state_dict().items()}
    state['neck.projector.fc0.weight'] = torch.zeros(1)
    assert run_transfer.check_backbone(CFG, save(tmp_path, state)) == \
        len(backbone.state_dict())


def test_mismatched_checkpoint_is_named(tmp_path):
    backbone = MODELS.build(dict(type='ResNet', depth=50))
    state = {f'backbone.{k}': v for k, v in backbone.state_dict().items()}
    with pytest.raises(KeyError, match='does not match'):
        run_transfer.check_backbone(CFG, save(tmp_path, state))
    with pytest.raises(FileNotFoundError, match='nope.pth'):
        run_transfer.check_backbone(CFG, str(tmp_path / 'nope.pth'))


def test_fine_tune_and_test_refuses_empty_metrics(tmp_path, monkeypatch):
    # a detector that finds nothing writes {}: that must not pass as a result
    monkeypatch.setattr(run_transfer, 'run_train', lambda *a, **k: 'x.pth')

    def fake_test(config, ckpt, work_dir, out, options=()):
        with open(out, 'w') as f:
            json.dump({}, f)
    monkeypatch.setattr(run_transfer, 'run_test', fake_test)
    with pytest.raises(RuntimeError, match='no metrics'):
        run_transfer.fine_tune_and_test(CFG, None, str(tmp_path))

import os.path as osp
import sys

import pytest
import torch

from mmssl.registry import MODELS

sys.path.insert(0, osp.join(osp.dirname(__file__), '..', '..', 'tools',
                            'benchmarks', 'mmdetection'))
import run_transfer  # noqa: E402

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

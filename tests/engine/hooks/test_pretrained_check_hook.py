import types

import pytest
import torch
from mmengine.config import Config
from mmengine.logging import MMLogger

from mmssl.engine.hooks import PretrainedBackboneCheckHook
from mmssl.registry import MODELS


def _runner(backbone, checkpoint):
    init_cfg = dict(type='Pretrained', checkpoint=checkpoint,
                    prefix='backbone.') if checkpoint else None
    cfg = Config(dict(model=dict(backbone=dict(init_cfg=init_cfg))))
    model = types.SimpleNamespace(backbone=backbone)
    return types.SimpleNamespace(cfg=cfg, model=model,
                                 logger=MMLogger.get_instance('pretrained'))


def _save(tmp_path, backbone, name):
    path = tmp_path / name
    torch.save(dict(state_dict={f'backbone.{k}': v for k, v in
                                backbone.state_dict().items()}), path)
    return str(path)


def test_loaded_backbone_passes_and_others_are_listed(tmp_path):
    torch.manual_seed(0)
    pretrained = MODELS.build(dict(type='ResNet', depth=18))
    ckpt = _save(tmp_path, pretrained, 'r18.pth')
    hook = PretrainedBackboneCheckHook()
    loaded = MODELS.build(dict(type='ResNet', depth=18))
    loaded.load_state_dict(pretrained.state_dict())
    hook.before_train(_runner(loaded, ckpt))
    # the same architecture left at random: every tensor "not loaded"
    torch.manual_seed(1)
    fresh = MODELS.build(dict(type='ResNet', depth=18))
    with pytest.raises(KeyError, match=r'r18.pth.*not loaded'):
        hook.before_train(_runner(fresh, ckpt))
    # another architecture: missing / unexpected / wrong-shape keys
    r50 = _save(tmp_path, MODELS.build(dict(type='ResNet', depth=50)),
                'r50.pth')
    with pytest.raises(KeyError, match=r'r50.pth.*missing.*unexpected'):
        hook.before_train(_runner(loaded, r50))
    # random-init baseline: nothing to check
    hook.before_train(_runner(fresh, None))

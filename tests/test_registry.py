from mmengine.config import Config

from mmssl.registry import MODELS, TRANSFORMS


def test_mmssl_registry_resolves_mmpretrain_modules():
    from mmpretrain.models.backbones import ResNet
    model = MODELS.build(dict(type='ResNet', depth=18))
    assert isinstance(model, ResNet)
    assert MODELS.get('DetConB') is not None
    assert TRANSFORMS.get('MaskedRandomResizedCrop') is not None
    # mmpretrain transforms through the parent registry
    assert TRANSFORMS.get('ColorJitter') is not None


def test_every_config_parses_and_names_registered_types():
    import glob
    import os.path as osp
    root = osp.join(osp.dirname(osp.dirname(__file__)), 'configs')
    files = [f for f in glob.glob(osp.join(root, '**', '*.py'),
                                  recursive=True)
             if '_base_' not in f]
    assert len(files) >= 6
    for f in files:
        cfg = Config.fromfile(f)
        assert 'model' in cfg, f
        scope = cfg.get('default_scope')
        if scope == 'mmssl':
            assert MODELS.get(cfg.model.type) is not None, f


def test_wrong_config_key_is_reported():
    import pytest
    with pytest.raises(TypeError, match='num_mask'):
        MODELS.build(dict(
            type='DetConS', num_mask=16,
            backbone=dict(type='ResNet', depth=18),
            neck=dict(type='MaskPoolingNeck', projector=dict(
                type='NonLinearNeck', in_channels=512, hid_channels=8,
                out_channels=8, with_avg_pool=False)),
            head=dict(type='DetConHead', loss=dict(type='DetConLoss'))))

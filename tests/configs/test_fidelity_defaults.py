"""The paper-setting configs carry the official values (docs/fidelity.md);
each assertion fails if the corresponding fidelity fix is reverted."""
import os.path as osp

import pytest
from mmengine.config import Config

REPO = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))


def cfg(path):
    return Config.fromfile(osp.join(REPO, 'configs', path))


def test_jigclu_paper_config():
    c = cfg('jigclu/jigclu_r50_8xb32-200e_in1k.py')
    loss = c.model.head.cluster_loss
    assert (loss.temperature, loss.base_temperature) == (0.3, 0.07)
    piece = c.train_pipeline[1]
    assert piece.cross_ratio == 0.3
    # official adjust_learning_rate: one cosine value per epoch
    (sched, ) = c.param_scheduler
    assert sched.type == 'CosineAnnealingLR' and sched.by_epoch
    assert not sched.get('convert_to_iter_based', False)
    assert c.optim_wrapper.optimizer.weight_decay == 1e-4
    # the R18 paper-style child inherits all of it
    child = cfg('jigclu/jigclu_r18_1xb256-200e_cifar10.py')
    assert child.model.head.cluster_loss.base_temperature == 0.07
    assert not child.param_scheduler[0].get('convert_to_iter_based', False)


def test_cluster_loss_default_scale_is_official():
    from mmssl.models.losses import ClusterContrastiveLoss
    loss = ClusterContrastiveLoss()
    assert loss.temperature / loss.base_temperature == pytest.approx(0.3 /
                                                                     0.07)


@pytest.mark.parametrize('path,schedule,stop', [
    ('empssl/empssl_r18_1xb100-20p-1e_cifar10.py', 2, 1),
    ('empssl/empssl_r18_1xb100-200p-1e_cifar10.py', 30, 1),
    ('empssl/empssl_r18_1xb100-20p-10e_cifar10.py', 30, 10),
    ('empssl/empssl_r18_1xb100-20p-10e_in100.py', 30, 10),
    ('empssl/empssl_r18_1xb20-8p-1e_cifar10-5k.py', 2, 1),
])
def test_empssl_schedule_outlasts_training_as_official(path, schedule, stop):
    c = cfg(path)
    (sched, ) = c.param_scheduler
    assert (sched.T_max, sched.end) == (schedule, schedule)
    assert sched.convert_to_iter_based  # official: cosine per iteration
    assert c.train_cfg.max_epochs == stop
    opt = c.optim_wrapper.optimizer
    assert opt.type == 'ClippedLARS' and opt.clip
    assert opt.exclude_bias_and_norm and opt.nesterov
    assert (opt.eta, opt.momentum, opt.weight_decay) == (0.005, 0.9, 1e-4)
    assert c.data_preprocessor.mean == [127.5] * 3
    assert c.data_preprocessor.std == [127.5] * 3


def test_empssl_in100_patches_keep_default_aspect_ratios():
    crop = cfg('empssl/empssl_r18_1xb100-20p-10e_in100.py').patch_pipeline[0]
    assert crop.crop_ratio_range == (0.25, 0.25)
    assert crop.aspect_ratio_range == pytest.approx((3 / 4, 4 / 3))
    assert crop.interpolation == 'bicubic'


def test_instcls_raw_init_is_not_degenerate_by_default():
    from mmssl.engine.hooks import RawFeatureInitHook
    import inspect
    default = inspect.signature(RawFeatureInitHook).parameters['bn_stats']
    assert default.default == 'batch'
    for path in ('instcls/instcls_r50_64xb64-coslr-200e_in1k.py',
                 'instcls/instcls_r18_1xb128-coslr-30e_cifar10-5k.py'):
        hooks = [h for h in cfg(path).custom_hooks
                 if h.type == 'RawFeatureInitHook']
        assert hooks[0].bn_stats == 'batch'
    root = cfg('instcls/instcls_r50_64xb64-coslr-200e_in1k.py')
    assert root.model.head.hard_classes_by == 'weight'
    assert root.optim_wrapper.paramwise_cfg.custom_keys[
        'head.weight'].decay_mult == 1.


@pytest.mark.parametrize('path', [
    'detcon/detconb_r50_8xb512-1000e_in1k.py',
    'detcon/detcons_r50_8xb512-1000e_in1k.py',
])
def test_detcon_paper_configs_pool_hard(path):
    from mmssl.models.necks import MaskPoolingNeck
    import inspect
    c = cfg(path)
    assert c.model.neck.pooling == 'hard'
    assert c.model.num_masks == 16
    assert c.model.head.loss.temperature == 0.1
    sig = inspect.signature(MaskPoolingNeck).parameters['pooling']
    assert sig.default == 'hard'

"""BA-SSL's wrapper: the fusion reaches the loss of every supported method,
stays out of backbones and transfer, and without it the method is itself."""
import copy

import pytest
import torch
from mmengine.logging import MessageHub
from mmpretrain.structures import DataSample

from mmssl.benchmarks.transfer import check_backbone
from mmssl.registry import MODELS
from mmssl.utils.checkpoint_io import load_prefixed_state_dict
from mmssl.utils.converters import extract_backbone
from tests.models.algorithms.test_detcon import fake_batch, tiny_detcon_cfg

B = 4
PREPROCESS = dict(type='mmpretrain.SelfSupDataPreprocessor', mean=[0] * 3,
                  std=[1] * 3)
CIFAR_R18 = dict(type='mmpretrain.ResNet_CIFAR', depth=18,
                 norm_cfg=dict(type='BN'))
PLAIN = {
    'SimCLR': dict(
        type='mmpretrain.SimCLR', backbone=CIFAR_R18,
        neck=dict(type='mmpretrain.NonLinearNeck', in_channels=512,
                  hid_channels=32, out_channels=16, with_avg_pool=True),
        head=dict(type='mmpretrain.ContrastiveHead', temperature=0.1,
                  loss=dict(type='mmpretrain.CrossEntropyLoss'))),
    'BYOL': dict(
        type='mmpretrain.BYOL', backbone=CIFAR_R18,
        neck=dict(type='mmpretrain.NonLinearNeck', in_channels=512,
                  hid_channels=32, out_channels=16, with_avg_pool=True),
        head=dict(type='mmpretrain.LatentPredictHead',
                  loss=dict(type='mmpretrain.CosineSimilarityLoss'),
                  predictor=dict(type='mmpretrain.NonLinearNeck',
                                 in_channels=16, hid_channels=32,
                                 out_channels=16, with_avg_pool=False))),
    'MoCo': dict(
        type='mmpretrain.MoCo', queue_len=16, feat_dim=16, backbone=CIFAR_R18,
        neck=dict(type='mmpretrain.MoCoV2Neck', in_channels=512,
                  hid_channels=32, out_channels=16, with_avg_pool=True),
        head=dict(type='mmpretrain.ContrastiveHead', temperature=0.2,
                  loss=dict(type='mmpretrain.CrossEntropyLoss'))),
}


@pytest.fixture(autouse=True)
def _max_iters():
    MessageHub.get_current_instance().update_info('max_iters', 100)


def _wrapped(name, fusion=True, fused_view=1, seed=0):
    torch.manual_seed(seed)
    algorithm = dict(PLAIN[name], data_preprocessor=PREPROCESS)
    return MODELS.build(dict(
        type='BatchAdaptive', algorithm=algorithm, fused_view=fused_view,
        fusion=dict(type='BatchFusion', batch_size=B, patch_size=4)
        if fusion else None))


def _views(seed=0):
    g = torch.Generator().manual_seed(seed)
    return [torch.rand(B, 3, 32, 32, generator=g) for _ in range(2)]


def _fusion_grads(model, views, samples):
    model.zero_grad()
    model.loss(views, samples)['loss'].backward()
    return [p.grad for p in model.batch_fusion.parameters()]


@pytest.mark.parametrize('name,fused_view', [('SimCLR', 1), ('BYOL', 1),
                                             ('MoCo', 0)])
def test_gradient_reaches_every_fusion_parameter(name, fused_view):
    model = _wrapped(name, fused_view=fused_view)
    samples = [DataSample() for _ in range(B)]
    grads = _fusion_grads(model, _views(), samples)
    assert all(g is not None and g.abs().sum() > 0 for g in grads)


def test_moco_key_view_would_never_learn():
    """Why the MoCo v2 configs fuse view 0: view 1 is the key, encoded
    without gradient."""
    model = _wrapped('MoCo', fused_view=1)
    grads = _fusion_grads(model, _views(), [DataSample() for _ in range(B)])
    assert all(g is None for g in grads)


def test_detcon_masks_stay_valid_and_fusion_learns():
    torch.manual_seed(0)
    model = MODELS.build(dict(
        type='BatchAdaptive', algorithm=tiny_detcon_cfg(),
        fusion=dict(type='BatchFusion', batch_size=B, patch_size=8)))
    views, samples = fake_batch(B=B, size=64)
    loss = model.loss(views, samples)['loss']
    loss.backward()
    assert torch.isfinite(loss)
    assert all(p.grad is not None and p.grad.abs().sum() > 0
               for p in model.batch_fusion.parameters())


@pytest.mark.parametrize('name', list(PLAIN))
def test_without_the_module_it_is_the_plain_method(name):
    wrapped = _wrapped(name, fusion=False, seed=3)
    torch.manual_seed(3)
    plain = MODELS.build(dict(PLAIN[name], data_preprocessor=PREPROCESS))
    assert isinstance(wrapped, type(plain))
    assert wrapped.state_dict().keys() == plain.state_dict().keys()
    for key, value in plain.state_dict().items():
        assert torch.equal(wrapped.state_dict()[key], value), key
    samples = [DataSample() for _ in range(B)]
    torch.manual_seed(5)
    got = wrapped.loss(_views(), samples)['loss']
    torch.manual_seed(5)
    expected = plain.loss(_views(), samples)['loss']
    torch.testing.assert_close(got, expected, rtol=0, atol=0)


def test_fusion_changes_the_loss_and_only_adds_its_own_keys():
    fused, plain = _wrapped('SimCLR'), _wrapped('SimCLR', fusion=False)
    extra = set(fused.state_dict()) - set(plain.state_dict())
    assert extra and all(k.startswith('batch_fusion.') for k in extra)
    assert set(plain.state_dict()) <= set(fused.state_dict())
    samples = [DataSample() for _ in range(B)]
    assert not torch.allclose(fused.loss(_views(), samples)['loss'],
                              plain.loss(_views(), samples)['loss'])


def test_wrong_batch_and_single_batch_methods_are_named_errors():
    model = _wrapped('SimCLR')
    views = [torch.rand(B + 1, 3, 32, 32) for _ in range(2)]
    with pytest.raises(ValueError, match=f'batches of {B} .* got {B + 1}'):
        model.loss(views, [DataSample() for _ in range(B + 1)])
    with pytest.raises(ValueError, match='single batch .*JigClu'):
        model.loss(torch.rand(B, 3, 32, 32), [DataSample()] * B)
    with pytest.raises(KeyError, match='NoSuchMethod'):
        MODELS.build(dict(type='BatchAdaptive', fusion=None,
                          algorithm=dict(type='NoSuchMethod')))


def test_backbone_extraction_and_transfer_drop_the_fusion(tmp_path):
    torch.manual_seed(0)
    model = MODELS.build(dict(
        type='BatchAdaptive', algorithm=tiny_detcon_cfg(),
        fusion=dict(type='BatchFusion', batch_size=B, patch_size=8)))
    path = str(tmp_path / 'epoch_1.pth')
    torch.save(dict(state_dict=model.state_dict(), meta={}), path)
    out = str(tmp_path / 'backbone.pth')
    n = extract_backbone(path, out)
    backbone = torch.load(out)['state_dict']
    assert n == len(backbone) == len(model.backbone.state_dict())
    assert backbone.keys() == model.backbone.state_dict().keys()
    # what a prefix='backbone.' transfer loads, and the transfer key check
    assert load_prefixed_state_dict(path).keys() == backbone.keys()
    assert check_backbone(
        'configs/benchmarks/mmdetection/coco128/'
        'mask-rcnn_r18_fpn_1xb4-8e_coco128.py', path) == n
    # a copy of the wrapped model is the same kind of model
    assert type(copy.deepcopy(model)) is type(model)

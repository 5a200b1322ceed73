import math

import pytest
import torch
from mmengine.logging import MessageHub
from mmpretrain.structures import DataSample

from mmssl.registry import MODELS


def tiny_detcon_cfg(kind='DetConB', **kwargs):
    cfg = dict(
        type=kind,
        num_masks=4,
        backbone=dict(type='ResNet', depth=18, norm_cfg=dict(type='BN')),
        neck=dict(type='MaskPoolingNeck',
                  projector=dict(type='NonLinearNeck', in_channels=512,
                                 hid_channels=64, out_channels=16,
                                 with_avg_pool=False,
                                 norm_cfg=dict(type='BN1d'))),
        head=dict(type='DetConHead',
                  loss=dict(type='DetConLoss', temperature=0.1)),
        data_preprocessor=dict(type='SelfSupDataPreprocessor',
                               mean=[0, 0, 0], std=[1, 1, 1]),
        **kwargs)
    if kind == 'DetConB':
        cfg['head']['predictor'] = dict(
            type='NonLinearNeck', in_channels=16, hid_channels=64,
            out_channels=16, with_avg_pool=False,
            norm_cfg=dict(type='BN1d'))
    return cfg


def tiny_detcon(kind='DetConB', **kwargs):
    return MODELS.build(tiny_detcon_cfg(kind, **kwargs))


def fake_batch(B=4, size=64, seed=0):
    g = torch.Generator().manual_seed(seed)
    views = [torch.rand(B, 3, size, size, generator=g) for _ in range(2)]
    masks = torch.zeros(B, 2, size, size, dtype=torch.uint8)
    masks[:, :, :, size // 2:] = 1
    masks[:, :, size // 2:, :] += 2
    samples = []
    for i in range(B):
        ds = DataSample()
        ds.set_field(masks[i], 'view_masks')
        samples.append(ds)
    return views, samples


@pytest.fixture(autouse=True)
def _max_iters():
    MessageHub.get_current_instance().update_info('max_iters', 100)


def test_detconb_target_is_ema_of_online():
    torch.manual_seed(0)
    model = tiny_detcon()
    views, samples = fake_batch()
    model.loss(views, samples)  # first update copies the online weights
    online = dict(model.backbone.named_parameters())
    for name, p in model.target_net.module.backbone.named_parameters():
        torch.testing.assert_close(p, online[name])
        assert not p.requires_grad

    before = {n: p.detach().clone()
              for n, p in model.target_net.module.named_parameters()}
    with torch.no_grad():
        for p in model.backbone.parameters():
            p.add_(1.0)
    steps = int(model.target_net.steps)
    model.loss(views, samples)
    m0 = 0.004
    momentum = m0 * (math.cos(math.pi * steps / 100) + 1) / 2
    name = 'backbone.conv1.weight'
    expected = (1 - momentum) * before[name] + \
        momentum * model.backbone.conv1.weight.detach()
    torch.testing.assert_close(
        dict(model.target_net.module.named_parameters())[name], expected)


def test_momentum_schedule_goes_from_0996_to_1():
    from mmpretrain.models.utils import CosineEMA
    ema = CosineEMA(torch.nn.Linear(1, 1, bias=False), momentum=0.004)
    for step, tau in ((0, 0.996), (50, 0.998), (100, 1.0)):
        avg = torch.zeros(1)
        ema.avg_func(avg, torch.ones(1), step)
        assert 1 - avg.item() == pytest.approx(tau, abs=1e-6)


@pytest.mark.parametrize('kind', ['DetConB', 'DetConS'])
def test_gradients_reach_online_network_only(kind):
    torch.manual_seed(0)
    model = tiny_detcon(kind)
    views, samples = fake_batch()
    loss = model.loss(views, samples)['loss']
    assert torch.isfinite(loss) and loss > 0
    loss.backward()
    assert model.backbone.conv1.weight.grad.abs().sum() > 0
    assert model.neck.projector.fc0.weight.grad.abs().sum() > 0
    if kind == 'DetConB':
        assert model.head.predictor.fc0.weight.grad.abs().sum() > 0
        assert all(p.grad is None
                   for p in model.target_net.parameters())


def test_views_draw_ids_independently_and_target_reuses_them(monkeypatch):
    from mmssl.models.algorithms import detcon
    model = tiny_detcon()
    seen = []
    original = detcon._MaskEncoder.forward

    def spy(self, img, masks, num_masks, selection=None):
        out = original(self, img, masks, num_masks, selection)
        seen.append((selection is not None, out[1][0].clone()))
        return out

    monkeypatch.setattr(detcon._MaskEncoder, 'forward', spy)
    views, samples = fake_batch(B=8)
    torch.manual_seed(0)
    model.loss(views, samples)
    assert [reused for reused, _ in seen] == [False, False, True, True]
    online1, online2, target1, target2 = [ids for _, ids in seen]
    assert torch.equal(target1, online1) and torch.equal(target2, online2)
    # each view draws its own ids (4 ids, 4 per image, 8 images)
    assert not torch.equal(online1, online2)


def test_missing_masks_is_a_clear_error():
    model = tiny_detcon()
    views, _ = fake_batch()
    with pytest.raises(KeyError, match='MultiViewWithMasks'):
        model.loss(views, [DataSample() for _ in range(4)])


def test_detcons_loss_goes_down_on_a_fixed_batch():
    torch.manual_seed(0)
    model = tiny_detcon('DetConS')
    views, samples = fake_batch(B=6)
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    losses = []
    for _ in range(15):
        torch.manual_seed(1)  # same mask ids each step
        loss = model.loss(views, samples)['loss']
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    assert losses[-1] < 0.7 * losses[0]

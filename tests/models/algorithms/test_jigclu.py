import pytest
import torch

from mmssl.registry import MODELS
from mmssl.testing import run_distributed


def tiny_jigclu():
    torch.manual_seed(0)
    return MODELS.build(dict(
        type='JigClu', grid=2,
        backbone=dict(type='ResNet', depth=18, norm_cfg=dict(type='BN')),
        head=dict(type='JigCluHead', in_channels=512, hid_channels=64,
                  out_channels=16, grid=2,
                  cluster_loss=dict(type='ClusterContrastiveLoss',
                                    temperature=0.3)),
        data_preprocessor=dict(type='SelfSupDataPreprocessor',
                               mean=[0, 0, 0], std=[1, 1, 1])))


def pieces(B, p=32, seed=0):
    g = torch.Generator().manual_seed(seed)
    base = torch.rand(B, 3, 1, 1, generator=g)
    return [base + 0.1 * torch.rand(B, 3, p, p, generator=g)
            for _ in range(4)]


def test_losses_and_labels():
    model = tiny_jigclu()
    losses = model.loss(pieces(4), None)
    assert set(losses) == {'loss_cluster', 'loss_location', 'location_acc'}
    # location: cross-entropy over 4 cells starts near log(4)
    assert abs(losses['loss_location'].item() - 1.386) < 0.5
    total = losses['loss_cluster'] + losses['loss_location']
    total.backward()
    assert model.backbone.conv1.weight.grad.abs().sum() > 0


def test_loss_goes_down_on_a_fixed_batch():
    model = tiny_jigclu()
    batch = pieces(6)
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    history = []
    for _ in range(12):
        torch.manual_seed(5)  # same montages every step
        losses = model.loss(batch, None)
        loss = losses['loss_cluster'] + losses['loss_location']
        opt.zero_grad()
        loss.backward()
        opt.step()
        history.append(loss.item())
    assert history[-1] < 0.8 * history[0]


def _jigclu_worker(rank, world, batch):
    model = tiny_jigclu().eval()  # BN on running stats: per-sample maths
    torch.manual_seed(123)  # rank 0 draws the shared permutation
    local = [x[rank * 2:(rank + 1) * 2] for x in batch]
    losses = model.loss(local, None)
    return {k: v.detach() for k, v in losses.items()}


def test_one_process_equals_two_processes():
    batch = pieces(4)
    model = tiny_jigclu().eval()
    torch.manual_seed(123)
    single = model.loss(batch, None)
    r0, r1 = run_distributed(_jigclu_worker, 2, batch)
    for key in ('loss_cluster', 'loss_location'):
        assert ((r0[key] + r1[key]) / 2).item() == pytest.approx(
            single[key].item(), abs=1e-5)

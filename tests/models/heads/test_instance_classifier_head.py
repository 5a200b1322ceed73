import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F
from mmpretrain.structures import DataSample

from mmssl.models import InstanceClassifier, ShardedInstanceClassifierHead
from mmssl.testing import run_distributed

N, D, TAU, ALPHA, K = 12, 4, 0.15, 0.2, 3


def reference_loss(z, weight, labels, smoothing=ALPHA, k=K):
    """Paper formula, dense: q = 1-alpha on y, alpha/K on the K classes
    whose weights are most cosine-similar to w_y (y excluded)."""
    w = F.normalize(weight, dim=1)
    logp = torch.log_softmax(z @ w.t() / TAU, dim=1)  # z is normalised
    q = torch.zeros(len(labels), weight.shape[0])
    sim = w @ w.t()
    for i, y in enumerate(labels.tolist()):
        q[i, y] = 1 - smoothing
        if smoothing:
            s = sim[y].clone()
            s[y] = -float('inf')
            for c in s.argsort(descending=True)[:k].tolist():
                q[i, c] = smoothing / k
    return -(q * logp).sum(1).mean(), q


def make_head(weight, **kw):
    head = ShardedInstanceClassifierHead(
        num_classes=weight.shape[0], in_channels=weight.shape[1],
        temperature=TAU, smoothing=ALPHA, num_hard_classes=K, **kw)
    with torch.no_grad():
        head.weight.copy_(weight[head.start:head.end])
    return head


@pytest.mark.parametrize('refresh', [1, 3])
def test_loss_and_grads_match_paper_formula(refresh):
    torch.manual_seed(0)
    weight = torch.randn(N, D)
    z = F.normalize(torch.randn(5, D), dim=1).requires_grad_()
    labels = torch.tensor([0, 3, 3, 7, 11])
    head = make_head(weight, refresh_interval=refresh)
    loss = head.loss(z, labels)['loss']
    loss.backward()
    w_ref = weight.clone().requires_grad_()
    z_ref = z.detach().clone().requires_grad_()
    ref, _ = reference_loss(z_ref, w_ref, labels)
    ref.backward()
    torch.testing.assert_close(loss, ref, atol=1e-5, rtol=1e-5)
    torch.testing.assert_close(head.weight.grad, w_ref.grad, atol=1e-5,
                               rtol=1e-5)
    torch.testing.assert_close(z.grad, z_ref.grad, atol=1e-5, rtol=1e-5)


def test_smoothing_targets_sum_to_one_on_true_top_k():
    torch.manual_seed(1)
    weight = torch.randn(N, D)
    head = make_head(weight)
    labels = torch.tensor([2, 5])
    ids, mass = head._targets(labels, torch.randn(2, D))
    _, q = reference_loss(torch.randn(2, D), weight, labels)
    dense = torch.zeros(2, N).scatter_add_(1, ids, mass)
    torch.testing.assert_close(dense.sum(1), torch.ones(2))
    torch.testing.assert_close(dense, q)
    assert (ids[:, 1:] != labels[:, None]).all()
    assert torch.allclose(mass[:, 1:], torch.full((2, K), ALPHA / K))


def test_per_instance_hard_classes_rank_by_feature():
    # hard_classes_by='feature': the K classes with the largest z_i . w_c,
    # true class excluded, per sample (not per class)
    torch.manual_seed(3)
    weight = torch.randn(N, D)
    head = make_head(weight, hard_classes_by='feature')
    z = F.normalize(torch.randn(3, D), dim=1)
    labels = torch.tensor([4, 4, 9])
    ids, mass = head._targets(labels, z)
    scores = z @ F.normalize(weight, dim=1).t()
    for i, y in enumerate(labels.tolist()):
        s = scores[i].clone()
        s[y] = -float('inf')
        assert set(ids[i, 1:].tolist()) == set(s.topk(K).indices.tolist())
    # two samples of one class can get different hard classes
    assert set(ids[0, 1:].tolist()) != set(ids[1, 1:].tolist())
    by_weight = make_head(weight)._targets(labels, z)[0]
    assert torch.equal(by_weight[0], by_weight[1])
    with pytest.raises(ValueError, match='refresh_interval must be 1'):
        make_head(weight, hard_classes_by='feature', refresh_interval=2)


def test_no_smoothing_is_cross_entropy():
    torch.manual_seed(2)
    weight = torch.randn(N, D)
    head = ShardedInstanceClassifierHead(N, D, temperature=TAU, smoothing=0)
    with torch.no_grad():
        head.weight.copy_(weight)
    z = F.normalize(torch.randn(4, D), dim=1)
    labels = torch.tensor([1, 2, 3, 4])
    logits = z @ F.normalize(weight, dim=1).t() / TAU
    torch.testing.assert_close(head.loss(z, labels)['loss'],
                               F.cross_entropy(logits, labels))


def test_bad_label_and_k_are_named():
    head = ShardedInstanceClassifierHead(N, D, num_hard_classes=K)
    with pytest.raises(ValueError, match='num_classes must equal'):
        head.loss(torch.randn(1, D), torch.tensor([N]))
    with pytest.raises(ValueError, match='num_hard_classes=12'):
        ShardedInstanceClassifierHead(N, D, num_hard_classes=N)


class TinyBackbone(nn.Module):

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 6, 3)

    def forward(self, x):
        return (self.conv(x), )


class TinyNeck(nn.Module):

    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(6, D)

    def forward(self, feats):
        return [self.fc(feats[-1].mean(dim=(2, 3)))]


def _model(refresh):
    torch.manual_seed(0)
    model = InstanceClassifier(
        backbone=TinyBackbone(), neck=TinyNeck(),
        head=dict(type='ShardedInstanceClassifierHead', num_classes=N,
                  in_channels=D, temperature=TAU, smoothing=ALPHA,
                  num_hard_classes=K, refresh_interval=refresh))
    torch.manual_seed(1)
    full = torch.randn(N, D)
    with torch.no_grad():
        model.head.weight.copy_(full[model.head.start:model.head.end])
    return model


def _batch():
    torch.manual_seed(3)
    imgs = torch.randn(6, 3, 5, 5)
    labels = [4, 0, 9, 9, 2, 11]
    return imgs, [DataSample(metainfo=dict(instance_id=y)) for y in labels]


def _sharded_step(rank, world, refresh):
    model = _model(refresh)
    ddp = nn.parallel.DistributedDataParallel(model)
    imgs, samples = _batch()
    part = slice(rank * 3, rank * 3 + 3)
    losses = ddp(inputs=[imgs[part]], data_samples=samples[part],
                 mode='loss')
    losses['loss'].backward()
    return dict(loss=losses['loss'].detach(),
                conv=model.backbone.conv.weight.grad,
                fc=model.neck.fc.weight.grad,
                shard=model.head.weight.grad, start=model.head.start,
                weight=model.head.weight.detach())


@pytest.mark.parametrize('refresh', [1, 2])
def test_two_rank_sharded_equals_unsharded(refresh):
    model = _model(refresh)
    imgs, samples = _batch()
    loss = model.loss([imgs], samples)['loss']
    loss.backward()
    results = run_distributed(_sharded_step, 2, refresh)
    rows = 0
    for r in results:
        torch.testing.assert_close(r['loss'], loss.detach(), atol=1e-5,
                                   rtol=1e-5)
        torch.testing.assert_close(r['conv'], model.backbone.conv.weight.grad,
                                   atol=1e-5, rtol=1e-5)
        torch.testing.assert_close(r['fc'], model.neck.fc.weight.grad,
                                   atol=1e-5, rtol=1e-5)
        n = r['shard'].shape[0]
        torch.testing.assert_close(
            r['shard'], model.head.weight.grad[r['start']:r['start'] + n],
            atol=1e-5, rtol=1e-5)
        rows += n
    # each rank holds N / P rows, and DDP did not overwrite rank 1's shard
    assert rows == N and results[1]['start'] == N // 2
    torch.testing.assert_close(results[1]['weight'],
                               model.head.weight.detach()[N // 2:])

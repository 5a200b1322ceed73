import pytest
import torch
import torch.nn.functional as F

from mmssl.models.losses import ShardedSoftCrossEntropyLoss
from mmssl.testing import run_distributed


def _inputs():
    g = torch.Generator().manual_seed(0)
    logits = torch.randn(4, 6, generator=g)
    ids = torch.tensor([[1, 2, 5], [0, 3, 4], [2, 2, 0], [5, 1, 3]])
    weights = torch.tensor([[.8, .1, .1]] * 4)
    labels = ids[:, 0]
    return logits, ids, weights, labels


def _dense(logits, ids, weights):
    q = torch.zeros_like(logits).scatter_add_(1, ids, weights)
    return -(q * F.log_softmax(logits, dim=1)).sum(1)


def test_one_shard_is_soft_cross_entropy_and_accuracy():
    logits, ids, weights, labels = _inputs()
    out = ShardedSoftCrossEntropyLoss()(logits, ids, weights, labels, 0)
    assert out['loss'].item() == pytest.approx(
        _dense(logits, ids, weights).mean().item(), abs=1e-6)
    acc = (logits.argmax(1) == labels).float().mean()
    assert out['instance_acc'].item() == pytest.approx(acc.item())
    per_sample = ShardedSoftCrossEntropyLoss()(logits, ids, weights, labels,
                                               0, reduce=False)['loss']
    torch.testing.assert_close(per_sample, _dense(logits, ids, weights))


def _shard_worker(rank, world):
    logits, ids, weights, labels = _inputs()
    start, end = rank * 3, rank * 3 + 3
    return ShardedSoftCrossEntropyLoss()(logits[:, start:end], ids, weights,
                                         labels, start)


def test_two_shards_equal_the_whole_classifier():
    logits, ids, weights, labels = _inputs()
    whole = ShardedSoftCrossEntropyLoss()(logits, ids, weights, labels, 0)
    for out in run_distributed(_shard_worker, 2):
        torch.testing.assert_close(out['loss'], whole['loss'])
        torch.testing.assert_close(out['instance_acc'],
                                   whole['instance_acc'])

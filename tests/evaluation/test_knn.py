import math

import pytest
import torch

from mmssl.evaluation import knn_accuracy, knn_classify


def test_votes_equal_hand_computation():
    train = torch.tensor([[1., 0.], [0., 1.], [1., 1.]])
    labels = torch.tensor([0, 1, 1])
    test = torch.tensor([[2., 0.1]])
    votes = knn_classify(train, labels, test, num_classes=2, k=2,
                         temperature=0.5)
    q = test[0] / test[0].norm()
    s0 = q @ torch.tensor([1., 0.])
    s2 = q @ (torch.tensor([1., 1.]) / math.sqrt(2))
    # 2 nearest: train 0 (class 0) and train 2 (class 1)
    assert votes[0, 0].item() == pytest.approx(math.exp(s0 / 0.5), rel=1e-5)
    assert votes[0, 1].item() == pytest.approx(math.exp(s2 / 0.5), rel=1e-5)


def test_known_structure_gives_exact_accuracy():
    # 4 classes on 4 orthogonal axes; test points near their class axis,
    # except 3 of 20 deliberately placed on the wrong axis.
    g = torch.Generator().manual_seed(0)
    axes = torch.eye(4)
    train_labels = torch.arange(4).repeat_interleave(25)
    train = axes[train_labels] + 0.05 * torch.randn(100, 4, generator=g)
    test_labels = torch.arange(4).repeat_interleave(5)
    placed = test_labels.clone()
    placed[[0, 7, 13]] = torch.tensor([1, 2, 0])
    test = axes[placed] + 0.05 * torch.randn(20, 4, generator=g)
    acc = knn_accuracy(train, train_labels, test, test_labels)
    assert acc['top1'] == pytest.approx(100 * 17 / 20)
    assert 'top5' not in acc


def test_label_count_mismatch_is_an_error():
    with pytest.raises(ValueError, match='labels'):
        knn_classify(torch.zeros(3, 2), torch.zeros(2, dtype=torch.long),
                     torch.zeros(1, 2))

"""Weighted k-nearest-neighbour classification on frozen features.

The protocol of Wu et al. 2018 (InstDisc), used by DINO and most SSL papers:
cosine similarity, the ``k`` nearest training samples vote for their class
with weight ``exp(s / T)``; defaults ``k=20``, ``T=0.07``.
"""
from typing import Dict, Optional

import torch
import torch.nn.functional as F


@torch.no_grad()
def knn_classify(train_feats: torch.Tensor, train_labels: torch.Tensor,
                 test_feats: torch.Tensor, num_classes: Optional[int] = None,
                 k: int = 20, temperature: float = 0.07,
                 chunk: int = 1024) -> torch.Tensor:
    """Return the ``(N_test, num_classes)`` class votes."""
    if len(train_feats) != len(train_labels):
        raise ValueError(f'{len(train_feats)} train features but '
                         f'{len(train_labels)} labels')
    num_classes = num_classes or int(train_labels.max()) + 1
    k = min(k, len(train_feats))
    train = F.normalize(train_feats.float(), dim=1)
    test = F.normalize(test_feats.float(), dim=1)
    votes = []
    for start in range(0, len(test), chunk):
        sims = test[start:start + chunk] @ train.t()
        top_sim, top_idx = sims.topk(k, dim=1)
        weights = (top_sim / temperature).exp()
        one_hot = F.one_hot(train_labels[top_idx], num_classes).float()
        votes.append((one_hot * weights[..., None]).sum(dim=1))
    return torch.cat(votes)


def knn_accuracy(train_feats, train_labels, test_feats, test_labels,
                 k: int = 20, temperature: float = 0.07) -> Dict[str, float]:
    """Top-1 (and top-5 when there are more than 5 classes) accuracy in %."""
    num_classes = int(max(train_labels.max(), test_labels.max())) + 1
    votes = knn_classify(train_feats, train_labels, test_feats, num_classes,
                         k, temperature)
    ranked = votes.argsort(dim=1, descending=True)
    result = dict(top1=100.0 * (ranked[:, 0] == test_labels).float().mean()
                  .item())
    if num_classes > 5:
        hit5 = (ranked[:, :5] == test_labels[:, None]).any(dim=1)
        result['top5'] = 100.0 * hit5.float().mean().item()
    return result

import math

import numpy as np
import pytest
import torch

from mmssl.models.losses import ClusterContrastiveLoss


def reference(z, labels, T, T_base):
    """JigClu Eq. 2 / SupCon, anchor by anchor, float64."""
    z = z.astype(np.float64)
    z /= np.linalg.norm(z, axis=1, keepdims=True)
    total = 0.0
    for a in range(len(z)):
        denom = sum(math.exp(z[a] @ z[k] / T) for k in range(len(z))
                    if k != a)
        pos = [k for k in range(len(z)) if k != a and labels[k] == labels[a]]
        total += -np.mean([z[a] @ z[p] / T - math.log(denom) for p in pos])
    return T / T_base * total / len(z)


@pytest.mark.parametrize('T,T_base', [(0.3, None), (0.3, 0.07), (0.1, 0.1)])
def test_matches_paper_formula(T, T_base):
    rng = np.random.default_rng(0)
    z = rng.normal(size=(12, 5)).astype(np.float32)
    labels = np.repeat(np.arange(3), 4)  # 3 images x 4 patches
    rng.shuffle(labels)
    loss = ClusterContrastiveLoss(T, T_base)(torch.from_numpy(z),
                                             torch.from_numpy(labels))
    assert loss.item() == pytest.approx(
        reference(z, labels, T, T_base or T), abs=1e-5)


def test_permutation_invariant_and_lower_when_clustered():
    g = torch.Generator().manual_seed(0)
    z = torch.randn(8, 4, generator=g)
    labels = torch.tensor([0, 0, 1, 1, 2, 2, 3, 3])
    loss_fn = ClusterContrastiveLoss()
    perm = torch.randperm(8, generator=g)
    assert loss_fn(z[perm], labels[perm]).item() == pytest.approx(
        loss_fn(z, labels).item(), abs=1e-6)
    clustered = torch.eye(4)[labels] + 0.01 * z
    assert loss_fn(clustered, labels) < loss_fn(z, labels)


def test_patch_without_partner_is_an_error():
    with pytest.raises(ValueError, match='no other patch'):
        ClusterContrastiveLoss()(torch.randn(3, 2), torch.tensor([0, 0, 1]))

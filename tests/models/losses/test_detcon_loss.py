import math

import numpy as np
import pytest
import torch

from mmssl.models.losses import DetConLoss
from tests.dist_utils import run_distributed

TAU = 0.1


def reference_detcon_loss(p1, p2, t1, t2, ids, v1, v2, tau=TAU):
    """DetCon Eq. 1, written out anchor by anchor in float64."""
    B, K, _ = p1.shape
    n = lambda x: x / np.linalg.norm(x, axis=-1, keepdims=True)  # noqa
    p = [n(p1.astype(np.float64)), n(p2.astype(np.float64))]
    t = [n(t1.astype(np.float64)), n(t2.astype(np.float64))]
    v = [v1, v2]
    total, count = 0.0, 0
    for a in (0, 1):
        o = 1 - a
        for i in range(B):
            for k in range(K):
                if not v[a][i, k]:
                    continue
                positives = [(i, l) for l in range(K)
                             if ids[i, l] == ids[i, k] and v[o][i, l]]
                if not positives:
                    continue
                denom = []
                for j in range(B):
                    for l in range(K):
                        if v[o][j, l]:
                            denom.append(p[a][i, k] @ t[o][j, l] / tau)
                        if v[a][j, l] and not (j == i
                                               and ids[j, l] == ids[i, k]):
                            denom.append(p[a][i, k] @ t[a][j, l] / tau)
                log_z = math.log(sum(math.exp(s) for s in denom))
                total += -np.mean([p[a][i, k] @ t[o][j, l] / tau - log_z
                                   for j, l in positives])
                count += 1
    return total / count


def random_inputs(B=3, K=4, D=8, seed=0, with_invalid=True):
    rng = np.random.default_rng(seed)
    p1, p2, t1, t2 = (rng.normal(size=(B, K, D)).astype(np.float32)
                      for _ in range(4))
    ids = rng.integers(0, 3, size=(B, K))  # duplicates on purpose
    v1 = np.ones((B, K), bool)
    v2 = np.ones((B, K), bool)
    if with_invalid:
        v2[0, 1] = False
        v1[-1, -1] = False
    return p1, p2, t1, t2, ids, v1, v2


def as_torch(arrays):
    return [torch.from_numpy(np.asarray(a)) for a in arrays]


@pytest.mark.parametrize('seed', [0, 1, 2])
def test_matches_paper_formula(seed):
    inputs = random_inputs(seed=seed)
    expected = reference_detcon_loss(*inputs)
    got = DetConLoss(temperature=TAU)(*as_torch(inputs))
    assert got.item() == pytest.approx(expected, abs=1e-5)


def test_hand_computed_two_masks():
    # One image, two masks, 2-d embeddings. View 1 anchors are orthogonal
    # unit vectors; targets equal them, so for mask 0 of view 1 the
    # candidates are: positive e0 (view 2, mask 0), negative e1 (view 2,
    # mask 1), negative e1 (view 1, mask 1); view 1 mask 0 is excluded.
    e = torch.eye(2)[None]
    ids = torch.tensor([[0, 1]])
    valid = torch.ones(1, 2, dtype=torch.bool)
    loss = DetConLoss(temperature=0.5)(e, e, e, e, ids, valid, valid)
    expected = -math.log(math.exp(2) / (math.exp(2) + 2 * math.exp(0)))
    assert loss.item() == pytest.approx(expected, abs=1e-6)


def test_permutation_invariant_over_images_and_slots():
    p1, p2, t1, t2, ids, v1, v2 = random_inputs(B=4, K=5, seed=3)
    loss = DetConLoss()(*as_torch([p1, p2, t1, t2, ids, v1, v2]))
    perm_b, perm_k = np.array([2, 0, 3, 1]), np.array([4, 1, 0, 3, 2])
    shuffled = [x[perm_b][:, perm_k] for x in (p1, p2, t1, t2, ids, v1, v2)]
    assert DetConLoss()(*as_torch(shuffled)).item() == pytest.approx(
        loss.item(), abs=1e-5)


def test_mask_without_positive_gets_zero_weight():
    p1, p2, t1, t2, ids, v1, v2 = random_inputs(with_invalid=False, seed=4)
    base = DetConLoss()(*as_torch([p1, p2, t1, t2, ids, v1, v2]))
    # make one slot's id unique and its view-2 copy empty: its anchor then
    # has no positive; changing its embedding must only matter as a negative
    ids = ids.copy()
    ids[1, 0] = 7
    v2 = v2.copy()
    v2[1, 0] = False
    a = DetConLoss()(*as_torch([p1, p2, t1, t2, ids, v1, v2]))
    p1b = p1.copy()
    p1b[1, 0] *= -3.0  # the anchor itself only
    b = DetConLoss()(*as_torch([p1b, p2, t1, t2, ids, v1, v2]))
    assert a.item() == pytest.approx(b.item(), abs=1e-6)
    assert a.item() != pytest.approx(base.item(), abs=1e-4)


def test_loss_decreases_when_positives_align():
    p1, p2, t1, t2, ids, v1, v2 = random_inputs(with_invalid=False)
    far = DetConLoss()(*as_torch([p1, p2, t1, t2, ids, v1, v2]))
    near = DetConLoss()(*as_torch([t2, t1, t1, t2, ids, v1, v2]))
    assert near < far


def _dist_loss(rank, world, inputs):
    B = inputs[0].shape[0]
    sl = slice(rank * B // world, (rank + 1) * B // world)
    p1, p2, t1, t2, ids, v1, v2 = [torch.from_numpy(x[sl].copy())
                                   for x in inputs]
    p1.requires_grad_()
    t1.requires_grad_()
    # DetCon-S shares one network: targets carry gradient across ranks.
    loss = DetConLoss()(p1, p2, t1, t2, ids, v1, v2)
    loss.backward()
    return dict(loss=loss.detach(), gp=p1.grad, gt=t1.grad)


def test_two_processes_equal_one_process():
    inputs = random_inputs(B=4, K=3, seed=5)
    tensors = as_torch(inputs)
    tensors[0].requires_grad_()
    tensors[2].requires_grad_()
    loss = DetConLoss()(*tensors)
    loss.backward()
    results = run_distributed(_dist_loss, 2, inputs)
    mean_loss = sum(r['loss'] for r in results) / 2
    assert mean_loss.item() == pytest.approx(loss.item(), abs=1e-5)
    # DDP averages gradients over ranks: grad / world == global gradient
    gp = torch.cat([r['gp'] for r in results]) / 2
    gt = torch.cat([r['gt'] for r in results]) / 2
    torch.testing.assert_close(gp, tensors[0].grad, atol=1e-6, rtol=1e-5)
    torch.testing.assert_close(gt, tensors[2].grad, atol=1e-6, rtol=1e-5)

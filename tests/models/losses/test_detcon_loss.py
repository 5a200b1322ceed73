"""DetConLoss against a reference written from the official
``byol_nce_detcon`` semantics (google-deepmind/detcon, utils/losses.py), ROI
by ROI in float64: per-view ids, positives are the other view's ROIs of the
same image and id (soft label over duplicates), the same image and id in
the anchor's own view are removed from the denominator, every other ROI of
both views and all images is a negative, weight = [has positive] / number
of duplicates of the id in its view, and the loss is the *sum* of the two
directions' means over the B*K anchors."""
import math

import numpy as np
import pytest
import torch

from mmssl.models.losses import DetConLoss
from mmssl.testing import run_distributed

TAU = 0.1


def reference_detcon_loss(p1, p2, t1, t2, ids1, ids2, tau=TAU):
    B, K, _ = p1.shape
    n = lambda x: x / np.linalg.norm(x, axis=-1, keepdims=True)  # noqa
    pred = [n(p1.astype(np.float64)), n(p2.astype(np.float64))]
    tgt = [n(t1.astype(np.float64)), n(t2.astype(np.float64))]
    ids = [ids1, ids2]
    total = 0.0
    for a in (0, 1):
        b = 1 - a
        direction = 0.0
        for i in range(B):
            for r in range(K):
                m = ids[a][i, r]
                positives = [s for s in range(K) if ids[b][i, s] == m]
                if not positives:
                    continue  # weight 0 as an anchor
                duplicates = sum(ids[a][i, s] == m for s in range(K))
                scores = []
                for j in range(B):
                    for s in range(K):
                        scores.append(pred[a][i, r] @ tgt[b][j, s] / tau)
                        if not (j == i and ids[a][j, s] == m):
                            scores.append(pred[a][i, r] @ tgt[a][j, s] / tau)
                log_z = math.log(sum(math.exp(x) for x in scores))
                ce = -np.mean([pred[a][i, r] @ tgt[b][i, s] / tau - log_z
                               for s in positives])
                direction += ce / duplicates
        total += direction / (B * K)
    return total


def random_inputs(B=3, K=4, D=8, seed=0):
    rng = np.random.default_rng(seed)
    p1, p2, t1, t2 = (rng.normal(size=(B, K, D)).astype(np.float32)
                      for _ in range(4))
    # ids drawn per view: duplicates and ids missing from the other view
    ids1 = rng.integers(0, 4, size=(B, K))
    ids2 = rng.integers(0, 4, size=(B, K))
    return p1, p2, t1, t2, ids1, ids2


def as_torch(arrays):
    return [torch.from_numpy(np.asarray(a)) for a in arrays]


@pytest.mark.parametrize('seed', [0, 1, 2])
def test_matches_official_semantics(seed):
    inputs = random_inputs(seed=seed)
    # the draw has all three cases the official weights handle
    ids1, ids2 = inputs[4], inputs[5]
    assert any(ids1[i, r] not in ids2[i] for i in range(3) for r in range(4))
    assert any(len(set(row)) < len(row) for row in ids1)
    expected = reference_detcon_loss(*inputs)
    got = DetConLoss(temperature=TAU)(*as_torch(inputs))
    assert got.item() == pytest.approx(expected, abs=1e-5)


def test_hand_computed_two_masks():
    # One image, two ids in both views, 2-d embeddings. Anchor (view 1,
    # id 0) = e0 sees: positive e0 (view 2, id 0), negative e1 (view 2,
    # id 1), negative e1 (view 1, id 1); view 1's own id 0 is removed.
    # Each direction's mean over 2 anchors is that value; the loss is the
    # sum of both directions.
    e = torch.eye(2)[None]
    ids = torch.tensor([[0, 1]])
    loss = DetConLoss(temperature=0.5)(e, e, e, e, ids, ids)
    one = -math.log(math.exp(2) / (math.exp(2) + 2 * math.exp(0)))
    assert loss.item() == pytest.approx(2 * one, abs=1e-6)


def test_duplicates_share_one_unit_of_weight():
    # Two images, one ROI each, then the same ROIs drawn twice per view.
    # Doubled, every target appears twice: each anchor's cross-entropy
    # grows by log 2 (its positive mass is split over two equal copies of a
    # doubled denominator), each of the 2 copies weighs 1/2, and the mean
    # runs over 2x the anchors: per direction double = single / 2 + log 2 / 2.
    rng = np.random.default_rng(7)
    p, t = (rng.normal(size=(2, 1, 4)).astype(np.float32) for _ in range(2))
    ids = np.array([[3], [5]])
    single = DetConLoss()(*as_torch([p, p, t, t, ids, ids]))
    dp, dt, dids = (np.repeat(x, 2, 1) for x in (p, t, ids))
    double = DetConLoss()(*as_torch([dp, dp, dt, dt, dids, dids]))
    assert double.item() == pytest.approx(single.item() / 2 + math.log(2),
                                          abs=1e-5)


def test_permutation_invariant_over_images_and_rois():
    p1, p2, t1, t2, ids1, ids2 = random_inputs(B=4, K=5, seed=3)
    loss = DetConLoss()(*as_torch([p1, p2, t1, t2, ids1, ids2]))
    perm_b = np.array([2, 0, 3, 1])
    perm_1, perm_2 = np.array([4, 1, 0, 3, 2]), np.array([1, 3, 0, 2, 4])
    shuffled = [x[perm_b][:, perm_1] for x in (p1, t1, ids1)]
    shuffled2 = [x[perm_b][:, perm_2] for x in (p2, t2, ids2)]
    got = DetConLoss()(*as_torch([shuffled[0], shuffled2[0], shuffled[1],
                                  shuffled2[1], shuffled[2], shuffled2[2]]))
    assert got.item() == pytest.approx(loss.item(), abs=1e-5)


def test_unmatched_anchor_has_zero_weight_but_stays_a_negative():
    p1, p2, t1, t2, ids1, ids2 = random_inputs(seed=4)
    ids1 = ids1.copy()
    ids1[1, 0] = 9  # drawn in view 1 only
    a = DetConLoss()(*as_torch([p1, p2, t1, t2, ids1, ids2]))
    p1b = p1.copy()
    p1b[1, 0] *= -3.0  # its anchor: weight 0, must not matter
    b = DetConLoss()(*as_torch([p1b, p2, t1, t2, ids1, ids2]))
    assert a.item() == pytest.approx(b.item(), abs=1e-6)
    t1b = t1.copy()
    t1b[1, 0] = p1[0, 0] * 10  # its target: a negative for other anchors
    c = DetConLoss()(*as_torch([p1, p2, t1b, t2, ids1, ids2]))
    assert c.item() != pytest.approx(a.item(), abs=1e-4)


def test_loss_decreases_when_positives_align():
    p1, p2, t1, t2, ids1, ids2 = random_inputs()
    far = DetConLoss()(*as_torch([p1, p2, t1, t2, ids1, ids1]))
    near = DetConLoss()(*as_torch([t2, t1, t1, t2, ids1, ids1]))
    assert near < far


def _dist_loss(rank, world, inputs):
    B = inputs[0].shape[0]
    sl = slice(rank * B // world, (rank + 1) * B // world)
    p1, p2, t1, t2, ids1, ids2 = [torch.from_numpy(x[sl].copy())
                                  for x in inputs]
    p1.requires_grad_()
    t1.requires_grad_()
    # DetCon-S shares one network: targets carry gradient across ranks.
    loss = DetConLoss()(p1, p2, t1, t2, ids1, ids2)
    loss.backward()
    return dict(loss=loss.detach(), gp=p1.grad, gt=t1.grad)


def test_two_processes_equal_one_process():
    inputs = random_inputs(B=4, K=3, seed=5)
    tensors = as_torch(inputs)
    tensors[0].requires_grad_()
    tensors[2].requires_grad_()
    loss = DetConLoss()(*tensors)
    loss.backward()
    assert loss.item() == pytest.approx(reference_detcon_loss(*inputs),
                                        abs=1e-5)
    results = run_distributed(_dist_loss, 2, inputs)
    mean_loss = sum(r['loss'] for r in results) / 2
    assert mean_loss.item() == pytest.approx(loss.item(), abs=1e-5)
    # DDP averages gradients over ranks: grad / world == global gradient
    gp = torch.cat([r['gp'] for r in results]) / 2
    gt = torch.cat([r['gt'] for r in results]) / 2
    torch.testing.assert_close(gp, tensors[0].grad, atol=1e-6, rtol=1e-5)
    torch.testing.assert_close(gt, tensors[2].grad, atol=1e-6, rtol=1e-5)

"""ClippedLARS against a hand computation of the official EMP-SSL optimiser
(solo-learn LARSWrapper(eta, clip, exclude_bias_n_norm) around
SGD(momentum, nesterov, weight_decay))."""
import math

import pytest
import torch

from mmssl.engine.optimizers import ClippedLARS
from mmssl.registry import OPTIMIZERS

W = [[3.0, 4.0]]      # ||w|| = 5
G = [[0.6, 0.8]]      # ||g|| = 1
WD, ETA, MU = 0.1, 0.5, 0.9
TRUST = ETA * 5 / (1 + WD * 5 + 1e-8)  # = 1.6667


def step_once(lr, clip, nesterov=False, steps=1):
    w = torch.nn.Parameter(torch.tensor(W))
    b = torch.nn.Parameter(torch.tensor([2.0, -1.0]))
    opt = ClippedLARS([w, b], lr=lr, momentum=MU, weight_decay=WD, eta=ETA,
                      clip=clip, nesterov=nesterov)
    for _ in range(steps):
        w.grad = torch.tensor(G)
        b.grad = torch.tensor([1.0, 1.0])
        opt.step()
    return w.detach(), b.detach()


def expected_w(lr, clip, nesterov=False, steps=1):
    w, buf = [3.0, 4.0], None
    for _ in range(steps):
        g = [0.6, 0.8]
        w_norm = math.hypot(*w)
        trust = ETA * w_norm / (1.0 + WD * w_norm + 1e-8)
        scale = min(trust / lr, 1.0) if clip else trust
        d = [(gi + WD * wi) * scale for gi, wi in zip(g, w)]
        buf = d if buf is None else [MU * bi + di for bi, di in zip(buf, d)]
        d = [di + MU * bi for di, bi in zip(d, buf)] if nesterov else buf
        w = [wi - lr * di for wi, di in zip(w, d)]
    return torch.tensor([w])


@pytest.mark.parametrize('lr', [0.3, 5.0])  # trust above / below lr
def test_one_step_matches_hand_computation(lr):
    for clip in (True, False):
        w, b = step_once(lr, clip)
        torch.testing.assert_close(w, expected_w(lr, clip))
        # bias: no adaptation, no decay: plain SGD on g
        torch.testing.assert_close(b, torch.tensor([2.0 - lr, -1.0 - lr]))


def test_clip_bounds_the_effective_step_by_lr():
    # trust (1.67) above lr (0.3): clipped step uses lr itself; unclipped
    # multiplies by trust, i.e. a step 1.67x larger here
    d_clip = torch.tensor(W) - step_once(0.3, True)[0]
    d_free = torch.tensor(W) - step_once(0.3, False)[0]
    decayed = torch.tensor(G) + WD * torch.tensor(W)
    torch.testing.assert_close(d_clip, 0.3 * decayed)
    torch.testing.assert_close(d_free, 0.3 * TRUST * decayed)
    # trust below lr (5.0): the clipped step size is trust itself, the
    # unclipped one lr x trust
    d_clip = torch.tensor(W) - step_once(5.0, True)[0]
    d_free = torch.tensor(W) - step_once(5.0, False)[0]
    torch.testing.assert_close(d_clip, TRUST * decayed)
    torch.testing.assert_close(d_free, 5.0 * TRUST * decayed)


def test_momentum_and_nesterov_over_three_steps():
    for nesterov in (False, True):
        w, _ = step_once(0.3, True, nesterov, steps=3)
        torch.testing.assert_close(w, expected_w(0.3, True, nesterov, 3))


def test_zero_norm_tensor_steps_on_the_plain_gradient():
    w = torch.nn.Parameter(torch.zeros(2, 2))
    opt = ClippedLARS([w], lr=0.1, momentum=0., weight_decay=0.5)
    w.grad = torch.ones(2, 2)
    opt.step()
    torch.testing.assert_close(w.detach(), torch.full((2, 2), -0.1))


def test_group_exclusion_and_registry():
    w = torch.nn.Parameter(torch.tensor(W))
    opt = OPTIMIZERS.build(dict(type='ClippedLARS', lr=0.3, momentum=0.,
                                weight_decay=WD,
                                params=[dict(params=[w], lars_exclude=True)]))
    w.grad = torch.tensor(G)
    opt.step()
    torch.testing.assert_close(w.detach(),
                               torch.tensor(W) - 0.3 * torch.tensor(G))
    with pytest.raises(ValueError, match='lr'):
        ClippedLARS([w], lr=0.)

import pytest
import torch
import torch.nn.functional as F

from mmssl.models.losses import EMPSSLLoss, total_coding_rate


def reference(z, eps=0.2, w_inv=200., w_tcr=1.):
    """The paper's terms, written out with d x d determinants and loops."""
    n, b, d = z.shape
    tcr = 0.
    for i in range(n):
        zi = z[i].double()
        tcr += 0.5 * torch.logdet(torch.eye(d, dtype=torch.double)
                                  + d / (b * eps) * zi.t() @ zi)
    tcr /= n
    cos = 0.
    for j in range(b):
        mean = sum(z[i, j] for i in range(n)) / n
        for i in range(n):
            cos += torch.dot(z[i, j], mean) / (z[i, j].norm() * mean.norm())
    cos /= n * b
    return -w_inv * cos, -w_tcr * tcr.float()


@pytest.mark.parametrize('b,d', [(3, 5), (6, 4)])
def test_tcr_matches_logdet(b, d):
    torch.manual_seed(0)
    z = F.normalize(torch.randn(b, d), dim=1)
    expected = 0.5 * torch.logdet(torch.eye(d, dtype=torch.double)
                                  + d / (b * 0.2) * z.double().t()
                                  @ z.double())
    torch.testing.assert_close(total_coding_rate(z, 0.2), expected.float())


def test_loss_terms_match_paper_and_gradients():
    torch.manual_seed(1)
    z = F.normalize(torch.randn(4, 3, 5), dim=2).requires_grad_()
    out = EMPSSLLoss()(z)
    inv, tcr = reference(z.detach())
    torch.testing.assert_close(out['loss_invariance'], inv.float(),
                               atol=1e-4, rtol=1e-5)
    torch.testing.assert_close(out['loss_tcr'], tcr, atol=1e-5, rtol=1e-5)
    (out['loss_invariance'] + out['loss_tcr']).backward()
    z2 = z.detach().clone().requires_grad_()
    sum(reference(z2)).backward()
    torch.testing.assert_close(z.grad, z2.grad, atol=1e-4, rtol=1e-4)


def test_loss_invariant_to_patch_and_image_order():
    torch.manual_seed(2)
    z = F.normalize(torch.randn(5, 6, 8), dim=2)
    loss = EMPSSLLoss()
    base = loss(z)
    shuffled = loss(z[torch.randperm(5)][:, torch.randperm(6)])
    for key in ('loss_invariance', 'loss_tcr'):
        torch.testing.assert_close(shuffled[key], base[key])
    # but not to re-pairing patches across images
    mixed = z.clone()
    mixed[0] = z[0, torch.roll(torch.arange(6), 1)]
    assert not torch.allclose(loss(mixed)['loss_invariance'],
                              base['loss_invariance'])


def test_bad_shape_is_named():
    with pytest.raises(ValueError, match='patches, images, dim'):
        EMPSSLLoss()(torch.randn(3, 4))


def _z():
    torch.manual_seed(5)
    return F.normalize(torch.randn(3, 4, 6), dim=2)


def _rank_loss(rank, world):
    z = _z()[:, rank * 2:(rank + 1) * 2].clone().requires_grad_()
    out = EMPSSLLoss()(z)
    (out['loss_invariance'] + out['loss_tcr']).backward()
    return dict(inv=out['loss_invariance'].detach(),
                tcr=out['loss_tcr'].detach(), grad=z.grad)


def test_two_processes_equal_one_on_the_global_batch():
    from mmssl.testing import run_distributed
    z = _z().requires_grad_()
    out = EMPSSLLoss()(z)
    (out['loss_invariance'] + out['loss_tcr']).backward()
    ranks = run_distributed(_rank_loss, 2)
    for r, res in enumerate(ranks):
        # the coding rate is that of the gathered global batch
        torch.testing.assert_close(res['tcr'], out['loss_tcr'].detach())
        # DDP's 1/P average of the per-rank gradients is the global one
        torch.testing.assert_close(res['grad'] / 2,
                                   z.grad[:, r * 2:(r + 1) * 2],
                                   atol=1e-5, rtol=1e-4)
    torch.testing.assert_close((ranks[0]['inv'] + ranks[1]['inv']) / 2,
                               out['loss_invariance'].detach())


def test_non_finite_embeddings_are_named_before_the_cholesky():
    from mmssl.models.losses import total_coding_rate
    z = torch.randn(4, 8)
    z[1, 2] = float('nan')
    with pytest.raises(FloatingPointError, match='non-finite'):
        total_coding_rate(z)

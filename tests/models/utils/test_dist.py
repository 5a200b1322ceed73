import torch

from mmssl.models.utils import (gather_no_grad, gather_with_grad,
                                rank_slice, shared_randperm)
from mmssl.testing import run_distributed


def test_single_process_helpers_are_identity():
    x = torch.randn(3, 2, requires_grad=True)
    assert gather_with_grad(x) is x
    assert gather_no_grad(x) is x
    assert rank_slice(8) == slice(0, 8)
    torch.manual_seed(0)
    perm = shared_randperm(10)
    assert sorted(perm.tolist()) == list(range(10))


def _gather_worker(rank, world):
    # uneven sizes: rank r holds r + 1 rows
    x = torch.full((rank + 1, 2), float(rank), requires_grad=True)
    gathered = gather_with_grad(x)
    # a loss that weights every global row differently
    weights = torch.arange(gathered.shape[0], dtype=torch.float)[:, None]
    (gathered * weights).sum().backward()
    torch.manual_seed(100 + rank)  # different local seeds...
    perm = shared_randperm(6)  # ...one permutation everywhere
    return dict(gathered=gathered.detach(), grad=x.grad, perm=perm,
                ints=gather_no_grad(torch.tensor([rank * 10]))
                )


def test_gather_with_grad_two_processes():
    r0, r1 = run_distributed(_gather_worker, 2)
    expected = torch.tensor([[0., 0.], [1., 1.], [1., 1.]])
    torch.testing.assert_close(r0['gathered'], expected)
    torch.testing.assert_close(r1['gathered'], expected)
    # both ranks' losses depend on every row: grad = world x row weight
    torch.testing.assert_close(r0['grad'], torch.zeros(1, 2))
    torch.testing.assert_close(r1['grad'], torch.tensor([[2., 2.], [4., 4.]]))
    assert r0['perm'].tolist() == r1['perm'].tolist()
    assert r0['ints'].tolist() == [0, 10]

"""Cross-rank helpers shared by every method.

All helpers are no-ops (identity / local computation) when no process group is
initialised, so single-process CPU runs and tests use the same code path.
"""
from typing import Tuple

import torch
import torch.distributed as dist


def get_rank_and_world() -> Tuple[int, int]:
    if dist.is_available() and dist.is_initialized():
        return dist.get_rank(), dist.get_world_size()
    return 0, 1


def _all_gather_cat(tensor: torch.Tensor, sizes: Tuple[int, ...]):
    padded = tensor.new_zeros((max(sizes), *tensor.shape[1:]))
    padded[:tensor.shape[0]] = tensor
    out = [torch.empty_like(padded) for _ in sizes]
    dist.all_gather(out, padded.contiguous())
    return torch.cat([o[:n] for o, n in zip(out, sizes)], dim=0)


class _GatherWithGrad(torch.autograd.Function):
    """``all_gather`` whose backward sums the incoming gradients over ranks
    and returns each rank its own slice, so that the DDP-averaged gradient
    equals the gradient of the mean of per-rank losses."""

    @staticmethod
    def forward(ctx, tensor: torch.Tensor, sizes: Tuple[int, ...]):
        ctx.rank = dist.get_rank()
        ctx.sizes = sizes
        return _all_gather_cat(tensor, sizes)

    @staticmethod
    def backward(ctx, grad: torch.Tensor):
        grad = grad.contiguous()
        dist.all_reduce(grad)
        start = sum(ctx.sizes[:ctx.rank])
        return grad[start:start + ctx.sizes[ctx.rank]], None


def gathered_sizes(n: int, device=None) -> Tuple[int, ...]:
    """The first-dimension size ``n`` of every rank, in rank order."""
    _, world = get_rank_and_world()
    if world == 1:
        return (n, )
    size = torch.tensor([n], device=device)
    sizes = [torch.zeros_like(size) for _ in range(world)]
    dist.all_gather(sizes, size)
    return tuple(int(s.item()) for s in sizes)


def batch_offset(n: int, device=None) -> int:
    """Index of this rank's first item in the rank-ordered global batch."""
    rank, _ = get_rank_and_world()
    return sum(gathered_sizes(n, device)[:rank])


def gather_with_grad(tensor: torch.Tensor) -> torch.Tensor:
    """Concatenate ``tensor`` (first dim may differ per rank) from all ranks in
    rank order; gradients flow back to every rank's input."""
    _, world = get_rank_and_world()
    if world == 1:
        return tensor
    sizes = gathered_sizes(tensor.shape[0], tensor.device)
    return _GatherWithGrad.apply(tensor, sizes)


@torch.no_grad()
def gather_no_grad(tensor: torch.Tensor) -> torch.Tensor:
    """Concatenate ``tensor`` from all ranks in rank order, without gradient
    (any dtype)."""
    _, world = get_rank_and_world()
    if world == 1:
        return tensor
    return _all_gather_cat(tensor,
                           gathered_sizes(tensor.shape[0], tensor.device))


def rank_slice(total: int) -> slice:
    """The contiguous slice of a global batch of ``total`` items that this
    rank holds, when every rank holds ``total / world`` items."""
    rank, world = get_rank_and_world()
    if total % world:
        raise ValueError(f'global size {total} is not divisible by the '
                         f'world size {world}')
    per = total // world
    return slice(rank * per, (rank + 1) * per)


def shared_randperm(n: int, device=None,
                    generator: torch.Generator = None) -> torch.Tensor:
    """One random permutation of ``range(n)``, identical on every rank.

    Rank 0 draws it (from ``generator`` if given) and broadcasts it, so the
    result depends only on rank 0's random state."""
    rank, world = get_rank_and_world()
    if rank == 0:
        perm = torch.randperm(n, generator=generator)
    else:
        perm = torch.empty(n, dtype=torch.long)
    if world > 1:
        backend_device = device if dist.get_backend() == 'nccl' else 'cpu'
        perm = perm.to(backend_device)
        dist.broadcast(perm, src=0)
    return perm.to(device) if device is not None else perm


def all_reduce_sum(tensor: torch.Tensor) -> torch.Tensor:
    """Sum over ranks, out of place and detached (for normalisers that
    carry no gradient)."""
    _, world = get_rank_and_world()
    if world == 1:
        return tensor
    tensor = tensor.detach().clone()
    dist.all_reduce(tensor)
    return tensor


class _AllReduceSum(torch.autograd.Function):
    """Differentiable all-reduce: every rank's output depends on every rank's
    input, so the backward sums the output gradients over ranks."""

    @staticmethod
    def forward(ctx, tensor):
        out = tensor.clone()
        dist.all_reduce(out)
        return out

    @staticmethod
    def backward(ctx, grad):
        grad = grad.contiguous().clone()
        dist.all_reduce(grad)
        return grad


def all_reduce_sum_with_grad(tensor: torch.Tensor) -> torch.Tensor:
    _, world = get_rank_and_world()
    return tensor if world == 1 else _AllReduceSum.apply(tensor)


@torch.no_grad()
def all_reduce_max(tensor: torch.Tensor) -> torch.Tensor:
    _, world = get_rank_and_world()
    tensor = tensor.detach().clone()
    if world > 1:
        dist.all_reduce(tensor, op=dist.ReduceOp.MAX)
    return tensor


class _ScaleGrad(torch.autograd.Function):

    @staticmethod
    def forward(ctx, tensor, scale):
        ctx.scale = scale
        return tensor.view_as(tensor)

    @staticmethod
    def backward(ctx, grad):
        return grad * ctx.scale, None


def scale_grad(tensor: torch.Tensor, scale: float) -> torch.Tensor:
    """Identity forward, gradient multiplied by ``scale``."""
    return tensor if scale == 1 else _ScaleGrad.apply(tensor, scale)

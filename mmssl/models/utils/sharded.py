"""Row-sharded classifiers: rank ``r`` of ``P`` holds classes
``[r*N//P, (r+1)*N//P)`` of an ``N``-way classifier.

The softmax over all ``N`` classes is exact: every rank computes the logits of
the *gathered* batch for its own classes, and only per-sample scalars (max,
sum of exponentials, target logit) cross ranks.

Gradient convention (shared with :func:`~.dist.gather_with_grad`): the
per-rank graphs together represent the sum of the ``P`` identical per-rank
losses, so after DDP averages the data-parallel gradients, backbone
gradients equal the gradient of the global loss. Shard parameters are
outside DDP; pass them through :func:`~.dist.scale_grad` with ``1 / P`` to
get their exact gradient.
"""
from typing import Tuple

import torch
import torch.distributed as dist

from .dist import (all_reduce_max, all_reduce_sum_with_grad,
                   get_rank_and_world)


def shard_bounds(num_classes: int, rank: int, world: int) -> Tuple[int, int]:
    """``[start, end)`` of the classes held by ``rank``."""
    if num_classes < world:
        raise ValueError(f'cannot shard {num_classes} classes over {world} '
                         'ranks')
    return rank * num_classes // world, (rank + 1) * num_classes // world


def to_shard(class_ids: torch.Tensor, shard_start: int, shard_size: int):
    """``(local, here)``: ids relative to the shard and whether each id is
    held by it."""
    local = class_ids - shard_start
    return local, (local >= 0) & (local < shard_size)


def sharded_soft_cross_entropy(local_logits: torch.Tensor,
                               target_ids: torch.Tensor,
                               target_weights: torch.Tensor,
                               shard_start: int) -> torch.Tensor:
    """Per-sample ``-sum_c q_c log softmax(l)_c`` over all shards.

    Args:
        local_logits: ``(B, n_local)`` logits of this rank's classes for the
            whole (gathered) batch.
        target_ids: ``(B, M)`` global class ids carrying target mass.
        target_weights: ``(B, M)`` their mass; each row sums to 1.

    Returns:
        ``(B, )`` losses, identical on every rank.
    """
    n_local = local_logits.shape[1]
    row_max = all_reduce_max(local_logits.max(dim=1).values)
    sum_exp = all_reduce_sum_with_grad(
        (local_logits - row_max[:, None]).exp().sum(dim=1))
    log_z = row_max + sum_exp.log()
    local_ids, here = to_shard(target_ids, shard_start, n_local)
    picked = local_logits.gather(1, local_ids.clamp(0, n_local - 1))
    target_logit = all_reduce_sum_with_grad(
        (picked * target_weights * here).sum(dim=1))
    return log_z - target_logit


@torch.no_grad()
def sharded_topk_similar(queries: torch.Tensor, local_keys: torch.Tensor,
                         shard_start: int, k: int,
                         exclude_ids: torch.Tensor) -> torch.Tensor:
    """Global ids of the ``k`` keys most similar (dot product) to each query,
    over all shards, without materialising the full similarity matrix.

    Each rank ranks its own ``(B, n_local)`` block, keeps its top ``k`` and
    all ranks exchange ``(B, k)`` candidates. ``exclude_ids`` (``(B, )``)
    removes one id per query (its own class).
    """
    _, world = get_rank_and_world()
    sims = queries @ local_keys.t()
    local_ids, own = to_shard(exclude_ids, shard_start, sims.shape[1])
    sims[own.nonzero()[:, 0], local_ids[own]] = float('-inf')
    kk = min(k, sims.shape[1])
    values, ids = sims.topk(kk, dim=1)
    ids = ids + shard_start
    if world > 1:
        values_all = [torch.empty_like(values) for _ in range(world)]
        ids_all = [torch.empty_like(ids) for _ in range(world)]
        dist.all_gather(values_all, values.contiguous())
        dist.all_gather(ids_all, ids.contiguous())
        values, ids = torch.cat(values_all, 1), torch.cat(ids_all, 1)
    if values.shape[1] < k:
        raise ValueError(f'asked for the {k} most similar classes but only '
                         f'{values.shape[1] + 1} classes exist')
    best = values.topk(k, dim=1).indices
    return ids.gather(1, best)

"""DetCon's mask selection and pooling on the feature grid.

The official DetCon-B (``detcon_b.py``: ``create_binary_mask``,
``sample_masks``) works per view: the one-hot id map is average-pooled to
the feature grid and every cell takes the id covering most of it (argmax,
*hard* pooling); ``K`` ids are then drawn uniformly, with replacement, among
the ids that own at least one cell of that view, independently for each
view; a drawn id's feature is the mean over the cells it owns. *Soft*
pooling (each cell weighted by the fraction of it the mask covers, the
paper's wording) is kept as an option.
"""
from typing import Tuple

import torch

from mmssl.datasets.masks import IGNORE_ID

NUM_IDS = 256
POOLINGS = ('hard', 'soft')


def _cell_histograms(masks: torch.Tensor, size) -> torch.Tensor:
    """``(B, h, w, NUM_IDS)`` pixel count of every id in every cell."""
    h, w = size
    B, H, W = masks.shape
    if H % h or W % w:
        raise ValueError(f'mask size {(H, W)} is not a multiple of the '
                         f'feature grid {(h, w)}')
    cells = masks.reshape(B, h, H // h, w, W // w).permute(0, 1, 3, 2, 4)
    cells = cells.reshape(B * h * w, -1).long()
    counts = torch.zeros(B * h * w, NUM_IDS, device=masks.device)
    counts.scatter_add_(1, cells, torch.ones_like(cells, dtype=counts.dtype))
    return counts.reshape(B, h, w, NUM_IDS)


def cell_ids(masks: torch.Tensor, size) -> torch.Tensor:
    """``(B, h, w)`` id owning each feature cell: the id covering most of
    the cell, ties to the smallest id (``argmax`` of the average-pooled
    one-hot masks, as the official code)."""
    return _cell_histograms(masks, size).argmax(dim=-1)


def _check_pooling(pooling: str) -> None:
    if pooling not in POOLINGS:
        raise ValueError(f'pooling={pooling!r}, expected one of {POOLINGS}')


def _weights(hist: torch.Tensor, mask_ids: torch.Tensor,
             pooling: str) -> torch.Tensor:
    if pooling == 'hard':
        owner = hist.argmax(dim=-1)
        return (owner[:, None] == mask_ids[:, :, None, None]).float()
    hist = hist / hist.sum(-1, keepdim=True)
    idx = mask_ids[:, None, None, :].expand(-1, *hist.shape[1:3], -1)
    return hist.gather(-1, idx).permute(0, 3, 1, 2)


def _available(hist: torch.Tensor, pooling: str) -> torch.Tensor:
    if pooling == 'hard':
        owner = hist.argmax(dim=-1).flatten(1)
        present = torch.zeros(owner.shape[0], NUM_IDS, dtype=torch.bool,
                              device=hist.device)
        present.scatter_(1, owner, True)
    else:
        present = hist.sum(dim=(1, 2)) > 0
    present[:, IGNORE_ID] = False
    return present


def _sample(hist: torch.Tensor, num_samples: int, pooling: str,
            generator: torch.Generator = None) -> torch.Tensor:
    candidates = _available(hist, pooling)
    empty = ~candidates.any(dim=1)
    if empty.any():
        raise ValueError(f'DetCon: images {empty.nonzero().flatten().tolist()}'
                         ' of the batch have no mask id on the feature grid '
                         '(the mask is empty or all ignore)')
    return torch.multinomial(candidates.float(), num_samples,
                             replacement=True, generator=generator)


def mask_weights(masks: torch.Tensor, mask_ids: torch.Tensor, size,
                 pooling: str = 'hard') -> torch.Tensor:
    """``(B, K, h, w)`` pooling weights of the ids ``mask_ids`` (B, K):
    ``hard``: 1 on the cells the id owns; ``soft``: the fraction of each
    cell the id covers."""
    _check_pooling(pooling)
    return _weights(_cell_histograms(masks, size), mask_ids, pooling)


def available_ids(masks: torch.Tensor, size,
                  pooling: str = 'hard') -> torch.Tensor:
    """``(B, NUM_IDS)`` bool: ids that can be sampled in this view (own a
    cell for ``hard``, cover any pixel for ``soft``); never
    :data:`IGNORE_ID`."""
    _check_pooling(pooling)
    return _available(_cell_histograms(masks, size), pooling)


def sample_view_ids(masks: torch.Tensor, size, num_samples: int = 16,
                    pooling: str = 'hard',
                    generator: torch.Generator = None) -> torch.Tensor:
    """``(B, num_samples)`` ids of one view, drawn uniformly with
    replacement among :func:`available_ids`."""
    _check_pooling(pooling)
    return _sample(_cell_histograms(masks, size), num_samples, pooling,
                   generator)


def pool(feats: torch.Tensor, weights: torch.Tensor) -> torch.Tensor:
    """``h_m = sum_ij m_ij f_ij / sum_ij m_ij``: ``(B, C, h, w)`` features
    and ``(B, K, h, w)`` weights -> ``(B, K, C)``."""
    weights = weights.to(feats.dtype)
    area = weights.sum(dim=(2, 3)).clamp(min=1e-6)
    return torch.einsum('bkhw,bchw->bkc', weights, feats) / area[..., None]


def select_and_pool(feats: torch.Tensor, masks: torch.Tensor,
                    num_samples: int, pooling: str = 'hard',
                    generator: torch.Generator = None
                    ) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """One view: sample ids, build their weights, pool. Returns pooled
    ``(B, K, C)``, ids ``(B, K)`` and weights ``(B, K, h, w)`` (reuse the
    last two for the target network's pass over the same view)."""
    _check_pooling(pooling)
    # one histogram of ids per feature cell serves the draw and the weights
    hist = _cell_histograms(masks, feats.shape[-2:])
    ids = _sample(hist, num_samples, pooling, generator)
    weights = _weights(hist, ids, pooling)
    return pool(feats, weights), ids, weights

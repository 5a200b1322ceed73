from typing import List, Tuple

import torch

from .dist import (gather_no_grad, get_rank_and_world, rank_slice,
                   shared_randperm)


def build_montages(patches: List[torch.Tensor], grid: int,
                   generator: torch.Generator = None
                   ) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Shuffle the patches of the *global* batch into montages (JigClu).

    Patches of every image on every rank get global ids
    ``image * grid**2 + cell`` (images in rank order). One random
    permutation of all ids, drawn on rank 0 and shared by every rank, fills
    the ``grid x grid`` cells of the montages row by row; each rank keeps its
    own slice, as many montages as it has images. Each patch is copied once,
    straight into its montage cell (besides the all-gather across ranks).

    Args:
        patches: ``grid**2`` tensors ``(B, C, p, p)``, one per source cell.

    Returns:
        tuple: montages ``(B, C, grid*p, grid*p)``; the global source image
        and the source cell of every montage cell, both ``(B, grid**2)`` in
        row-major cell order.
    """
    n2 = grid * grid
    if len(patches) != n2:
        raise ValueError(f'{len(patches)} patch tensors for a {grid}x{grid} '
                         'grid')
    B, C, p, _ = patches[0].shape
    _, world = get_rank_and_world()
    sources = [gather_no_grad(x) for x in patches] if world > 1 else patches
    total = sources[0].shape[0] * n2
    perm = shared_randperm(total, device=patches[0].device,
                           generator=generator)
    ids = perm[rank_slice(total)].reshape(-1, n2)
    src_img, src_cell = ids // n2, ids % n2
    montage = patches[0].new_empty((ids.shape[0], C, grid * p, grid * p))
    for cell in range(n2):
        i, j = divmod(cell, grid)
        view = montage[:, :, i * p:(i + 1) * p, j * p:(j + 1) * p]
        for s in range(n2):
            take = src_cell[:, cell] == s
            if take.any():
                view[take] = sources[s][src_img[take, cell]]
    return montage, src_img, src_cell


def pool_montage_cells(feats: torch.Tensor, grid: int,
                       cell_resolution: int = 4) -> torch.Tensor:
    """One vector per montage cell, as the official JigClu network pools:
    the feature map is resized (bilinear) to ``grid * cell_resolution``
    squared, then each cell averages its own ``cell_resolution`` squared
    block (official: 7x7 -> 8x8 -> 2x2, a 4x4 block per cell).

    Resizing straight to the cell grid would weight the rows of an odd map
    unevenly; the intermediate resolution is decoupled from the grid.

    Returns ``(B * grid**2, C)`` in row-major cell order.
    """
    import torch.nn.functional as F
    size = grid * cell_resolution
    x = F.interpolate(feats, size=(size, size), mode='bilinear',
                      align_corners=False)
    x = F.avg_pool2d(x, cell_resolution)
    return x.flatten(2).transpose(1, 2).reshape(-1, feats.shape[1])

"""Jigsaw Clustering's per-image pieces (Chen et al., CVPR 2021)."""
import copy
from typing import List

import numpy as np
from mmcv.transforms import BaseTransform, Compose

from mmssl.registry import TRANSFORMS


def jigsaw_boxes(height: int, width: int, grid: int,
                 cross_ratio: float) -> List[tuple]:
    """Boxes ``(x0, y0, x1, y1)`` (exclusive ends) of a ``grid x grid`` cut
    with overlap, row-major.

    Every piece is ``(1 + cross_ratio)`` cells wide and high, so with a 2x2
    grid and ``cross_ratio=0.3`` each quarter reaches 0.3 of a cell past the
    midline into its neighbours. Outer pieces are anchored on the border.
    """
    if grid < 1 or not 0 <= cross_ratio < grid:
        raise ValueError(f'JigsawCrops: need grid >= 1 and 0 <= cross_ratio '
                         f'< grid, got grid={grid}, cross_ratio={cross_ratio}')

    def spans(length):
        cell = length / grid
        size = min(length, int(round(cell * (1 + cross_ratio))))
        out = []
        for i in range(grid):
            start = int(round(i * (length - size) / max(grid - 1, 1)))
            out.append((start, start + size))
        return out

    return [(x0, y0, x1, y1) for (y0, y1) in spans(height)
            for (x0, x1) in spans(width)]


@TRANSFORMS.register_module()
class JigsawCrops(BaseTransform):
    """Cut an image into ``grid x grid`` overlapping pieces and augment each
    one independently; ``results['img']`` becomes the list of pieces
    (row-major), the format of mmpretrain's multi-view inputs.

    Args:
        grid (int): pieces per side. Defaults to 2.
        cross_ratio (float): overlap, in cells. Defaults to 0.3.
        transforms (list[dict]): the augmentation of each piece (MoCo v2's,
            ending in a crop to the patch size, 112 px by default).
    """

    def __init__(self, transforms: List[dict], grid: int = 2,
                 cross_ratio: float = 0.3) -> None:
        self.grid = grid
        self.cross_ratio = cross_ratio
        self.pipeline = Compose([
            TRANSFORMS.build(t) if isinstance(t, dict) else t
            for t in transforms
        ])

    def transform(self, results: dict) -> dict:
        img = results['img']
        pieces = []
        for x0, y0, x1, y1 in jigsaw_boxes(img.shape[0], img.shape[1],
                                           self.grid, self.cross_ratio):
            piece = copy.copy(results)
            piece['img'] = np.ascontiguousarray(img[y0:y1, x0:x1])
            piece['img_shape'] = piece['img'].shape[:2]
            pieces.append(self.pipeline(piece)['img'])
        results['img'] = pieces
        return results

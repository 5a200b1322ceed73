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

    ``cross_ratio`` is a fraction of the *image* side, as in the official
    ``JigCluTransform``: piece ``i`` spans ``[i/grid - c, (i+1)/grid + c]`` of
    the side, clipped to the image. With a 2x2 grid and ``c = 0.3`` each
    quarter reaches ``0.3`` of the side past the midline and spans ``0.8``
    of it (the official crop ``(0, 0, w/2 + c w, h/2 + c h)`` and its mirror
    images).
    """
    if grid < 1 or not 0 <= cross_ratio < 1:
        raise ValueError(f'JigsawCrops: need grid >= 1 and 0 <= cross_ratio '
                         f'< 1, got grid={grid}, cross_ratio={cross_ratio}')

    def spans(length):
        out = []
        for i in range(grid):
            start = max(0, int(round(length * (i / grid - cross_ratio))))
            end = min(length,
                      int(round(length * ((i + 1) / grid + cross_ratio))))
            out.append((start, end))
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
        cross_ratio (float): overlap past each cut line, as a fraction of
            the image side (official meaning). Defaults to 0.3.
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

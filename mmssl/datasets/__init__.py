from .masks import (coco_gt_mask, compute_mask, felzenszwalb_mask, grid_mask,
                    slic_mask)
from .transforms import *  # noqa: F401,F403

__all__ = [
    'compute_mask', 'felzenszwalb_mask', 'slic_mask', 'grid_mask',
    'coco_gt_mask'
]

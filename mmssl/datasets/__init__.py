from .masks import (coco_gt_mask, compute_mask, felzenszwalb_mask, grid_mask,
                    slic_mask)
from .instance_dataset import InstanceIdDataset
from .transforms import *  # noqa: F401,F403

__all__ = [
    'InstanceIdDataset',
    'compute_mask', 'felzenszwalb_mask', 'slic_mask', 'grid_mask',
    'coco_gt_mask'
]

"""Unsupervised (and ground-truth) segment masks for DetCon.

Every function returns an ``(H, W)`` uint8 id map whose ids are contiguous
from 0. uint8 PNGs hold at most 255 usable ids: when an image has more
segments, the 254 largest keep their own id and the rest share
:data:`IGNORE_ID`, which is never sampled as a DetCon mask.
"""
import numpy as np

IGNORE_ID = 255
MAX_IDS = 254


def relabel(segments: np.ndarray) -> np.ndarray:
    """Map arbitrary integer labels to contiguous uint8 ids, largest first."""
    labels, inverse, counts = np.unique(
        segments.ravel(), return_inverse=True, return_counts=True)
    order = np.argsort(-counts, kind='stable')
    new_id = np.empty(len(labels), dtype=np.int64)
    new_id[order] = np.arange(len(labels))
    new_id[new_id >= MAX_IDS] = IGNORE_ID
    return new_id[inverse].reshape(segments.shape).astype(np.uint8)


def felzenszwalb_mask(img: np.ndarray, scale: float = 1000, sigma: float = 0.8,
                      min_size: int = 1000) -> np.ndarray:
    """Felzenszwalb-Huttenlocher graph segmentation (the DetCon paper's
    default: scale 1000, sigma 0.8, min_size 1000 at full resolution)."""
    from skimage.segmentation import felzenszwalb
    return relabel(felzenszwalb(img, scale=scale, sigma=sigma,
                                min_size=min_size))


def slic_mask(img: np.ndarray, n_segments: int = 25,
              compactness: float = 10.0) -> np.ndarray:
    """SLIC superpixels."""
    from skimage.segmentation import slic
    return relabel(slic(img, n_segments=n_segments, compactness=compactness,
                        start_label=0, channel_axis=-1))


def grid_mask(height: int, width: int, grid: int = 4) -> np.ndarray:
    """A ``grid x grid`` spatial grid of equal cells (DetCon's weakest
    baseline)."""
    rows = np.minimum(np.arange(height) * grid // height, grid - 1)
    cols = np.minimum(np.arange(width) * grid // width, grid - 1)
    return (rows[:, None] * grid + cols[None, :]).astype(np.uint8)


def coco_gt_mask(annotations: list, height: int, width: int) -> np.ndarray:
    """Instances from COCO annotations (DetCon's upper bound). Background is
    id 0; larger instances are painted first so small ones stay visible."""
    ids = np.zeros((height, width), dtype=np.int64)
    anns = [a for a in annotations if a.get('segmentation')]
    anns.sort(key=lambda a: -a.get('area', 0))
    for i, ann in enumerate(anns, start=1):
        ids[decode_segmentation(ann['segmentation'], height, width)] = i
    return relabel(ids)


def decode_segmentation(seg, height: int, width: int) -> np.ndarray:
    """Boolean ``(height, width)`` mask of a COCO ``segmentation`` (polygons,
    uncompressed or compressed RLE)."""
    from pycocotools import mask as mask_utils
    if isinstance(seg, list):
        rle = mask_utils.merge(mask_utils.frPyObjects(seg, height, width))
    elif isinstance(seg.get('counts'), list):
        rle = mask_utils.frPyObjects(seg, height, width)
    else:
        rle = seg
    return mask_utils.decode(rle).astype(bool)


MASK_GENERATORS = {
    'felzenszwalb': felzenszwalb_mask,
    'slic': slic_mask,
}


MASK_METHODS = ('felzenszwalb', 'slic', 'grid')


def compute_mask(img: np.ndarray, method: str, **kwargs) -> np.ndarray:
    """Compute an unsupervised mask of an RGB ``img`` with ``method``."""
    if method == 'grid':
        return grid_mask(img.shape[0], img.shape[1], **kwargs)
    if method not in MASK_GENERATORS:
        raise ValueError(f"unknown mask method '{method}'; choose one of "
                         f'{MASK_METHODS}')
    return MASK_GENERATORS[method](img, **kwargs)

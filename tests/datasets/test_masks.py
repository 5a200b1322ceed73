import numpy as np
import pytest

from mmssl.datasets.masks import (IGNORE_ID, coco_gt_mask, compute_mask,
                                  grid_mask, relabel)


def test_grid_mask_cells():
    m = grid_mask(8, 12, grid=4)
    assert m.shape == (8, 12) and m.dtype == np.uint8
    assert set(np.unique(m)) == set(range(16))
    assert (m[:2, :3] == 0).all() and (m[6:, 9:] == 15).all()


def test_relabel_contiguous_largest_first_and_overflow():
    seg = np.array([[5, 5, 5], [9, 2, 2]])
    out = relabel(seg)
    assert out.tolist() == [[0, 0, 0], [2, 1, 1]]
    many = np.arange(300).reshape(15, 20)
    many[0, :] = 0  # id 0 is the largest
    out = relabel(many)
    assert out[0, 0] == 0
    assert (out == IGNORE_ID).sum() == 300 - 19 - 254
    assert out[out != IGNORE_ID].max() == 253


def test_felzenszwalb_and_slic_on_a_real_photo():
    from skimage import data
    img = data.astronaut()[::4, ::4]
    fz = compute_mask(img, 'felzenszwalb', scale=100, sigma=0.8,
                      min_size=50)
    sl = compute_mask(img, 'slic', n_segments=16)
    for m in (fz, sl):
        assert m.shape == img.shape[:2] and m.dtype == np.uint8
        assert 3 < len(np.unique(m)) < IGNORE_ID
        assert set(np.unique(m)) == set(range(len(np.unique(m))))
    with pytest.raises(ValueError, match='unknown mask method'):
        compute_mask(img, 'watershed')


def test_coco_gt_mask_paints_small_objects_on_top():
    from pycocotools import mask as mask_utils
    big = np.zeros((10, 10), np.uint8)
    big[1:9, 1:9] = 1
    small = np.zeros((10, 10), np.uint8)
    small[3:5, 3:5] = 1
    anns = [dict(segmentation=mask_utils.encode(np.asfortranarray(small)),
                 area=4),
            dict(segmentation=[[1, 1, 9, 1, 9, 9, 1, 9]], area=64)]
    m = coco_gt_mask(anns, 10, 10)
    assert len(np.unique(m)) == 3
    assert m[3, 3] != m[6, 6] and m[6, 6] != m[0, 0]


def test_paper_setting_on_a_real_coco_photo():
    import glob

    import cv2

    from tests.conftest import shared_data
    path = sorted(glob.glob(f"{shared_data('coco128')}/images/*.jpg"))[0]
    img = cv2.imread(path)[..., ::-1].copy()
    mask = compute_mask(img, 'felzenszwalb', scale=1000, sigma=0.8,
                        min_size=1000)
    ids, counts = np.unique(mask, return_counts=True)
    # full-resolution Felzenszwalb: a handful to a few dozen regions, each
    # at least min_size pixels (the merge step guarantees it)
    assert 2 <= len(ids) < IGNORE_ID
    assert counts.min() >= 1000

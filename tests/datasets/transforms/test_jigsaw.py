import numpy as np
import pytest

from mmssl.datasets.transforms import jigsaw_boxes
from mmssl.registry import TRANSFORMS


def test_boxes_overlap_by_the_cross_ratio():
    boxes = jigsaw_boxes(100, 200, grid=2, cross_ratio=0.3)
    # cells are 50 x 100; pieces 1.3 cells: 65 x 130, anchored on borders
    assert boxes == [(0, 0, 130, 65), (70, 0, 200, 65),
                     (0, 35, 130, 100), (70, 35, 200, 100)]
    # each piece reaches 0.3 of a cell past the midline
    assert boxes[0][3] - 50 == 0.3 * 50
    assert jigsaw_boxes(90, 90, 3, 0.0) == [
        (x, y, x + 30, y + 30) for y in (0, 30, 60) for x in (0, 30, 60)]
    with pytest.raises(ValueError, match='cross_ratio'):
        jigsaw_boxes(10, 10, 2, 2.5)


def test_pieces_are_the_crops_then_augmented_independently():
    img = np.random.default_rng(0).integers(0, 255, (80, 80, 3), np.uint8)
    plain = TRANSFORMS.build(dict(type='JigsawCrops', grid=2,
                                  cross_ratio=0.3, transforms=[]))
    out = plain(dict(img=img))
    assert len(out['img']) == 4
    for piece, (x0, y0, x1, y1) in zip(out['img'],
                                       jigsaw_boxes(80, 80, 2, 0.3)):
        np.testing.assert_array_equal(piece, img[y0:y1, x0:x1])
    np.random.seed(0)
    aug = TRANSFORMS.build(dict(
        type='JigsawCrops', grid=2, transforms=[
            dict(type='RandomResizedCrop', scale=16, crop_ratio_range=(0.2,
                                                                       1.))
        ]))
    pieces = aug(dict(img=img))['img']
    assert all(p.shape == (16, 16, 3) for p in pieces)

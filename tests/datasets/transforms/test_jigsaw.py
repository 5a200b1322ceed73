import numpy as np
import pytest

from mmssl.datasets.transforms import jigsaw_boxes
from mmssl.registry import TRANSFORMS


def test_boxes_follow_the_official_geometry():
    # official JigCluTransform on a W x H = 200 x 100 image, c = 0.3:
    # crop((0, 0, W/2 + cW, H/2 + cH)) and its mirror images, i.e. each
    # quarter reaches c of the *image* side past the midline and spans
    # 0.5 + c = 0.8 of it
    boxes = jigsaw_boxes(100, 200, grid=2, cross_ratio=0.3)
    assert boxes == [(0, 0, 160, 80), (40, 0, 200, 80),
                     (0, 20, 160, 100), (40, 20, 200, 100)]
    assert all((x1 - x0) / 200 == 0.8 and (y1 - y0) / 100 == 0.8
               for x0, y0, x1, y1 in boxes)
    # no overlap: an exact grid
    assert jigsaw_boxes(90, 90, 3, 0.0) == [
        (x, y, x + 30, y + 30) for y in (0, 30, 60) for x in (0, 30, 60)]
    with pytest.raises(ValueError, match='cross_ratio'):
        jigsaw_boxes(10, 10, 2, 1.5)


def test_default_cross_ratio_is_the_official_value():
    t = TRANSFORMS.build(dict(type='JigsawCrops', transforms=[]))
    assert t.cross_ratio == 0.3


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

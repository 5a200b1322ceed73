"""The transfer suite's pretraining set: the training images of the three
real sets, resized, and never an image the evaluations score."""
import json
import os.path as osp

import cv2
import numpy as np
import pytest

from mmssl.benchmarks.real_photos import (held_out_images,
                                          prepare_real_photos,
                                          unlabelled_images)


def _fake_shared(root, leak=False):
    """Tiny stand-ins with the layouts of ../shared/data."""
    for name, train, val in (('coco128', ['c1.jpg', 'c2.jpg'], ['c3.jpg']),
                             ('pennfudan', ['p1.jpg'], ['p2.jpg'])):
        (root / name / 'images').mkdir(parents=True)
        (root / name / 'annotations').mkdir()
        for split, files in (('train', train + (val if leak else [])),
                             ('val', val)):
            images = [dict(id=i, file_name=f) for i, f in enumerate(files)]
            (root / name / 'annotations' / f'instances_{split}.json'
             ).write_text(json.dumps(dict(images=images, annotations=[])))
        for f in train + val:
            cv2.imwrite(str(root / name / 'images' / f),
                        np.full((30, 60, 3), 90, np.uint8))
    voc = root / 'raccoon-voc' / 'VOC2007'
    (voc / 'JPEGImages').mkdir(parents=True)
    (voc / 'ImageSets' / 'Main').mkdir(parents=True)
    (voc / 'ImageSets' / 'Main' / 'trainval.txt').write_text('r1\nr2\n')
    (voc / 'ImageSets' / 'Main' / 'test.txt').write_text('r3\n')
    for i, shape in (('r1', (1000, 500)), ('r2', (200, 100)),
                     ('r3', (50, 50))):
        cv2.imwrite(str(voc / 'JPEGImages' / f'{i}.jpg'),
                    np.random.default_rng(0).integers(
                        0, 255, (*shape, 3), dtype=np.uint8))
    return str(root)


def test_union_is_the_training_splits_and_resized(tmp_path):
    shared = _fake_shared(tmp_path / 'shared')
    out = str(tmp_path / 'photos')
    manifest = prepare_real_photos(shared, out, max_side=100)
    assert sorted(manifest['images']) == [
        'coco128/c1.jpg', 'coco128/c2.jpg', 'pennfudan/p1.jpg',
        'raccoon-voc/r1.jpg', 'raccoon-voc/r2.jpg']
    # a 1000 x 500 photo comes out 100 x 50; smaller ones keep their size
    assert cv2.imread(osp.join(out, 'raccoon-voc/r1.jpg')).shape[:2] == \
        (100, 50)
    assert cv2.imread(osp.join(out, 'coco128/c1.jpg')).shape[:2] == (30, 60)
    held = held_out_images(shared)
    used = {osp.basename(p) for ps in unlabelled_images(shared).values()
            for p in ps}
    assert not used & {f for fs in held.values() for f in fs}
    assert held['raccoon-voc'] == ['r3.jpg']


def test_a_held_out_image_in_a_training_split_is_refused(tmp_path):
    shared = _fake_shared(tmp_path / 'shared', leak=True)
    with pytest.raises(ValueError, match=r'held-out coco128 .*c3\.jpg'):
        prepare_real_photos(shared, str(tmp_path / 'photos'))


def test_unreadable_image_is_named(tmp_path):
    shared = _fake_shared(tmp_path / 'shared')
    bad = osp.join(shared, 'pennfudan', 'images', 'p1.jpg')
    open(bad, 'wb').write(b'not a jpeg')
    with pytest.raises(ValueError, match='p1.jpg'):
        prepare_real_photos(shared, str(tmp_path / 'photos'))

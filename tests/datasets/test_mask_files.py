import json
import os

import cv2
import numpy as np
import pytest

from mmssl.datasets.mask_files import generate_masks, mask_path


@pytest.fixture
def image_dir(tmp_path):
    from skimage import data
    d = tmp_path / 'imgs'
    (d / 'a').mkdir(parents=True)
    photo = data.chelsea()[::4, ::4, ::-1]
    for i in range(5):
        cv2.imwrite(str(d / 'a' / f'{i}.jpg'), np.roll(photo, i * 7, axis=1))
    return d


def run(img_dir, out, shard=(0, 1)):
    failures = generate_masks(str(img_dir), str(out), 'felzenszwalb',
                              dict(min_size=50, scale=100), workers=2,
                              shard=shard)
    return 1 if failures else 0


def test_shards_partition_and_resume(image_dir, tmp_path):
    out = tmp_path / 'masks'
    assert run(image_dir, out, (0, 2)) == 0
    done = sorted(os.listdir(out / 'a'))
    assert done == ['0.png', '2.png', '4.png']
    mask = cv2.imread(str(out / 'a' / '0.png'), cv2.IMREAD_UNCHANGED)
    assert mask.dtype == np.uint8 and mask.shape == (75, 113)
    assert len(np.unique(mask)) > 1
    stamp = os.path.getmtime(out / 'a' / '0.png')
    assert run(image_dir, out, (1, 2)) == 0
    assert run(image_dir, out) == 0  # everything done: nothing rewritten
    assert sorted(os.listdir(out / 'a')) == [f'{i}.png' for i in range(5)]
    assert os.path.getmtime(out / 'a' / '0.png') == stamp
    lines = [json.loads(x) for x in open(out / 'manifest-0of2.jsonl')]
    assert {x['image'] for x in lines} == {'a/0.jpg', 'a/2.jpg', 'a/4.jpg'}


def test_corrupt_image_is_reported_and_others_kept(image_dir, tmp_path):
    (image_dir / 'a' / 'bad.jpg').write_bytes(b'garbage')
    out = tmp_path / 'masks'
    assert run(image_dir, out) == 1
    assert len(os.listdir(out / 'a')) == 5
    lines = [json.loads(x) for x in open(out / 'manifest-0of1.jsonl')]
    assert any('bad.jpg' in x.get('error', '') for x in lines)
    assert (image_dir / 'a' / 'bad.jpg').exists()


def test_mask_path_mirrors_the_image_tree():
    assert mask_path('/m', 'a/b/c.jpeg') == '/m/a/b/c.png'
    assert mask_path('/m', 'x.png') == '/m/x.png'


def test_coco_gt_needs_annotations(tmp_path):
    with pytest.raises(ValueError, match='annotation'):
        generate_masks(str(tmp_path), str(tmp_path / 'm'), 'coco-gt')

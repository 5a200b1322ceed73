import json
import os
import os.path as osp
import sys

import cv2
import numpy as np
import pytest

sys.path.insert(0, osp.join(osp.dirname(__file__), '..', '..', 'tools',
                            'misc'))
import generate_masks  # noqa: E402


@pytest.fixture
def image_dir(tmp_path):
    from skimage import data
    d = tmp_path / 'imgs'
    (d / 'a').mkdir(parents=True)
    photo = data.chelsea()[::4, ::4, ::-1]
    for i in range(5):
        cv2.imwrite(str(d / 'a' / f'{i}.jpg'), np.roll(photo, i * 7, axis=1))
    return d


def run(*args):
    return generate_masks.main([*map(str, args), '--workers', '2',
                                '--min-size', '50', '--scale', '100'])


def test_shards_partition_and_resume(image_dir, tmp_path):
    out = tmp_path / 'masks'
    assert run(image_dir, out, '--shard', '0/2') == 0
    done = sorted(os.listdir(out / 'a'))
    assert done == ['0.png', '2.png', '4.png']
    mask = cv2.imread(str(out / 'a' / '0.png'), cv2.IMREAD_UNCHANGED)
    assert mask.dtype == np.uint8 and mask.shape == (75, 113)
    assert len(np.unique(mask)) > 1
    stamp = os.path.getmtime(out / 'a' / '0.png')
    assert run(image_dir, out, '--shard', '1/2') == 0
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


def test_bad_shard_is_rejected():
    with pytest.raises(SystemExit):
        generate_masks.main(['x', 'y', '--shard', '3/2'])

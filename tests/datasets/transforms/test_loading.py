"""Unreadable images are errors that name the file, or skipped samples
with a warning and a count when asked."""
import numpy as np
import pytest
from mmengine.dataset import BaseDataset
from PIL import Image

from mmssl.registry import TRANSFORMS


def _photo(path, fmt):
    rng = np.random.default_rng(0)
    Image.fromarray(rng.integers(0, 255, (32, 32, 3), np.uint8)).save(
        path, fmt)
    return path


@pytest.mark.parametrize('fmt,suffix', [('JPEG', 'jpg'), ('PNG', 'png')])
def test_bad_files_are_named(tmp_path, fmt, suffix):
    load = TRANSFORMS.build(dict(type='LoadImageFromFile'))
    good = _photo(str(tmp_path / f'good.{suffix}'), fmt)
    assert load(dict(img_path=good))['img'].shape == (32, 32, 3)
    data = open(good, 'rb').read()
    cases = {'empty': b'', 'truncated': data[:len(data) // 2],
             'text': b'not an image at all'}
    messages = {'empty': 'empty file', 'truncated': f'truncated {fmt}'[:13],
                'text': 'cannot be decoded'}
    for name, content in cases.items():
        path = tmp_path / f'{name}.{suffix}'
        path.write_bytes(content)
        with pytest.raises(ValueError, match=f'{name}.{suffix}: '
                           f'{messages[name]}'):
            load(dict(img_path=str(path)))
    with pytest.raises(ValueError, match='missing.jpg: cannot read'):
        load(dict(img_path=str(tmp_path / 'missing.jpg')))


class _Files(BaseDataset):

    def __init__(self, paths, pipeline):
        self.paths = paths
        super().__init__(pipeline=pipeline, serialize_data=False)

    def load_data_list(self):
        return [dict(img_path=p) for p in self.paths]


def test_skip_unreadable_draws_another_sample_and_counts(tmp_path):
    good = _photo(str(tmp_path / 'good.jpg'), 'JPEG')
    bad = tmp_path / 'bad.jpg'
    bad.write_bytes(b'')
    skip = TRANSFORMS.build(dict(type='LoadImageFromFile',
                                 skip_unreadable=True))
    before = TRANSFORMS.get('LoadImageFromFile').skipped
    ds = _Files([str(bad), good], [skip])
    out = ds[0]  # the unreadable one: another sample comes instead
    assert out['img_path'] == good
    assert TRANSFORMS.get('LoadImageFromFile').skipped > before
    strict = _Files([str(bad), good],
                    [TRANSFORMS.build(dict(type='LoadImageFromFile'))])
    with pytest.raises(ValueError, match='bad.jpg: empty file'):
        strict[0]

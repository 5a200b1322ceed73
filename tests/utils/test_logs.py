import json

import pytest

from mmssl.utils.logs import read_scalars


def test_read_scalars_collects_each_key_by_step(tmp_path):
    path = tmp_path / 'scalars.json'
    path.write_text('\n'.join(json.dumps(r) for r in [
        dict(loss=3.0, lr=0.1, epoch=1, iter=10, step=10),
        dict(loss=2.5, lr=0.1, epoch=1, iter=20, step=20),
        {'knn/top1': 40.0, 'step': 1},
    ]) + '\n')
    series = read_scalars(str(path))
    assert series['loss'] == ([10, 20], [3.0, 2.5])
    assert series['knn/top1'] == ([1], [40.0])
    assert 'step' not in series and 'epoch' not in series


def test_read_scalars_names_a_bad_line(tmp_path):
    path = tmp_path / 'scalars.json'
    path.write_text('{"loss": 1, "step": 1}\n{"loss": \n')
    with pytest.raises(ValueError, match='scalars.json:2'):
        read_scalars(str(path))

import importlib.util
import json
import os.path as osp
import sys

import pytest
import torch

from mmssl.evaluation.feature_spread import (effective_rank,
                                             mean_pairwise_cosine, spread_of)

PENNFUDAN = osp.join(osp.dirname(__file__), '..', '..', '..', 'shared',
                     'data', 'pennfudan')


def test_effective_rank_counts_equal_directions():
    # k orthogonal directions of equal variance (+/- pairs, centred): k
    eye = torch.eye(6)
    for k in (1, 3, 6):
        x = torch.cat([eye[:k], -eye[:k]]) * 5.
        assert effective_rank(x) == pytest.approx(k, rel=1e-9)
    # unequal variances: exp(entropy) of the singular-value shares, by hand
    x = torch.tensor([[3., 0.], [-3., 0.], [0., 1.], [0., -1.]])
    p = torch.tensor([3. * 2**.5, 2**.5], dtype=torch.float64)
    p = p / p.sum()
    assert effective_rank(x) == pytest.approx(
        float(torch.exp(-(p * p.log()).sum())), rel=1e-9)


def test_effective_rank_ignores_scale_rotation_and_offset():
    g = torch.Generator().manual_seed(0)
    x = torch.randn(50, 8, generator=g) * torch.linspace(0.1, 2, 8)
    q, _ = torch.linalg.qr(torch.randn(8, 8, generator=g))
    ref = effective_rank(x)
    assert 1 < ref < 8
    assert effective_rank(7 * x @ q + 3.) == pytest.approx(ref, rel=1e-6)


def test_effective_rank_rejects_degenerate_input():
    with pytest.raises(ValueError, match='identical'):
        effective_rank(torch.ones(4, 3))
    with pytest.raises(ValueError, match='shape'):
        effective_rank(torch.ones(1, 3))


def test_mean_pairwise_cosine_by_hand():
    x = torch.tensor([[1., 0.], [0., 2.], [3., 3.]])
    # pairs: 0, 1/sqrt2, 1/sqrt2
    assert mean_pairwise_cosine(x) == pytest.approx(2**.5 / 3, rel=1e-9)


def test_spread_of_a_collapsed_map_is_one_direction():
    g = torch.Generator().manual_seed(0)
    direction = torch.randn(16, generator=g, dtype=torch.float64)
    scale = torch.rand(5, 1, 3, 3, generator=g, dtype=torch.float64) + .5
    collapsed = scale * direction.view(1, 16, 1, 1)  # every cell on one line
    spread = torch.randn(5, 16, 3, 3, generator=g)
    a, b = spread_of(collapsed), spread_of(spread)
    assert a['cell_effective_rank'] == pytest.approx(1., abs=1e-9)
    assert a['mean_cosine_between_images'] == pytest.approx(1., abs=1e-9)
    assert b['cell_effective_rank'] > 10 and b['image_effective_rank'] > 3
    assert (a['images'], a['channels']) == (5, 16)


@pytest.mark.skipif(not osp.isdir(PENNFUDAN),
                    reason='../shared/data/pennfudan is absent')
def test_cli_on_pennfudan_random_inits(tmp_path, monkeypatch, capsys):
    root = osp.join(osp.dirname(__file__), '..', '..')
    spec = importlib.util.spec_from_file_location(
        'feature_spread_cli',
        osp.join(root, 'tools', 'analysis_tools', 'feature_spread.py'))
    cli = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(cli)
    config = osp.join(root, 'configs', 'detcon',
                      'detconb_r18_1xb32-200e_coco128.py')
    out = tmp_path / 'spread.json'
    monkeypatch.setattr(sys, 'argv', [
        'feature_spread.py', '--data-root', PENNFUDAN, '--size', '64',
        '--random-seeds', '0', '1', '--model', 'rand', config, 'none',
        '--out', str(out)])
    cli.main()
    results = json.loads(out.read_text())
    assert list(results) == ['rand (seed 0)', 'rand (seed 1)']
    a, b = results.values()
    # 42 val images, 2 x 2 C5 cells each at 64 px; 512 channels
    assert (a['images'], a['channels']) == (42, 512)
    assert 1 < a['image_effective_rank'] <= 41
    assert a['image_effective_rank'] < a['cell_effective_rank'] <= 167
    # two initialisations: different networks, different numbers
    assert a['cell_effective_rank'] != b['cell_effective_rank']
    assert 'rand (seed 1)' in capsys.readouterr().out

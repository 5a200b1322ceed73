import torch

from mmssl.evaluation import linear_probe


def test_linear_probe_reaches_100_on_separable_features():
    g = torch.Generator().manual_seed(0)
    centres = torch.randn(4, 16, generator=g) * 5
    y = torch.arange(200) % 4
    x = centres[y] + 0.3 * torch.randn(200, 16, generator=g)
    result = linear_probe(x[:120], y[:120], x[120:], y[120:])
    assert result['top1'] == 100.0 and result['train_top1'] == 100.0


def test_linear_probe_is_chance_on_random_labels():
    g = torch.Generator().manual_seed(1)
    x = torch.randn(400, 8, generator=g)
    y = torch.randint(0, 2, (400, ), generator=g)
    assert 35 < linear_probe(x[:200], y[:200], x[200:], y[200:])['top1'] < 65

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


def _overlapping(seed=2, n=1200, d=24, classes=5):
    g = torch.Generator().manual_seed(seed)
    centres = torch.randn(classes, d, generator=g)
    y = torch.arange(n) % classes
    return centres[y] * 0.4 + torch.randn(n, d, generator=g) + 3.0, y


def test_minibatch_probe_matches_the_full_batch_optimum():
    """Same objective, other optimiser: on overlapping classes (neither
    100 % nor chance) the two land within a point or two."""
    x, y = _overlapping()
    full = linear_probe(x[:800], y[:800], x[800:], y[800:])
    mini = linear_probe(x[:800], y[:800], x[800:], y[800:], batch_size=64,
                        epochs=40)
    assert 50 < full['top1'] < 99
    assert abs(mini['top1'] - full['top1']) <= 2.5
    assert abs(mini['train_top1'] - full['train_top1']) <= 2.5


def test_minibatch_probe_takes_half_precision_features_as_they_are():
    x, y = _overlapping()
    half = linear_probe(x[:800].half(), y[:800], x[800:].half(), y[800:],
                        batch_size=64, epochs=40)
    full = linear_probe(x[:800], y[:800], x[800:], y[800:])
    assert abs(half['top1'] - full['top1']) <= 2.5

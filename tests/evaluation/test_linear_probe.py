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


def test_full_batch_probe_does_not_depend_on_the_global_random_state():
    """Stopped before convergence (here after 3 iterations, as 200 are on
    real features), the result depends on the start; the start is zero, so
    two global random states give the same classifier, and the same
    result as an independent zero-start L-BFGS on the same objective."""
    x, y = _overlapping()
    results = []
    for state in (0, 1):
        torch.manual_seed(state)
        results.append(linear_probe(x[:800], y[:800], x[800:], y[800:],
                                    max_iter=3, return_predictions=True))
    assert torch.equal(results[0]['predictions'], results[1]['predictions'])
    assert results[0]['top1'] == results[1]['top1']

    mean, std = x[:800].mean(0), x[:800].std(0)
    xtr = ((x[:800] - mean) / std).double()
    xte = ((x[800:] - mean) / std).double()
    weight = torch.zeros(5, 24, dtype=torch.float64, requires_grad=True)
    bias = torch.zeros(5, dtype=torch.float64, requires_grad=True)
    opt = torch.optim.LBFGS([weight, bias], lr=1, max_iter=3,
                            history_size=20, line_search_fn='strong_wolfe')

    def closure():
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(
            xtr @ weight.T + bias, y[:800]) + 1e-4 * weight.pow(2).sum()
        loss.backward()
        return loss

    opt.step(closure)
    expected = (xte @ weight.T + bias).argmax(1)
    assert torch.equal(results[0]['predictions'], expected)

import torch

from mmssl.evaluation import bag_of_patches, linear_probe, random_patch_boxes


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


def test_patch_boxes_cover_a_quarter_and_stay_inside():
    boxes = random_patch_boxes(3, 10, 32, 48, scale=0.25)
    area = (boxes[:, 3] - boxes[:, 1]) * (boxes[:, 4] - boxes[:, 2])
    torch.testing.assert_close(area, torch.full((30, ), 0.25 * 32 * 48))
    assert (boxes[:, 1] >= 0).all() and (boxes[:, 3] <= 48 + 1e-4).all()
    assert (boxes[:, 2] >= 0).all() and (boxes[:, 4] <= 32 + 1e-4).all()
    assert boxes[:, 0].tolist() == [i for i in range(3) for _ in range(10)]


def test_bag_of_patches_averages_each_images_own_patches():
    # image i is constant i: every patch of it has mean i, in any position
    images = torch.arange(4.).view(4, 1, 1, 1).expand(4, 3, 20, 20)
    calls = []

    def encode(p):
        calls.append(p.shape)
        return p.mean(dim=(1, 2, 3))[:, None]

    feats = bag_of_patches(encode, images.contiguous(), num_patches=6,
                           patch_size=8, chunk=10)
    torch.testing.assert_close(feats, torch.arange(4.)[:, None])
    assert [c[0] for c in calls] == [10, 10, 4]
    assert all(c[1:] == (3, 8, 8) for c in calls)


class _ColourNet(torch.nn.Module):
    """'Backbone' whose GAP feature is the mean colour of its input."""

    def forward(self, x):
        return (x, )


def test_extract_features_bag_of_patches_equals_the_seeded_bag():
    from mmssl.evaluation import extract_features
    g = torch.Generator().manual_seed(3)
    images = torch.randn(5, 3, 16, 16, generator=g)
    labels = torch.arange(5)
    loader = [(images[:3], labels[:3]), (images[3:], labels[3:])]
    net = _ColourNet()

    whole, ys = extract_features(net, loader)
    torch.testing.assert_close(whole, images.mean(dim=(2, 3)))
    assert ys.tolist() == [0, 1, 2, 3, 4]

    bag, _ = extract_features(net, loader, bag_patches=4, seed=7)
    gen = torch.Generator().manual_seed(7)
    expected = torch.cat([
        bag_of_patches(lambda p: p.mean(dim=(2, 3)), imgs, 4, 16,
                       generator=gen) for imgs, _ in loader
    ])
    torch.testing.assert_close(bag, expected)
    # patches are not the whole image: the bag differs from the GAP
    assert not torch.allclose(bag, whole, atol=1e-3)

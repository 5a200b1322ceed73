import numpy as np
import torch
from PIL import Image

from mmssl.evaluation import bag_of_patches, extract_folder_features
from mmssl.testing import run_distributed


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


def _folder(root):
    rng = np.random.default_rng(0)
    # 5 images: an uneven split over 2 ranks
    for cls, n in (('a', 3), ('b', 2)):
        (root / cls).mkdir(parents=True)
        for i in range(n):
            Image.fromarray(rng.integers(0, 255, (12, 12, 3),
                                         dtype=np.uint8)).save(
                                             root / cls / f'{i}.png')
    return str(root)


def _net():
    torch.manual_seed(0)
    return torch.nn.Sequential(torch.nn.Conv2d(3, 6, 3), torch.nn.ReLU())


def _extract(rank, world, root):
    return extract_folder_features(_net(), root, 12, batch_size=2,
                                   workers=0)


def test_two_ranks_equal_one_process(tmp_path):
    root = _folder(tmp_path / 'imgs')
    feats, labels = _extract(0, 1, root)
    assert feats.shape == (5, 6)
    assert labels.tolist() == [0, 0, 0, 1, 1]
    for f, y in run_distributed(_extract, 2, root):
        torch.testing.assert_close(f, feats)
        assert torch.equal(y, labels)

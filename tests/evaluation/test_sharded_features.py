"""Feature extraction split over ranks gives one process's features, in
folder order, on every rank."""
import numpy as np
import torch
from PIL import Image

from mmssl.evaluation import extract_folder_features
from mmssl.testing import run_distributed


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

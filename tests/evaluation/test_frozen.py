"""Frozen-feature evaluation normalises images as the model was trained
(its data preprocessor), caches features, and reports kNN and linear."""
import os.path as osp

import numpy as np
import pytest
import torch
from mmengine.config import Config
from PIL import Image

from mmssl.evaluation import (image_folder, knn_and_linear,
                              preprocessing_of)

REPO = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))


def test_preprocessing_comes_from_each_config():
    empssl = Config.fromfile(osp.join(
        REPO, 'configs/empssl/empssl_r18_1xb20-8p-1e_cifar10-5k.py'))
    assert preprocessing_of(empssl) == dict(mean=(127.5, ) * 3,
                                            std=(127.5, ) * 3, to_rgb=True)
    simclr = Config.fromfile(osp.join(
        REPO, 'configs/benchmarks/baselines/'
        'simclr_r18_1xb128-budget_cifar10-5k.py'))
    assert preprocessing_of(simclr)['mean'] == (123.675, 116.28, 103.53)
    with pytest.raises(KeyError, match='mean/std'):
        preprocessing_of(Config(dict(model=dict(type='X'))))


def _folder(root, value=(200, 100, 50)):
    for cls in ('a', 'b'):
        d = osp.join(root, 'train', cls)
        import os
        os.makedirs(d)
        Image.fromarray(np.full((8, 8, 3), value, np.uint8)).save(
            osp.join(d, '0.png'))
    return root


def test_image_folder_normalises_with_the_given_statistics(tmp_path):
    root = _folder(str(tmp_path))
    x, _ = image_folder(osp.join(root, 'train'), 8, mean=(127.5, ) * 3,
                        std=(127.5, ) * 3)[0]
    torch.testing.assert_close(
        x[:, 0, 0], (torch.tensor([200., 100., 50.]) - 127.5) / 127.5)
    # a model trained on BGR input (to_rgb=False) gets BGR channels
    x, _ = image_folder(osp.join(root, 'train'), 8, mean=(0, ) * 3,
                        std=(255, ) * 3, to_rgb=False)[0]
    torch.testing.assert_close(x[:, 0, 0],
                               torch.tensor([50., 100., 200.]) / 255)


def test_knn_and_linear_on_a_separable_folder(tmp_path):
    # class a: dark images, class b: bright ones, several of each
    rng = np.random.default_rng(0)
    import os
    for split in ('train', 'test'):
        for cls, level in (('a', 40), ('b', 210)):
            d = tmp_path / split / cls
            os.makedirs(d)
            for i in range(6):
                img = np.clip(level + rng.normal(0, 10, (16, 16, 3)), 0, 255)
                Image.fromarray(img.astype(np.uint8)).save(d / f'{i}.png')
    config = osp.join(REPO, 'configs/jigclu/'
                      'jigclu_r18_1xb128-budget_cifar10-5k.py')
    cache = str(tmp_path / 'cache')
    out = knn_and_linear(config, None, str(tmp_path), 16, k=3,
                         cache_dir=cache, workers=0)
    assert out['knn_top1'] == 100.0 and out['linear_top1'] == 100.0
    assert out['num_train'] == out['num_test'] == 12
    assert len(os.listdir(cache)) == 2  # train and test features cached

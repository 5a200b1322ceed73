"""EMP-SSL's published evaluation protocol: bag of pre-features over
training-augmented patches, eval-mode network, SGD linear probe."""
import os
import os.path as osp

import numpy as np
import pytest
import torch
from mmengine.dataset import default_collate
from PIL import Image

from mmssl.evaluation import (bag_of_prefeatures, patch_dataset,
                              sgd_linear_probe)
from mmssl.models import EMPSSL

PATCH_PIPELINE = [
    dict(type='RandomResizedCrop', scale=16, crop_ratio_range=(0.25, 0.25),
         aspect_ratio_range=(1., 1.), backend='pillow'),
    dict(type='RandomFlip', prob=0.5),
]
TRAIN_PIPELINE = [
    dict(type='LoadImageFromFile'),
    dict(type='MultiView', num_views=20, transforms=[PATCH_PIPELINE]),
    dict(type='PackInputs'),
]


def _folder(root, per_class=3):
    rng = np.random.default_rng(0)
    for c in ('a', 'b'):
        os.makedirs(osp.join(root, 'train', c))
        for i in range(per_class):
            Image.fromarray(rng.integers(0, 255, (32, 32, 3), np.uint8)).save(
                osp.join(root, 'train', c, f'{i}.png'))
    return root


def _model():
    torch.manual_seed(0)
    return EMPSSL(
        backbone=dict(type='mmpretrain.ResNet_CIFAR', depth=18),
        neck=dict(type='EMPSSLNeck', in_channels=512, hid_channels=24,
                  out_channels=8),
        head=dict(type='EMPSSLHead'),
        data_preprocessor=dict(type='mmpretrain.SelfSupDataPreprocessor',
                               mean=[127.5] * 3, std=[127.5] * 3,
                               to_rgb=True))


def test_bag_is_the_mean_prefeature_of_training_patches(tmp_path):
    root = _folder(str(tmp_path))
    dataset = patch_dataset(TRAIN_PIPELINE, root, 'train', num_patches=6)
    model = _model()
    model.train()
    feats, labels = bag_of_prefeatures(model, dataset, batch_size=4,
                                       workers=0, seed=3)
    assert model.training  # mode restored
    assert feats.shape == (6, 24) and labels.tolist() == [0] * 3 + [1] * 3
    # independent: the same seeded patches, one image at a time, eval mode
    from mmssl.evaluation.empssl_protocol import _seed_worker
    _seed_worker(3)(0)
    model.eval()
    with torch.no_grad():
        expected = []
        for i in range(6):
            data = model.data_preprocessor(default_collate([dataset[i]]),
                                           False)
            patches = torch.cat(data['inputs'])
            assert patches.shape == (6, 3, 16, 16)
            expected.append(model.neck(model.backbone(patches))[0].mean(0))
    torch.testing.assert_close(feats, torch.stack(expected), atol=1e-5,
                               rtol=1e-4)


def test_protocol_needs_a_multi_view_pipeline(tmp_path):
    with pytest.raises(ValueError, match='MultiView'):
        patch_dataset(TRAIN_PIPELINE[:1], str(tmp_path), 'train')


def test_sgd_probe_separates_and_stays_at_chance_on_noise():
    g = torch.Generator().manual_seed(0)
    y = torch.arange(400) % 4
    centers = torch.randn(4, 16, generator=g) * 3
    x = centers[y] + torch.randn(400, 16, generator=g)
    out = sgd_linear_probe(x[:300], y[:300], x[300:], y[300:], epochs=20)
    assert out['top1'] == 100.0 and out['best_top1'] == 100.0
    noise = torch.randn(400, 16, generator=g)
    out = sgd_linear_probe(noise[:300], y[:300], noise[300:], y[300:],
                           epochs=20)
    assert out['top1'] < 45
    with pytest.raises(ValueError, match='fewer than one batch'):
        sgd_linear_probe(x[:10], y[:10], x[300:], y[300:])


def test_evaluate_empssl_runs_the_named_protocol(tmp_path):
    import os.path as osp

    from mmengine.config import Config

    from mmssl.evaluation.empssl_protocol import evaluate_empssl
    from mmssl.registry import MODELS
    repo = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
    cfg = Config.fromfile(osp.join(
        repo, 'configs/empssl/empssl_r18_1xb16-8p-2e_demo.py'))
    cfg.model.neck.update(hid_channels=16, out_channels=8)
    config = str(tmp_path / 'cfg.py')
    cfg.dump(config)
    torch.manual_seed(0)
    model = MODELS.build(cfg.model)
    ckpt = str(tmp_path / 'ckpt.pth')
    torch.save(dict(state_dict=model.state_dict()), ckpt)
    root = _folder(str(tmp_path / 'data'), per_class=4)
    import shutil
    shutil.copytree(osp.join(root, 'train'), osp.join(root, 'test'))
    out = evaluate_empssl(config, ckpt, root, num_patches=3, per_class=2,
                          epochs=3, workers=0, probe_batch_size=2)
    assert out['protocol'] == 'empssl-official'
    assert (out['num_train'], out['num_test']) == (4, 8)
    assert 0 <= out['top1'] <= 100
    with pytest.raises(ValueError, match='protocol'):
        evaluate_empssl(config, ckpt, root, protocol='best')

import copy

import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F
from mmengine.dataset import DefaultSampler, default_collate

from mmssl.engine.hooks import RawFeatureInitHook
from mmssl.engine.hooks.raw_feature_init_hook import accumulate_bn_statistics
from mmssl.models import InstanceClassifier
from mmssl.registry import DATASETS
from tests.datasets.test_instance_dataset import dataset_cfg, make_images
from tests.models.algorithms.test_instance_classifier import \
    small_instance_classifier as _model

N = 7


def _loader(root):
    dataset = DATASETS.build(dataset_cfg(
        root, extra=[dict(type='mmpretrain.Resize', scale=(32, 32))]))
    return torch.utils.data.DataLoader(
        dataset, batch_size=4, collate_fn=default_collate,
        sampler=DefaultSampler(dataset, shuffle=True, seed=1))


def test_raw_feature_init_writes_the_network_features(tmp_path):
    make_images(str(tmp_path))
    model = _model()
    model.train()
    bn_before = model.backbone.bn1.running_mean.clone()
    for mode in ('initial', 'batch', 'accumulated'):
        hook = RawFeatureInitHook(dataloader={}, bn_stats=mode)
        assert hook.initialise(model, _loader(str(tmp_path))) == N
        assert model.training  # mode restored
        torch.testing.assert_close(model.backbone.bn1.running_mean,
                                   bn_before)
        written = model.head.weight.detach().clone()
        dataset = _loader(str(tmp_path)).dataset
        probe = copy.deepcopy(model)
        with torch.no_grad():
            if mode == 'batch':  # batch statistics: the shuffled batches
                expected = torch.zeros(N, 8)
                for batch in _loader(str(tmp_path)):
                    data = probe.data_preprocessor(batch, False)
                    ids = [int(d.instance_id) for d in data['data_samples']]
                    expected[ids] = probe.embed(data['inputs'])
            else:
                if mode == 'accumulated':
                    # running stats = the average over the loader's batches
                    # of each batch's mean and (unbiased) variance
                    probe.train()
                    bns = [m for m in probe.modules()
                           if isinstance(m, nn.modules.batchnorm._BatchNorm)]
                    sums = [[0, 0] for _ in bns]
                    hooks = [bn.register_forward_hook(
                        lambda m, i, o, s=s: s.__setitem__(slice(0, 2), [
                            s[0] + i[0].transpose(0, 1).flatten(1).mean(1),
                            s[1] + i[0].transpose(0, 1).flatten(1).var(1)]))
                        for bn, s in zip(bns, sums)]
                    batches = list(_loader(str(tmp_path)))
                    for batch in batches:
                        probe.embed(probe.data_preprocessor(batch,
                                                            False)['inputs'])
                    for h in hooks:
                        h.remove()
                    for bn, (m, v) in zip(bns, sums):
                        bn.running_mean.copy_(m / len(batches))
                        bn.running_var.copy_(v / len(batches))
                probe.eval()
                expected = torch.cat([  # every image alone, eval mode
                    probe.embed(probe.data_preprocessor(
                        default_collate([dataset[i]]), False)['inputs'])
                    for i in range(N)
                ])
        torch.testing.assert_close(written, expected, atol=1e-4, rtol=1e-3,
                                   msg=mode)
        torch.testing.assert_close(written.norm(dim=1), torch.ones(N))
    with pytest.raises(ValueError, match='bn_stats'):
        RawFeatureInitHook(dataloader={}, bn_stats='running')


def _real_photo_folder(root, out, n):
    """``n`` real photos from all classes, linked into one folder."""
    import os
    import os.path as osp
    classes = sorted(os.listdir(osp.join(root, 'train')))
    os.makedirs(osp.join(out, 'imgs'))
    for i in range(n):
        cls = osp.join(root, 'train', classes[i % len(classes)])
        name = sorted(os.listdir(cls))[i // len(classes)]
        os.symlink(osp.join(cls, name), osp.join(out, 'imgs', f'{i:03d}.jpg'))
    return out


def _real_photo_loader(folder, batch_size=32):
    dataset = DATASETS.build(dataset_cfg(folder))
    return torch.utils.data.DataLoader(dataset, batch_size=batch_size,
                                       collate_fn=default_collate)


@pytest.mark.parametrize('mode', ['batch', 'accumulated'])
def test_raw_rows_are_distinct_on_real_photos(mode, tmp_path):
    """A freshly initialised R18 on real 32 px photos: the default modes
    give near-orthogonal rows, each instance nearest its own row; the
    'initial' running statistics (0, 1) give nearly one vector."""
    from tests.conftest import shared_data
    n = 96
    folder = _real_photo_folder(shared_data('cifar10-5k'), str(tmp_path), n)
    torch.manual_seed(0)
    # the cifar10-5k config's network: R18 (CIFAR stem), 512-512-128 MLP
    model = InstanceClassifier(
        backbone=dict(type='mmpretrain.ResNet_CIFAR', depth=18),
        neck=dict(type='mmpretrain.NonLinearNeck', in_channels=512,
                  hid_channels=512, out_channels=128, with_avg_pool=True,
                  norm_cfg=dict(type='BN1d')),
        head=dict(type='ShardedInstanceClassifierHead', num_classes=n,
                  in_channels=128),
        data_preprocessor=dict(type='mmpretrain.SelfSupDataPreprocessor',
                               mean=[125.3, 123.0, 113.9],
                               std=[63.0, 62.1, 66.7], to_rgb=True))
    RawFeatureInitHook({}, bn_stats=mode).initialise(
        model, _real_photo_loader(folder))
    rows = F.normalize(model.head.weight.detach(), dim=1)
    off_diag = (rows @ rows.t())[~torch.eye(n, dtype=torch.bool)]
    assert off_diag.mean() < 0.5  # measured: 0.002 batch, 0.015 accumulated
    # re-embed every image in a different batching: nearest row is its own
    probe = copy.deepcopy(model)
    if mode == 'accumulated':
        accumulate_bn_statistics(probe, _real_photo_loader(folder, 48))
    probe.train(mode == 'batch')
    with torch.no_grad():
        feats = torch.cat([
            probe.embed(probe.data_preprocessor(b, False)['inputs'])
            for b in _real_photo_loader(folder, 48)])
    assert ((feats @ rows.t()).argmax(1) == torch.arange(n)).float().mean() \
        > 0.95
    # the degenerate mode the test must reject (measured: 0.95)
    RawFeatureInitHook({}, bn_stats='initial').initialise(
        model, _real_photo_loader(folder))
    rows = F.normalize(model.head.weight.detach(), dim=1)
    assert (rows @ rows.t())[~torch.eye(n, dtype=torch.bool)].mean() > 0.9

import copy
from types import SimpleNamespace

import torch
import torch.nn as nn
from mmengine.dataset import DefaultSampler, default_collate

from mmssl.engine.hooks import (RawFeatureInitHook,
                                ShardedClassifierCheckpointHook)
from mmssl.models import InstanceClassifier
from mmssl.registry import DATASETS
from tests.datasets.test_instance_dataset import dataset_cfg, make_images
from tests.dist_utils import run_distributed

N = 7


def _model(n=N, seed=0):
    torch.manual_seed(seed)
    return InstanceClassifier(
        backbone=dict(type='mmpretrain.ResNet', depth=18, out_indices=(3, )),
        neck=dict(type='mmpretrain.NonLinearNeck', in_channels=512,
                  hid_channels=32, out_channels=8, with_avg_pool=True),
        head=dict(type='ShardedInstanceClassifierHead', num_classes=n,
                  in_channels=8, num_hard_classes=2),
        data_preprocessor=dict(type='mmpretrain.SelfSupDataPreprocessor',
                               mean=[128.] * 3, std=[64.] * 3))


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
    for running in (True, False):
        hook = RawFeatureInitHook(dataloader={}, use_running_stats=running)
        assert hook.initialise(model, _loader(str(tmp_path))) == N
        assert model.training  # mode restored
        torch.testing.assert_close(model.backbone.bn1.running_mean,
                                   bn_before)
        # independent: every image alone, in its natural order
        dataset = _loader(str(tmp_path)).dataset
        model.train(not running)
        with torch.no_grad():
            if running:
                expected = torch.cat([
                    model.embed(model.data_preprocessor(
                        default_collate([dataset[i]]), False)['inputs'])
                    for i in range(N)
                ])
            else:  # batch statistics: recompute the shuffled batches
                expected = torch.zeros(N, 8)
                for batch in _loader(str(tmp_path)):
                    data = model.data_preprocessor(batch, False)
                    ids = [int(d.instance_id) for d in data['data_samples']]
                    expected[ids] = model.embed(data['inputs'])
        model.train()
        torch.testing.assert_close(model.head.weight.detach(), expected,
                                   atol=1e-5, rtol=1e-4)
        torch.testing.assert_close(model.head.weight.norm(dim=1),
                                   torch.ones(N))


def _runner(model):
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    return SimpleNamespace(model=model,
                           optim_wrapper=SimpleNamespace(optimizer=optimizer))


def _step(model, runner, rank):
    torch.manual_seed(rank)
    feats = nn.functional.normalize(torch.randn(2, 8), dim=1)
    model.head.loss(feats, torch.tensor([rank, 5 - rank]))['loss'].backward()
    runner.optim_wrapper.optimizer.step()


def _save_worker(rank, world):
    model = _model()
    runner = _runner(model)
    _step(model, runner, rank)
    hook = ShardedClassifierCheckpointHook()
    hook.after_train_epoch(runner)  # every rank gathers
    checkpoint = dict(state_dict=model.state_dict(),
                      optimizer=runner.optim_wrapper.optimizer.state_dict())
    hook.before_save_checkpoint(runner, checkpoint)  # rank 0 would save
    opt = runner.optim_wrapper.optimizer
    return dict(checkpoint=checkpoint, shard=model.head.weight.detach(),
                momentum=opt.state[model.head.weight]['momentum_buffer'])


def _load_worker(rank, world, checkpoint):
    model = _model(seed=9)
    runner = _runner(model)
    _step(model, runner, rank)  # create optimizer state to overwrite
    checkpoint = copy.deepcopy(checkpoint)
    ShardedClassifierCheckpointHook().after_load_checkpoint(runner,
                                                            checkpoint)
    model.load_state_dict(checkpoint['state_dict'])
    runner.optim_wrapper.optimizer.load_state_dict(checkpoint['optimizer'])
    opt = runner.optim_wrapper.optimizer
    return dict(shard=model.head.weight.detach(),
                momentum=opt.state[model.head.weight]['momentum_buffer'])


def test_checkpoint_holds_whole_classifier_and_resumes_per_rank():
    saved = run_distributed(_save_worker, 2)
    checkpoint = saved[0]['checkpoint']
    full = torch.cat([saved[0]['shard'], saved[1]['shard']])
    assert full.shape[0] == N and saved[0]['shard'].shape[0] == N // 2
    torch.testing.assert_close(checkpoint['state_dict']['head.weight'], full)
    idx = [i for i, (k, _) in enumerate(_model().named_parameters())
           if k == 'head.weight'][0]
    torch.testing.assert_close(
        checkpoint['optimizer']['state'][idx]['momentum_buffer'],
        torch.cat([saved[0]['momentum'], saved[1]['momentum']]))
    loaded = run_distributed(_load_worker, 2, checkpoint)
    for before, after in zip(saved, loaded):
        torch.testing.assert_close(after['shard'], before['shard'])
        torch.testing.assert_close(after['momentum'], before['momentum'])
    # one process loads the whole classifier as it is
    single = _model(seed=3)
    single.load_state_dict(checkpoint['state_dict'])
    torch.testing.assert_close(single.head.weight.detach(), full)

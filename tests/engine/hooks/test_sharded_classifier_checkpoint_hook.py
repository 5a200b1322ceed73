import copy
from types import SimpleNamespace

import torch
import torch.nn as nn

from mmssl.engine.hooks import ShardedClassifierCheckpointHook
from mmssl.testing import run_distributed
from tests.models.algorithms.test_instance_classifier import \
    small_instance_classifier as _model

N = 7


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

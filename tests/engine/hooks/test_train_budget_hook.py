import time
import types

import pytest

from mmssl.engine.hooks import TrainBudgetHook


def fake_runner():
    from mmengine.logging import MessageHub
    return types.SimpleNamespace(
        train_loop=types.SimpleNamespace(stop_training=False), iter=0,
        message_hub=MessageHub.get_instance('budget_test'))


def test_stops_only_after_budget(monkeypatch):
    clock = [100.0]
    monkeypatch.setattr('time.perf_counter', lambda: clock[0])
    hook, runner = TrainBudgetHook(seconds=10), fake_runner()
    hook.before_train(runner)
    clock[0] = 109.9
    hook.after_train_iter(runner, 0)
    assert runner.train_loop.stop_training is False
    clock[0] = 110.0
    hook.after_train_iter(runner, 1)
    assert runner.train_loop.stop_training is True
    assert runner.message_hub.get_info('train_seconds') == 10.0


def test_rejects_non_positive_budget():
    with pytest.raises(ValueError, match='seconds'):
        TrainBudgetHook(seconds=0)


def test_rejects_save_at_outside_budget():
    with pytest.raises(ValueError, match=r'save_at times \[12\]'):
        TrainBudgetHook(seconds=10, save_at=[5, 12])


class _Clock:
    """Fake clock: every training step of the toy model takes 1 s."""
    now = 0.


def _toy_runner(tmp_path, hook_cfg, epochs=3, batches=10, **kwargs):
    import torch
    from mmengine.model import BaseModel

    class Toy(BaseModel):

        def __init__(self):
            super().__init__()
            self.w = torch.nn.Parameter(torch.zeros(1))

        def forward(self, inputs, data_samples=None, mode='loss'):
            _Clock.now += 1.
            return dict(loss=(self.w - inputs.mean())**2)

    from mmssl.testing import toy_runner
    data = [dict(inputs=torch.tensor(float(i))) for i in range(batches)]
    return toy_runner(
        Toy(), tmp_path, data, f'budget_{tmp_path.name}_{time.time_ns()}',
        epochs=epochs,
        default_hooks=dict(checkpoint=dict(type='CheckpointHook',
                                           interval=1)),
        custom_hooks=[hook_cfg], **kwargs)


def test_stops_mid_epoch_and_saves_at_marks(tmp_path, monkeypatch):
    import os.path as osp

    import torch
    _Clock.now = 0.
    monkeypatch.setattr('time.perf_counter', lambda: _Clock.now)
    runner = _toy_runner(
        tmp_path, dict(type='TrainBudgetHook', seconds=14.5,
                       save_at=[3, 12]))
    runner.train()
    # 15 one-second steps: all of epoch 1, half of epoch 2; not epoch 3
    assert runner.iter == 15
    assert runner.epoch == 2
    # the cut epoch is closed as usual: its checkpoint exists
    assert osp.exists(osp.join(tmp_path, 'epoch_2.pth'))
    assert not osp.exists(osp.join(tmp_path, 'epoch_3.pth'))
    for mark, iters in ((3, 3), (12, 12)):
        ckpt = torch.load(osp.join(tmp_path, f'budget_{mark}s.pth'),
                          map_location='cpu')
        assert ckpt['meta']['iter'] == iters
        assert ckpt['meta']['train_seconds'] == mark
        assert 'optimizer' not in ckpt


def test_epoch_loop_without_budget_runs_all_epochs(tmp_path, monkeypatch):
    _Clock.now = 0.
    monkeypatch.setattr('time.perf_counter', lambda: _Clock.now)
    runner = _toy_runner(tmp_path,
                         dict(type='TrainBudgetHook', seconds=1000),
                         epochs=2, batches=4)
    runner.train()
    assert runner.iter == 8


def _two_clocks(rank, world):
    import time as time_module
    # rank 0's clock has run out, rank 1's has not: both must stop together
    now = [0.]
    time_module.perf_counter = lambda: now[0]
    hook, runner = TrainBudgetHook(seconds=10), fake_runner()
    hook.before_train(runner)
    now[0] = 11. if rank == 0 else 5.
    hook.after_train_iter(runner, 0)
    return (runner.train_loop.stop_training,
            runner.message_hub.get_info('train_seconds'))


def test_rank_zero_clock_decides_for_all_ranks():
    from mmssl.testing import run_distributed
    assert run_distributed(_two_clocks, 2) == [(True, 11.), (True, 11.)]


def test_resumed_run_continues_the_budget(tmp_path, monkeypatch):
    import os.path as osp
    _Clock.now = 0.
    monkeypatch.setattr('time.perf_counter', lambda: _Clock.now)
    hook = dict(type='TrainBudgetHook', seconds=14.5)
    first = _toy_runner(tmp_path, hook, epochs=1)
    first.train()  # 10 one-second steps, then the process ends
    assert first.iter == 10
    resumed = _toy_runner(tmp_path, hook, epochs=3, resume=True,
                          load_from=osp.join(tmp_path, 'epoch_1.pth'))
    resumed.train()
    # 5 more seconds, not a fresh 14.5
    assert resumed.iter == 15


def test_schedule_shorter_than_budget_saves_its_end(tmp_path, monkeypatch):
    """EMP-SSL's one epoch can end before the budget's last marks: the last
    iteration is saved once, as ``schedule_end.pth``, with its own clock,
    and :func:`reached_checkpoints` maps the unreached marks to it."""
    import os.path as osp

    import torch

    from mmssl.benchmarks.budget import reached_checkpoints
    _Clock.now = 0.
    monkeypatch.setattr('time.perf_counter', lambda: _Clock.now)
    runner = _toy_runner(
        tmp_path, dict(type='TrainBudgetHook', seconds=100,
                       save_at=[3, 50]), epochs=2, batches=10)
    runner.train()
    assert runner.iter == 20
    assert not osp.exists(osp.join(tmp_path, 'budget_50s.pth'))
    end = torch.load(osp.join(tmp_path, 'schedule_end.pth'),
                     map_location='cpu')
    assert end['meta']['iter'] == 20 and end['meta']['train_seconds'] == 20
    assert 'optimizer' not in end
    ckpts = reached_checkpoints(str(tmp_path), [3, 50, 100])
    assert {m: osp.basename(c) for m, c in ckpts.items()} == {
        3: 'budget_3s.pth', 50: 'schedule_end.pth',
        100: 'schedule_end.pth'}


def test_run_stopped_by_budget_writes_no_schedule_end(tmp_path, monkeypatch):
    import os.path as osp

    from mmssl.benchmarks.budget import reached_checkpoints
    _Clock.now = 0.
    monkeypatch.setattr('time.perf_counter', lambda: _Clock.now)
    runner = _toy_runner(
        tmp_path, dict(type='TrainBudgetHook', seconds=12, save_at=[3, 12]),
        epochs=2, batches=10)
    runner.train()
    assert runner.iter == 12
    assert not osp.exists(osp.join(tmp_path, 'schedule_end.pth'))
    assert set(reached_checkpoints(str(tmp_path), [3, 12])) == {3, 12}
    # a run that did not finish (a mark missing, no schedule end): nothing
    assert reached_checkpoints(str(tmp_path), [3, 12, 13]) == {}

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

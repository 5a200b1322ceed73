"""A kill during a checkpoint save leaves a loadable checkpoint; resume
falls back to the newest one that loads; NaN / inf stop training with a
named error and are never saved."""
import os
import os.path as osp

import pytest
import torch
from mmengine.model import BaseModel

from mmssl.engine.hooks import NonFiniteError
from mmssl.engine.runner import find_loadable_checkpoint
from mmssl.testing import toy_runner


class Toy(BaseModel):
    """``loss = (w - x)^2`` (or ``tanh`` of it, bounded); from iteration
    ``blow_up`` on, the input is NaN or the weight is set to inf."""

    def __init__(self, blow_up=None, what='loss'):
        super().__init__()
        self.w = torch.nn.Parameter(torch.zeros(1))
        self.register_buffer('running', torch.ones(1))
        self.blow_up, self.what, self.calls = blow_up, what, 0

    def forward(self, inputs, data_samples=None, mode='loss'):
        self.calls += 1
        if self.blow_up and self.calls >= self.blow_up:
            if self.what == 'loss':
                inputs = inputs * float('nan')
            else:
                with torch.no_grad():
                    self.running.fill_(float('inf'))
        return dict(loss=torch.tanh((self.w - inputs.mean())**2))


def _runner(tmp_path, model, epochs=3, keep=1, name='r'):
    data = [dict(inputs=torch.tensor(float(i))) for i in range(4)]
    return toy_runner(
        model, tmp_path, data, name, epochs=epochs,
        default_hooks=dict(
            checkpoint=dict(type='AtomicCheckpointHook', interval=1,
                            max_keep_ckpts=keep),
            non_finite=dict(type='NonFiniteCheckHook', interval=2)))


def test_kill_during_save_keeps_a_loadable_checkpoint(tmp_path, monkeypatch):
    import mmengine.runner.runner as runner_module
    real_save = runner_module.save_checkpoint
    saves = []

    def killed_on_third(checkpoint, filename, *args, **kwargs):
        saves.append(filename)
        if len(saves) == 3:  # half a file, then the process dies
            with open(filename, 'wb') as f:
                f.write(b'PK\x03\x04 truncated')
            raise KeyboardInterrupt('killed')
        return real_save(checkpoint, filename, *args, **kwargs)

    monkeypatch.setattr(runner_module, 'save_checkpoint', killed_on_third)
    runner = _runner(tmp_path, Toy(), keep=1)  # raised to 2
    with pytest.raises(KeyboardInterrupt):
        runner.train()
    # MMEngine's hook would have deleted epoch_2 before writing epoch_3
    assert osp.exists(tmp_path / 'epoch_1.pth')
    assert osp.exists(tmp_path / 'epoch_2.pth')
    assert not osp.exists(tmp_path / 'epoch_3.pth')
    with open(tmp_path / 'last_checkpoint') as f:
        assert f.read() == str(tmp_path / 'epoch_2.pth')
    path, skipped = find_loadable_checkpoint(str(tmp_path))
    assert path == str(tmp_path / 'epoch_2.pth') and not skipped
    # epoch_2 truncated by a disk problem: resume falls back to epoch_1
    with open(tmp_path / 'epoch_2.pth', 'r+b') as f:
        f.truncate(100)
    path, skipped = find_loadable_checkpoint(str(tmp_path))
    assert path == str(tmp_path / 'epoch_1.pth')
    assert skipped[0][0] == str(tmp_path / 'epoch_2.pth')
    assert torch.load(path)['meta']['epoch'] == 1


def test_outdated_checkpoints_go_after_the_new_one(tmp_path):
    _runner(tmp_path, Toy(), epochs=4, keep=2, name='k').train()
    assert sorted(f for f in os.listdir(tmp_path) if f.endswith('.pth')) \
        == ['epoch_3.pth', 'epoch_4.pth']
    assert not [f for f in os.listdir(tmp_path) if f.endswith('.tmp')]


def test_nan_loss_stops_with_the_iteration_and_term(tmp_path):
    runner = _runner(tmp_path, Toy(blow_up=6), name='n')
    with pytest.raises(NonFiniteError, match=r"iteration 6: loss term 'loss'"):
        runner.train()
    # epoch 1 (iterations 1-4) was saved; nothing after the NaN
    assert sorted(f for f in os.listdir(tmp_path) if f.endswith('.pth')) \
        == ['epoch_1.pth']


def test_inf_buffer_behind_a_bounded_loss_is_named(tmp_path):
    # the loss stays finite (tanh); the periodic check finds the buffer
    runner = _runner(tmp_path, Toy(blow_up=3, what='buffer'), name='b')
    with pytest.raises(NonFiniteError, match=r"iteration 4: model tensor "
                       r"'running'"):
        runner.train()
    assert not [f for f in os.listdir(tmp_path) if f.endswith('.pth')]


def test_no_non_finite_checkpoint_is_written(tmp_path):
    from mmssl.engine.hooks import NonFiniteCheckHook
    runner = _runner(tmp_path, Toy(), name='s')
    with torch.no_grad():
        runner.model.w.fill_(float('nan'))
    with pytest.raises(NonFiniteError, match="refusing to save.*'w'"):
        NonFiniteCheckHook().before_save_checkpoint(
            runner, dict(state_dict=runner.model.state_dict()))

"""NaN / inf in a loss term or a buffer stop training with a named error
(iteration and term), and no non-finite checkpoint is written."""
import os

import pytest
import torch

from mmssl.engine.hooks import NonFiniteError
from mmssl.testing import BlowUpModel as Toy
from mmssl.testing import reliability_runner as _runner


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

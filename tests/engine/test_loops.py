"""Resuming from a checkpoint saved mid-epoch continues at the saved
iteration and equals an uninterrupted run (CPU, deterministic)."""
import os.path as osp

import numpy as np
import pytest
import torch
from mmengine.hooks import Hook
from mmengine.model import BaseModel

from mmssl.testing import toy_runner

SEEN = []


class Noisy(BaseModel):
    """Uses the process's torch RNG in every step, as DetCon's id sampling
    or JigClu's permutation do."""

    def __init__(self):
        super().__init__()
        self.w = torch.nn.Parameter(torch.zeros(3))

    def forward(self, inputs, data_samples=None, mode='loss'):
        SEEN.append(inputs[:, 0].tolist())
        noise = torch.randn(3)
        return dict(loss=((self.w - inputs[:, 1:].mean(0) - noise)**2).sum())


class RandomAugmented(torch.utils.data.Dataset):
    """Index + a numpy-random augmentation (run in this process)."""

    def __len__(self):
        return 10

    def __getitem__(self, i):
        return dict(inputs=torch.tensor([float(i), *np.random.rand(3)]))


class Crash(Hook):

    def __init__(self, at):
        self.at = at

    def after_train_iter(self, runner, batch_idx, data_batch=None,
                         outputs=None):
        if runner.iter == self.at:
            raise KeyboardInterrupt('killed')


def _runner(work_dir, name, crash_at=None, resume_from=None):
    torch.manual_seed(0)
    np.random.seed(0)
    return toy_runner(
        Noisy(), work_dir, RandomAugmented(), name, batch_size=2,
        shuffle=True, lr=0.1, momentum=0.9,
        train_cfg=dict(type='ResumableEpochBasedTrainLoop', max_epochs=3),
        default_hooks=dict(
            checkpoint=dict(type='AtomicCheckpointHook', interval=3,
                            by_epoch=False, max_keep_ckpts=3),
            rng_state=dict(type='RNGStateHook')),
        custom_hooks=[Crash(crash_at)] if crash_at else [],
        randomness=dict(seed=0), resume=resume_from is not None,
        load_from=resume_from)


def test_mid_epoch_resume_equals_an_uninterrupted_run(tmp_path):
    SEEN.clear()
    full = _runner(tmp_path / 'full', 'full')
    full.train()
    reference, seen_full = full.model.w.detach().clone(), list(SEEN)
    assert full.iter == 15
    SEEN.clear()
    with pytest.raises(KeyboardInterrupt):
        _runner(tmp_path / 'cut', 'cut', crash_at=7).train()
    seen_before = list(SEEN)  # iterations 1-7; the checkpoint holds 1-6
    SEEN.clear()
    resumed = _runner(tmp_path / 'cut', 'resumed',
                      resume_from=osp.join(tmp_path, 'cut', 'iter_6.pth'))
    resumed.train()
    assert resumed.iter == 15
    # iterations 7-15 again: epoch 2 continues at its 2nd batch, and the
    # batches and random draws are the uninterrupted run's
    assert seen_before[:6] + SEEN == seen_full
    torch.testing.assert_close(resumed.model.w.detach(), reference)


def test_mmengine_loop_would_repeat_the_epoch(tmp_path):
    # the defect the loop fixes: MMEngine's loop reruns the cut epoch
    SEEN.clear()
    with pytest.raises(KeyboardInterrupt):
        _runner(tmp_path, 'cut2', crash_at=7).train()
    SEEN.clear()
    runner = _runner(tmp_path, 'plain',
                     resume_from=osp.join(tmp_path, 'iter_6.pth'))
    runner._train_loop = dict(type='EpochBasedTrainLoop', max_epochs=3)
    runner.train()
    assert len(SEEN) == 10  # 9 would be the remaining iterations

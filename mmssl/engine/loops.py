"""An epoch-based training loop that resumes at the saved iteration."""
import random

import numpy as np
import torch
from mmengine.hooks import Hook
from mmengine.runner import EpochBasedTrainLoop

from mmssl.registry import HOOKS, LOOPS


def rng_state() -> dict:
    state = dict(torch=torch.get_rng_state(), numpy=np.random.get_state(),
                 random=random.getstate())
    if torch.cuda.is_available():
        state['cuda'] = torch.cuda.get_rng_state_all()
    return state


def set_rng_state(state: dict) -> None:
    torch.set_rng_state(state['torch'])
    np.random.set_state(state['numpy'])
    random.setstate(state['random'])
    if 'cuda' in state and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state['cuda'])


@HOOKS.register_module()
class RNGStateHook(Hook):
    """Store the process's random states (torch, numpy, random, CUDA) in
    every checkpoint, and hand them to :class:`ResumableEpochBasedTrainLoop`
    on resume, so that the random draws after a resume (augmentations run in
    this process, DetCon's mask ids, JigClu's permutation ...) are those of
    an uninterrupted run."""
    priority = 'VERY_LOW'

    def before_save_checkpoint(self, runner, checkpoint: dict) -> None:
        checkpoint.setdefault('meta', {})['rng_state'] = rng_state()

    def after_load_checkpoint(self, runner, checkpoint: dict) -> None:
        state = checkpoint.get('meta', {}).get('rng_state')
        if state is not None and hasattr(runner, '_train_loop'):
            loop = runner.train_loop
            if isinstance(loop, ResumableEpochBasedTrainLoop):
                loop.pending_rng_state = state


@LOOPS.register_module()
class ResumableEpochBasedTrainLoop(EpochBasedTrainLoop):
    """MMEngine's ``EpochBasedTrainLoop`` that, resumed from a checkpoint
    saved in the middle of an epoch, continues at the saved iteration:
    the batches the checkpoint already trained on are drawn (the sampler's
    order and the data workers' random streams are those of the
    uninterrupted run) but not trained on, then the random states stored by
    :class:`RNGStateHook` are restored. MMEngine's loop reruns the whole
    epoch instead (extra iterations, the first batches seen twice, negative
    eta).
    """

    pending_rng_state = None

    def run_epoch(self) -> None:
        self.runner.call_hook('before_train_epoch')
        self.runner.model.train()
        done = self._iter - self._epoch * len(self.dataloader)
        batches = iter(self.dataloader)
        if done > 0:
            self.runner.logger.info(
                f'resuming epoch {self._epoch + 1} at its batch {done + 1} '
                f'of {len(self.dataloader)}')
            for _ in range(done):
                next(batches)
        if self.pending_rng_state is not None:
            set_rng_state(self.pending_rng_state)
            self.pending_rng_state = None
        for idx, data_batch in enumerate(batches, start=max(done, 0)):
            self.run_iter(idx, data_batch)
        self.runner.call_hook('after_train_epoch')
        self._epoch += 1

import os.path as osp
import time
from typing import Sequence

import torch
from mmengine.dist import broadcast, get_world_size, is_main_process
from mmengine.hooks import Hook
from mmengine.logging import print_log

from mmssl.registry import HOOKS
from .atomic_checkpoint_hook import replace_durably


class _BudgetedLoader:
    """Yields the wrapped loader's batches until the budget is spent, so an
    epoch-based loop ends its epoch there instead of finishing it (otherwise
    a method with long epochs would get up to an epoch of extra time)."""

    def __init__(self, loader, hook: 'TrainBudgetHook'):
        self._loader = loader
        self._hook = hook

    def __iter__(self):
        for batch in self._loader:
            if self._hook.exhausted:
                return
            yield batch

    def __len__(self):
        return len(self._loader)

    def __getattr__(self, name):
        return getattr(self._loader, name)


@HOOKS.register_module()
class TrainBudgetHook(Hook):
    """Stop training once ``seconds`` of wall-clock training time are spent.

    Used to compare methods at equal cost. The check runs after every
    iteration; the loop stops before the next one, in the middle of an epoch
    if need be (the epoch is closed as usual, so the last checkpoint is
    saved). Under distributed training rank 0's clock decides for all ranks.

    A resumed run continues the budget: the seconds spent are stored in
    every checkpoint (the message hub's ``train_seconds``).

    Args:
        seconds: the budget.
        save_at: also save a checkpoint when the clock crosses each of these
            times (``budget_{t}s.pth`` in the work dir, model weights only,
            ``meta.train_seconds`` holds the exact time), for accuracy-against-
            wall-clock curves of the backbone; not for resuming (no optimizer
            state, and a classifier sharded over ranks is only as fresh as
            its last gather). The time spent saving is not counted.
            When the method's own schedule ends before a mark (EMP-SSL's
            one epoch can be shorter than the budget), the last iteration
            is saved as ``schedule_end.pth`` instead, with the same meta, so
            a curve ends where the recipe ends rather than at a mark it
            never reached.
    """
    priority = 'VERY_HIGH'

    def __init__(self, seconds: float, save_at: Sequence[float] = ()) -> None:
        if seconds <= 0:
            raise ValueError(f'TrainBudgetHook: seconds must be > 0, got '
                             f'{seconds}')
        bad = [t for t in save_at if not 0 < t <= seconds]
        if bad:
            raise ValueError(f'TrainBudgetHook: save_at times {bad} are not '
                             f'within (0, seconds={seconds}]')
        self.seconds = seconds
        self.save_at = sorted(save_at)
        self.exhausted = False
        self._start = None
        self._not_counted = 0.

    def before_train(self, runner) -> None:
        self._start = time.perf_counter()
        self.exhausted = False
        # a resumed run continues the budget: the time spent before the
        # checkpoint travels in its message hub
        already = float(runner.message_hub.get_info('train_seconds', 0.)
                        or 0.) if runner.iter > 0 else 0.
        self._not_counted = -already
        if already:
            self.save_at = [t for t in self.save_at if t > already]
            print_log(f'TrainBudgetHook: resumed at iteration {runner.iter} '
                      f'with {already:.0f}s of the {self.seconds:.0f}s budget'
                      ' spent', logger='current')

    def before_train_epoch(self, runner) -> None:
        loop = runner.train_loop
        if hasattr(loop, 'dataloader') and not isinstance(
                loop.dataloader, _BudgetedLoader):
            loop.dataloader = _BudgetedLoader(loop.dataloader, self)

    def spent(self) -> float:
        return time.perf_counter() - self._start - self._not_counted

    def _agreed(self, value: float) -> float:
        if get_world_size() == 1:
            return value
        t = torch.tensor([value], dtype=torch.float64)
        broadcast(t, src=0)
        return float(t)

    SCHEDULE_END = 'schedule_end.pth'

    @staticmethod
    def checkpoint_name(mark: float) -> str:
        """File name of the checkpoint saved at ``mark`` seconds."""
        return f'budget_{mark:g}s.pth'

    def _save(self, runner, name: str, spent: float) -> None:
        t0 = time.perf_counter()
        runner.save_checkpoint(
            runner.work_dir, name + '.tmp', save_optimizer=False,
            save_param_scheduler=False, by_epoch=False,
            meta=dict(train_seconds=spent))
        if is_main_process():  # complete or absent, never truncated
            replace_durably(osp.join(runner.work_dir, name + '.tmp'),
                            osp.join(runner.work_dir, name))
        print_log(f'TrainBudgetHook: {spent:.0f}s, saved '
                  f'{osp.join(runner.work_dir, name)}', logger='current')
        self._not_counted += time.perf_counter() - t0

    def after_train_iter(self, runner, batch_idx, data_batch=None,
                         outputs=None) -> None:
        spent = self._agreed(self.spent())
        runner.message_hub.update_info('train_seconds', spent)
        while self.save_at and spent >= self.save_at[0]:
            self._save(runner, self.checkpoint_name(self.save_at.pop(0)),
                       spent)
        if spent >= self.seconds and not self.exhausted:
            print_log(f'TrainBudgetHook: {spent:.0f}s >= budget '
                      f'{self.seconds:.0f}s, stopping after iter '
                      f'{runner.iter + 1}', logger='current')
            self.exhausted = True
            runner.train_loop.stop_training = True
        elif self.save_at and runner.iter + 1 >= getattr(
                runner, 'max_iters', float('inf')):
            print_log(f'TrainBudgetHook: the schedule ends at {spent:.0f}s, '
                      f'before the marks {self.save_at}; its last iteration '
                      f'goes to {self.SCHEDULE_END}', logger='current')
            self.save_at = []
            self._save(runner, self.SCHEDULE_END, spent)

import time

from mmengine.hooks import Hook
from mmengine.logging import print_log

from mmssl.registry import HOOKS


@HOOKS.register_module()
class TrainBudgetHook(Hook):
    """Stop training once ``seconds`` of wall-clock training time are spent.

    Used to compare methods at equal cost. The loop stops at the next epoch
    boundary for epoch-based loops (checked after each iteration, so it
    overshoots by at most one epoch) and at once for iteration-based loops;
    the last checkpoint is saved as usual.
    """
    priority = 'VERY_HIGH'

    def __init__(self, seconds: float) -> None:
        if seconds <= 0:
            raise ValueError(f'TrainBudgetHook: seconds must be > 0, got '
                             f'{seconds}')
        self.seconds = seconds
        self._start = None

    def before_train(self, runner) -> None:
        self._start = time.perf_counter()

    def after_train_iter(self, runner, batch_idx, data_batch=None,
                         outputs=None) -> None:
        spent = time.perf_counter() - self._start
        runner.message_hub.update_info('train_seconds', spent)
        if spent >= self.seconds and not runner.train_loop.stop_training:
            print_log(f'TrainBudgetHook: {spent:.0f}s >= budget '
                      f'{self.seconds:.0f}s, stopping at iter {runner.iter + 1}',
                      logger='current')
            runner.train_loop.stop_training = True

import torch
from mmengine.hooks import Hook

from mmssl.models.utils import gather_no_grad, get_rank_and_world
from mmssl.registry import HOOKS
from .utils import unwrap_model


@HOOKS.register_module()
class ShardedClassifierCheckpointHook(Hook):
    """Checkpoints hold the *whole* sharded classifier and its optimizer
    state; loading slices out this rank's rows.

    MMEngine saves checkpoints on rank 0 only, so at every epoch end (and
    every ``iter_interval`` iterations for iteration-based checkpoints) all
    ranks gather the shard and rank 0 puts the full tensors in the next
    checkpoint. A checkpoint so written resumes under any number of ranks and
    loads as an ordinary ``N``-row classifier in one process.

    Args:
        key: the sharded parameter's name in the model's state dict.
        iter_interval: also gather every this many iterations (set it to the
            ``CheckpointHook`` interval when that one is iteration-based).
    """
    priority = 'HIGH'  # before CheckpointHook (VERY_LOW)

    def __init__(self, key: str = 'head.weight', iter_interval: int = 0):
        self.key = key
        self.iter_interval = iter_interval
        self._full = None

    def _param(self, runner):
        return unwrap_model(runner.model).get_parameter(self.key)

    def _param_index(self, runner):
        param = self._param(runner)
        params = [p for g in runner.optim_wrapper.optimizer.param_groups
                  for p in g['params']]
        for i, p in enumerate(params):
            if p is param:
                return i
        return None

    @torch.no_grad()
    def _gather(self, runner) -> None:
        _, world = get_rank_and_world()
        if world == 1:
            return
        param = self._param(runner)
        full = dict(weight=gather_no_grad(param.detach()).cpu(), state={},
                    index=self._param_index(runner))
        opt_state = runner.optim_wrapper.optimizer.state.get(param, {})
        for name, value in sorted(opt_state.items()):
            if torch.is_tensor(value) and value.shape == param.shape:
                full['state'][name] = gather_no_grad(value).cpu()
        self._full = full

    def after_train_epoch(self, runner) -> None:
        self._gather(runner)

    def after_train_iter(self, runner, batch_idx, data_batch=None,
                         outputs=None) -> None:
        if self.iter_interval and (
                self.every_n_train_iters(runner, self.iter_interval)
                or self.is_last_train_iter(runner)):
            self._gather(runner)

    def before_save_checkpoint(self, runner, checkpoint: dict) -> None:
        if self._full is None:
            return
        checkpoint['state_dict'][self.key] = self._full['weight']
        idx = self._full['index']
        if idx is not None and 'optimizer' in checkpoint:
            # a new dict: the optimizer's state_dict() shares its live one
            states = checkpoint['optimizer']['state']
            states[idx] = dict(states.get(idx, {}), **self._full['state'])

    def after_load_checkpoint(self, runner, checkpoint: dict) -> None:
        head = unwrap_model(runner.model).head
        full = checkpoint['state_dict'].get(self.key)
        if full is None:
            raise KeyError(f'checkpoint has no {self.key}: it was not '
                           'written by an instance-classifier run')
        if full.shape[0] != head.num_classes:
            raise ValueError(
                f'checkpoint {self.key} has {full.shape[0]} rows, the '
                f'classifier {head.num_classes} classes')
        rows = slice(head.start, head.end)
        checkpoint['state_dict'][self.key] = full[rows].clone()
        idx = self._param_index(runner) if hasattr(
            runner.optim_wrapper, 'optimizer') else None
        opt = checkpoint.get('optimizer', {}).get('state', {})
        if idx is not None and idx in opt:
            for name, value in opt[idx].items():
                if torch.is_tensor(value) and value.shape[0] == full.shape[0]:
                    opt[idx][name] = value[rows].clone()

import math
from typing import Optional

import torch
from mmengine.hooks import Hook

from mmssl.registry import HOOKS
from .utils import unwrap_model


class NonFiniteError(RuntimeError):
    """Training produced a NaN or an infinity."""


def first_non_finite(named_tensors) -> Optional[str]:
    """Name of the first floating tensor holding a NaN or inf, or None."""
    for name, t in named_tensors:
        if torch.is_tensor(t) and t.is_floating_point() and \
                not torch.isfinite(t).all():
            return name
    return None


@HOOKS.register_module()
class NonFiniteCheckHook(Hook):
    """Stop training at the first non-finite value, naming it, and never let
    a non-finite checkpoint be written.

    * every iteration: each logged loss term (``loss``, ``loss_tcr`` ...);
    * every ``interval`` iterations, and before every checkpoint: every
      parameter and buffer of the model (a bounded loss can hide weights
      that have blown up, or a BN running variance that is inf).

    The error names the iteration and the loss term or tensor. Raising in
    ``before_save_checkpoint`` aborts that save, so the last checkpoint on
    disk stays the last finite one.
    """
    priority = 'ABOVE_NORMAL'  # before the checkpoint and logger hooks

    def __init__(self, interval: int = 50) -> None:
        self.interval = interval

    def after_train_iter(self, runner, batch_idx, data_batch=None,
                         outputs=None) -> None:
        for key, value in (outputs or {}).items():
            v = float(value.detach()) if torch.is_tensor(value) else value
            if isinstance(v, float) and not math.isfinite(v):
                raise NonFiniteError(
                    f'iteration {runner.iter + 1}: loss term {key!r} is {v} '
                    '(lower the learning rate, check the data, or resume '
                    'from the last checkpoint)')
        if self.every_n_train_iters(runner, self.interval):
            self._check_model(runner, f'iteration {runner.iter + 1}')

    def _check_model(self, runner, when: str) -> None:
        model = unwrap_model(runner.model)
        name = first_non_finite(model.state_dict().items())
        if name is not None:
            raise NonFiniteError(f'{when}: model tensor {name!r} holds NaN '
                                 'or inf')

    def before_save_checkpoint(self, runner, checkpoint: dict) -> None:
        name = first_non_finite(checkpoint.get('state_dict', {}).items())
        if name is not None:
            raise NonFiniteError(
                f'iteration {runner.iter}: refusing to save a checkpoint '
                f'whose {name!r} holds NaN or inf')

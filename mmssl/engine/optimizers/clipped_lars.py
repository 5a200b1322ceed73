"""LARS with a clipped trust ratio over SGD, the optimiser of EMP-SSL's
official code (solo-learn's ``LARSWrapper(eta, clip=True,
exclude_bias_n_norm=True)`` around ``SGD(momentum, nesterov, weight_decay)``).
"""
from typing import Iterable

import torch
from torch.optim import Optimizer

from mmssl.registry import OPTIMIZERS


@OPTIMIZERS.register_module()
class ClippedLARS(Optimizer):
    r"""SGD (momentum, optional Nesterov) on a LARS-scaled gradient.

    For every adapted tensor :math:`w` with gradient :math:`g` and weight
    decay :math:`\lambda`:

    .. math::
        t = \frac{\eta \|w\|}{\|g\| + \lambda \|w\| + \epsilon}, \qquad
        d = (g + \lambda w) \cdot \begin{cases}
            \min(t / lr, 1) & \text{clip} \\ t & \text{no clip}
        \end{cases}

    then :math:`v \leftarrow \mu v + d` (:math:`v = d` at the first step),
    :math:`d \leftarrow d + \mu v` with Nesterov or :math:`d \leftarrow v`
    without, and :math:`w \leftarrow w - lr\, d`. With ``clip`` the
    effective step size is :math:`\min(t, lr)`; mmpretrain's ``LARS`` steps
    :math:`lr \cdot t` instead.

    A tensor is *not adapted* when it is 1-D and ``exclude_bias_and_norm``
    is set (biases and norm scales, as the official wrapper tests
    ``p.ndim != 1``), or when its group has ``lars_exclude=True`` (mmpretrain's
    paramwise key). Non-adapted tensors get plain momentum SGD on :math:`g`
    **without weight decay**, as in the official wrapper, which zeroes the
    group's decay during the inner step. A tensor or gradient of norm zero is
    stepped on :math:`g` alone, also as the official.

    Args:
        lr (float): learning rate.
        momentum (float): Defaults to 0.9.
        weight_decay (float): :math:`\lambda`. Defaults to 0.
        nesterov (bool): Defaults to False.
        eta (float): trust coefficient :math:`\eta`. Defaults to 1e-3.
        clip (bool): clip the trust ratio at ``lr``. Defaults to True.
        eps (float): :math:`\epsilon`. Defaults to 1e-8.
        exclude_bias_and_norm (bool): Defaults to True.
    """

    def __init__(self, params: Iterable, lr: float, momentum: float = 0.9,
                 weight_decay: float = 0., nesterov: bool = False,
                 eta: float = 1e-3, clip: bool = True, eps: float = 1e-8,
                 exclude_bias_and_norm: bool = True) -> None:
        if lr <= 0:
            raise ValueError(f'ClippedLARS: lr must be positive, got {lr}')
        if eta <= 0:
            raise ValueError(f'ClippedLARS: eta must be positive, got {eta}')
        defaults = dict(lr=lr, momentum=momentum, weight_decay=weight_decay,
                        nesterov=nesterov, eta=eta, clip=clip, eps=eps,
                        exclude_bias_and_norm=exclude_bias_and_norm)
        super().__init__(params, defaults)

    def _adapted(self, p: torch.Tensor, group: dict) -> bool:
        if group.get('lars_exclude', False):
            return False
        return not (group['exclude_bias_and_norm'] and p.ndim == 1)

    @torch.no_grad()
    def step(self, closure=None):
        loss = None
        if closure is not None:
            with torch.enable_grad():
                loss = closure()
        for group in self.param_groups:
            lr, wd, mu = group['lr'], group['weight_decay'], group['momentum']
            for p in group['params']:
                if p.grad is None:
                    continue
                d = p.grad
                if self._adapted(p, group):
                    w_norm, g_norm = torch.norm(p), torch.norm(p.grad)
                    if w_norm != 0 and g_norm != 0:
                        trust = group['eta'] * w_norm / (
                            g_norm + wd * w_norm + group['eps'])
                        scale = torch.clamp(trust / lr, max=1.) \
                            if group['clip'] else trust
                        d = (p.grad + wd * p) * scale
                if mu != 0:
                    state = self.state[p]
                    if 'momentum_buffer' not in state:
                        buf = state['momentum_buffer'] = d.clone()
                    else:
                        buf = state['momentum_buffer'].mul_(mu).add_(d)
                    d = d.add(buf, alpha=mu) if group['nesterov'] else buf
                p.add_(d, alpha=-lr)
        return loss

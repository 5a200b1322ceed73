"""Make MMEngine 0.10.7 checkpoints load under
``torch.load(weights_only=True)``.

torch >= 2.6 unpickles checkpoints with ``weights_only=True``, which accepts
tensors and plain containers only. MMEngine stores its ``MessageHub`` (loss
histories as :class:`~mmengine.logging.HistoryBuffer` holding numpy arrays) in
``meta``, so ``--resume`` fails. We keep the safety on and instead

1. make ``HistoryBuffer`` pickle as plain data: upstream ``__getstate__`` adds
   its class-level table of statistics *functions*, which unpickles through
   ``getattr`` -- a gadget that must never be allow-listed. The table is
   rebuilt from the class on load, so dropping it loses nothing;
2. allow-list exactly the data types such a checkpoint contains.
"""
import codecs

import numpy as np
import torch
from mmengine.logging import HistoryBuffer

_PATCHED = False


def _history_buffer_getstate(self) -> dict:
    state = dict(self.__dict__)
    state.pop('statistics_methods', None)
    return state


def _history_buffer_setstate(self, state: dict) -> None:
    # upstream installs a checkpoint's `statistics_methods` into the
    # class-wide table: ignore it, keep the class's own functions
    state = {k: v for k, v in state.items() if k != 'statistics_methods'}
    self._set_default_statistics()
    self.__dict__.update(state)


def _numpy_safe_globals() -> list:
    from numpy.core.multiarray import _reconstruct, scalar
    dtype_classes = {type(np.dtype(t)) for t in np.sctypeDict.values()}
    return [_reconstruct, scalar, np.ndarray, np.dtype, *dtype_classes]


def checkpoint_safe_globals() -> list:
    """The types allow-listed for ``weights_only`` loading."""
    return [HistoryBuffer, codecs.encode, *_numpy_safe_globals()]


def enable_safe_checkpoint_loading() -> None:
    """Patch ``HistoryBuffer`` pickling and allow-list checkpoint data types.

    Idempotent; called by :func:`mmssl.utils.register_all_modules`.
    """
    global _PATCHED
    if _PATCHED:
        return
    HistoryBuffer.__getstate__ = _history_buffer_getstate
    HistoryBuffer.__setstate__ = _history_buffer_setstate
    torch.serialization.add_safe_globals(checkpoint_safe_globals())
    _PATCHED = True

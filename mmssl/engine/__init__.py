from .hooks import *  # noqa: F401,F403
from .loops import RNGStateHook, ResumableEpochBasedTrainLoop
from .optimizers import ClippedLARS
from .runner import SyncBNAwareRunner, build_runner, count_sync_bn

__all__ = [
    'ClippedLARS', 'SyncBNAwareRunner', 'build_runner', 'count_sync_bn',
    'RNGStateHook', 'ResumableEpochBasedTrainLoop'
]

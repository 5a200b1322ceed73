from .hooks import *  # noqa: F401,F403
from .runner import SyncBNAwareRunner, build_runner, count_sync_bn

__all__ = ['SyncBNAwareRunner', 'build_runner', 'count_sync_bn']

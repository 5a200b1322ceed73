from .hooks import *  # noqa: F401,F403
from .runner import SyncBNAwareRunner, count_sync_bn

__all__ = ['SyncBNAwareRunner', 'count_sync_bn']

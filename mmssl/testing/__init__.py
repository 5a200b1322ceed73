"""Helpers for tests of mmssl and of code built on it."""
from .dist import run_distributed
from .runners import toy_runner

__all__ = ['run_distributed', 'toy_runner']

"""Helpers for tests of mmssl and of code built on it."""
from .dist import run_distributed
from .runners import BlowUpModel, reliability_runner, toy_runner

__all__ = ['BlowUpModel', 'reliability_runner', 'run_distributed',
           'toy_runner']

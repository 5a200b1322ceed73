"""Helpers for tests of mmssl and of code built on it."""
from .dist import run_distributed

__all__ = ['run_distributed']

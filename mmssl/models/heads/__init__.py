from .detcon_head import DetConHead

__all__ = ['DetConHead']

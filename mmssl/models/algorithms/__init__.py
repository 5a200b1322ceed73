from .detcon import DetConB, DetConS

__all__ = ['DetConB', 'DetConS']

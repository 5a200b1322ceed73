from .detcon import DetConB, DetConS
from .jigclu import JigClu

__all__ = ['DetConB', 'DetConS', 'JigClu']

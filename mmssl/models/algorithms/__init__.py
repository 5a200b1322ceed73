from .jigclu import JigClu
from .detcon import DetConB, DetConS

__all__ = ['JigClu', 'DetConB', 'DetConS']

from .detcon_head import DetConHead
from .jigclu_head import JigCluHead

__all__ = ['DetConHead', 'JigCluHead']

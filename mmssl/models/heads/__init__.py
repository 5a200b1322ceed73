from .jigclu_head import JigCluHead
from .detcon_head import DetConHead

__all__ = ['JigCluHead', 'DetConHead']

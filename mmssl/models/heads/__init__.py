from .detcon_head import DetConHead
from .jigclu_head import JigCluHead
from .instance_classifier_head import ShardedInstanceClassifierHead

__all__ = ['ShardedInstanceClassifierHead', 'DetConHead', 'JigCluHead']

from .detcon_head import DetConHead
from .jigclu_head import JigCluHead
from .instance_classifier_head import ShardedInstanceClassifierHead
from .empssl_head import EMPSSLHead

__all__ = [
    'EMPSSLHead', 'ShardedInstanceClassifierHead', 'DetConHead', 'JigCluHead'
]

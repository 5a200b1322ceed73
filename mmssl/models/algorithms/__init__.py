from .batch_adaptive import (BatchAdaptiveMixin, algorithm_cfg,
                             build_batch_adaptive)
from .detcon import DetConB, DetConS
from .jigclu import JigClu
from .instance_classifier import InstanceClassifier
from .empssl import EMPSSL

__all__ = [
    'BatchAdaptiveMixin', 'algorithm_cfg', 'build_batch_adaptive', 'EMPSSL',
    'InstanceClassifier', 'DetConB', 'DetConS', 'JigClu'
]

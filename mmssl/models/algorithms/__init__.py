from .detcon import DetConB, DetConS
from .jigclu import JigClu
from .instance_classifier import InstanceClassifier

__all__ = ['InstanceClassifier', 'DetConB', 'DetConS', 'JigClu']

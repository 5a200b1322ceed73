from .detcon import DetConB, DetConS
from .jigclu import JigClu
from .instance_classifier import InstanceClassifier
from .empssl import EMPSSL

__all__ = ['EMPSSL', 'InstanceClassifier', 'DetConB', 'DetConS', 'JigClu']

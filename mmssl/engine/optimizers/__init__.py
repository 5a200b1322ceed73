from .clipped_lars import ClippedLARS
from .trainable_constructor import TrainableOptimWrapperConstructor

__all__ = ['ClippedLARS', 'TrainableOptimWrapperConstructor']

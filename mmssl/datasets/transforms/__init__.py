from .detcon import LoadDetConMask, MaskedRandomResizedCrop, MultiViewWithMasks
from .jigsaw import JigsawCrops, jigsaw_boxes

__all__ = [
    'LoadDetConMask', 'MaskedRandomResizedCrop', 'MultiViewWithMasks',
    'JigsawCrops', 'jigsaw_boxes'
]

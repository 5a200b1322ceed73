from .detcon import LoadDetConMask, MaskedRandomResizedCrop, MultiViewWithMasks
from .jigsaw import JigsawCrops, jigsaw_boxes
from .loading import LoadImageFromFile, check_image_bytes, read_image

__all__ = [
    'LoadDetConMask', 'MaskedRandomResizedCrop', 'MultiViewWithMasks',
    'JigsawCrops', 'jigsaw_boxes', 'LoadImageFromFile', 'check_image_bytes',
    'read_image'
]

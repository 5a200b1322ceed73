from .detcon import LoadDetConMask, MaskedRandomResizedCrop, MultiViewWithMasks

__all__ = ['LoadDetConMask', 'MaskedRandomResizedCrop', 'MultiViewWithMasks']

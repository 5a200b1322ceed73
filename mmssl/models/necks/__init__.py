from .mask_pooling_neck import MaskPoolingNeck

__all__ = ['MaskPoolingNeck']

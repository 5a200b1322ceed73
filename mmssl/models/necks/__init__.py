from .mask_pooling_neck import MaskPoolingNeck
from .empssl_neck import EMPSSLNeck

__all__ = ['EMPSSLNeck', 'MaskPoolingNeck']

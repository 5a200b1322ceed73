from .cluster_contrastive_loss import ClusterContrastiveLoss
from .detcon_loss import DetConLoss
from .empssl_loss import EMPSSLLoss, total_coding_rate
from .sharded_cross_entropy_loss import ShardedSoftCrossEntropyLoss

__all__ = [
    'EMPSSLLoss', 'total_coding_rate', 'DetConLoss', 'ClusterContrastiveLoss',
    'ShardedSoftCrossEntropyLoss'
]

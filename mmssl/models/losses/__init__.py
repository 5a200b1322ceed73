from .cluster_contrastive_loss import ClusterContrastiveLoss
from .detcon_loss import DetConLoss

__all__ = ['DetConLoss', 'ClusterContrastiveLoss']

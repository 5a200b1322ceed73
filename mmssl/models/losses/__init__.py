from .detcon_loss import DetConLoss

__all__ = ['DetConLoss']

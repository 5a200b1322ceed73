import torch
import torch.nn.functional as F
from mmengine.model import BaseModule

from mmssl.registry import MODELS
from ..utils.dist import batch_offset, gather_no_grad, gather_with_grad


@MODELS.register_module()
class ClusterContrastiveLoss(BaseModule):
    r"""JigClu's clustering loss: supervised contrastive learning where the
    patches cut from the same image are positives (Chen et al. 2021, Eq. 2):

    .. math::
        \mathcal{L} = \frac{T}{T_{base}} \frac{1}{N} \sum_a
        \frac{-1}{|P(a)|} \sum_{p \in P(a)} \log
        \frac{\exp(z_a \cdot z_p / T)}{\sum_{k \ne a} \exp(z_a \cdot z_k / T)}

    over L2-normalised embeddings of all patches of the global batch
    (gathered with gradient across ranks; anchors are the local patches).

    Args:
        temperature (float): :math:`T`. Defaults to 0.3 (the official
            runs' ``--loss-t 0.3``).
        base_temperature (float): :math:`T_{base}`. Defaults to 0.07, the
            official ``SupCluLoss`` constant: the loss is scaled by
            ``T / 0.07`` (4.29 at ``T = 0.3``), which also sets the
            clustering : location balance. ``None`` means :math:`T`
            (scale 1, not the official objective).
        loss_weight (float): Defaults to 1.0.
    """

    def __init__(self, temperature: float = 0.3,
                 base_temperature: float = 0.07,
                 loss_weight: float = 1.0) -> None:
        super().__init__()
        self.temperature = temperature
        self.base_temperature = base_temperature or temperature
        self.loss_weight = loss_weight

    def forward(self, embeddings: torch.Tensor,
                labels: torch.Tensor) -> torch.Tensor:
        """
        Args:
            embeddings: ``(N, D)`` local patch embeddings.
            labels: ``(N, )`` global source-image index of each patch.
        """
        z = F.normalize(embeddings.float(), dim=1)
        all_z = gather_with_grad(z)
        all_labels = gather_no_grad(labels)
        logits = z @ all_z.t() / self.temperature
        self_idx = torch.arange(len(z), device=z.device) + batch_offset(
            len(z), z.device)
        is_self = F.one_hot(self_idx, len(all_z)).bool()
        logits = logits.masked_fill(is_self, torch.finfo(logits.dtype).min)
        positive = (labels[:, None] == all_labels[None]) & ~is_self
        num_pos = positive.sum(dim=1)
        if (num_pos == 0).any():
            raise ValueError('ClusterContrastiveLoss: a patch has no other '
                             'patch of its image in the batch')
        log_prob = F.log_softmax(logits, dim=1)
        loss = -(log_prob * positive).sum(dim=1) / num_pos
        scale = self.temperature / self.base_temperature
        return self.loss_weight * scale * loss.mean()

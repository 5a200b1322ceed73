import torch
import torch.nn.functional as F
from mmengine.model import BaseModule

from mmssl.registry import MODELS
from ..utils.dist import batch_offset, gather_no_grad, gather_with_grad


@MODELS.register_module()
class DetConLoss(BaseModule):
    r"""DetCon's mask-level contrastive loss (Hénaff et al. 2021, Eq. 3), with
    the semantics of the official ``byol_nce_detcon``.

    Each view draws ``K`` mask ids per image independently (with
    replacement). For an anchor ROI ``r`` of view ``a`` (image ``i``, id
    ``m``) with L2-normalised prediction ``p_r`` and L2-normalised targets
    ``t`` of both views on all ranks:

    .. math::
        \ell_r = -\sum_{s \in P(r)} \frac{1}{|P(r)|}
          \log \frac{\exp(p_r \cdot t_s / \tau)}
          {\sum_{u \in T_b} \exp(p_r \cdot t_u / \tau)
           + \sum_{u \in T_a \setminus S(r)} \exp(p_r \cdot t_u / \tau)}

    where ``P(r)`` are the ROIs of view ``b`` of the same image with id
    ``m`` (the positives; several when ``m`` was drawn more than once),
    ``T_a``, ``T_b`` all target ROIs of each view over the global batch, and
    ``S(r)`` the ROIs of view ``a`` of the same image with id ``m`` (removed
    from the denominator). Every other ROI, of any image and either view,
    is a negative. The ROI's weight is

    .. math::
        w_r = \frac{[\,|P(r)| > 0\,]}{|\{r' \in \text{view } a \text{ of
        image } i : m_{r'} = m\}|}

    (an id not drawn in the other view has no positive and weight 0 as an
    anchor but stays a negative; duplicates share one unit of weight), and

    .. math::
        L = \frac{1}{BK} \sum_{r \in a} w_r \ell_r
          + \frac{1}{BK} \sum_{r \in b} w_r \ell_r

    (the sum of the two directions' means over all ``B K`` anchors, ``B``
    the batch of this rank; DDP's gradient average gives the mean over the
    global batch).

    Args:
        temperature (float): :math:`\tau`. Defaults to 0.1.
        loss_weight (float): Defaults to 1.0.
    """

    def __init__(self, temperature: float = 0.1,
                 loss_weight: float = 1.0) -> None:
        super().__init__()
        self.temperature = temperature
        self.loss_weight = loss_weight

    def _direction(self, pred, ids_a, tgt_b, tgt_a, all_ids_b, all_ids_a,
                   image, all_image):
        """Mean weighted loss of the anchors ``pred`` (``(B*K, D)``, view a)
        against gathered targets of view b then view a."""
        same_image = image[:, None] == all_image[None]
        pos = same_image & (ids_a[:, None] == all_ids_b[None])
        own = same_image & (ids_a[:, None] == all_ids_a[None])
        logits_b = pred @ tgt_b.t() / self.temperature
        logits_a = (pred @ tgt_a.t() / self.temperature).masked_fill(
            own, float('-inf'))
        log_prob = F.log_softmax(torch.cat([logits_b, logits_a], 1), dim=1)
        num_pos = pos.sum(1)
        ce = -(log_prob[:, :pos.shape[1]] * pos).sum(1) / num_pos.clamp(min=1)
        # duplicates of this id in the anchor's own view (itself included)
        duplicates = ((image[:, None] == image[None])
                      & (ids_a[:, None] == ids_a[None])).sum(1)
        weight = (num_pos > 0).float() / duplicates
        return (weight * ce).sum() / len(ids_a)

    def forward(self, pred1, pred2, target1, target2, ids1,
                ids2) -> torch.Tensor:
        """
        Args:
            pred1, pred2: ``(B, K, D)`` anchors of each view (online
                predictions for DetCon-B, projections for DetCon-S).
            target1, target2: ``(B, K, D)`` targets of each view.
            ids1, ids2: ``(B, K)`` mask id of each ROI of each view.
        """
        B, K, D = pred1.shape
        pred1, pred2 = (F.normalize(p.reshape(B * K, D).float(), dim=1)
                        for p in (pred1, pred2))
        tgt1, tgt2 = (gather_with_grad(
            F.normalize(t.reshape(B * K, D).float(), dim=1))
            for t in (target1, target2))
        offset = batch_offset(B, pred1.device)
        image = (torch.arange(B, device=pred1.device) + offset
                 ).repeat_interleave(K)
        all_image = gather_no_grad(image)
        ids1, ids2 = ids1.reshape(-1).long(), ids2.reshape(-1).long()
        all_ids1, all_ids2 = gather_no_grad(ids1), gather_no_grad(ids2)
        loss = self._direction(pred1, ids1, tgt2, tgt1, all_ids2, all_ids1,
                               image, all_image) + \
            self._direction(pred2, ids2, tgt1, tgt2, all_ids1, all_ids2,
                            image, all_image)
        return self.loss_weight * loss

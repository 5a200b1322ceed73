import torch
import torch.nn.functional as F
from mmengine.model import BaseModule

from mmssl.registry import MODELS
from ..utils.dist import (all_reduce_sum, batch_offset, gather_no_grad,
                          gather_with_grad, get_rank_and_world)


@MODELS.register_module()
class DetConLoss(BaseModule):
    r"""DetCon's mask-level contrastive loss (Hénaff et al. 2021, Eq. 1-2).

    For an anchor :math:`v_m` (view 1, image :math:`i`, mask :math:`m`) with
    positive :math:`v'_m` (view 2, same image and mask id):

    .. math::
        \ell(v_m) = -\log \frac{\exp(v_m \cdot v'_m / \tau)}
        {\exp(v_m \cdot v'_m / \tau) + \sum_n \exp(v_m \cdot v_n / \tau)}

    with L2-normalised embeddings and :math:`\tau=0.1`; the loss is
    symmetrised over the two views. Choices that follow the official DetCon
    code:

    * negatives :math:`v_n` are all other (image, mask) targets of *both*
      views, gathered over all ranks; the anchor's own image and mask id in
      its own view is excluded (it would be a trivial positive);
    * sampling ids with replacement duplicates (image, id) pairs: the
      positive target is the mean over all duplicated positive slots (a soft
      label summing to one), and duplicated same-view copies are excluded;
    * a mask empty on the feature grid of either view has no positive (or is
      not a valid negative) and gets weight zero.

    The result is the weighted mean over the anchors of both directions on
    all ranks; on each rank the value is scaled so that the rank-average (as
    DDP averages gradients) equals the single-process loss on the global
    batch.

    Args:
        temperature (float): :math:`\tau`. Defaults to 0.1.
        loss_weight (float): Defaults to 1.0.
    """

    def __init__(self, temperature: float = 0.1,
                 loss_weight: float = 1.0) -> None:
        super().__init__()
        self.temperature = temperature
        self.loss_weight = loss_weight

    def _one_direction(self, pred, tgt_other, tgt_same, same_mask,
                       valid_pred, valid_other, valid_same):
        """Per-anchor loss and weight for anchors ``pred`` (N, D) against
        gathered targets (M, D)."""
        logits_ab = pred @ tgt_other.t() / self.temperature
        logits_aa = pred @ tgt_same.t() / self.temperature
        neg_inf = torch.finfo(logits_ab.dtype).min
        labels = (same_mask & valid_other[None]).float()
        logits_ab = logits_ab.masked_fill(~valid_other[None], neg_inf)
        logits_aa = logits_aa.masked_fill(same_mask | ~valid_same[None],
                                          neg_inf)
        num_pos = labels.sum(dim=1)
        labels = labels / num_pos.clamp(min=1)[:, None]
        log_prob = F.log_softmax(torch.cat([logits_ab, logits_aa], 1), dim=1)
        loss = -(labels * log_prob[:, :labels.shape[1]]).sum(dim=1)
        weight = (valid_pred & (num_pos > 0)).float()
        return loss, weight

    def forward(self, pred1, pred2, target1, target2, mask_ids, valid1,
                valid2) -> torch.Tensor:
        """
        Args:
            pred1, pred2: ``(B, K, D)`` anchors of each view (online
                predictions for DetCon-B, projections for DetCon-S).
            target1, target2: ``(B, K, D)`` targets of each view.
            mask_ids: ``(B, K)`` mask id of each slot (same in both views).
            valid1, valid2: ``(B, K)`` whether the mask is non-empty in the
                view.
        """
        B, K, D = pred1.shape
        _, world = get_rank_and_world()
        pred1, pred2 = (F.normalize(p.reshape(B * K, D).float(), dim=1)
                        for p in (pred1, pred2))
        tgt1, tgt2 = (gather_with_grad(
            F.normalize(t.reshape(B * K, D).float(), dim=1))
            for t in (target1, target2))

        # (global image index, mask id) identifies a mask across ranks.
        offset = batch_offset(B, pred1.device)
        image_index = torch.arange(B, device=pred1.device) + offset
        keys = torch.stack(
            [image_index[:, None].expand(B, K), mask_ids.long()], -1)
        keys = keys.reshape(B * K, 2)
        all_keys = gather_no_grad(keys)
        same = (keys[:, None, :] == all_keys[None, :, :]).all(-1)

        v1, v2 = valid1.reshape(-1), valid2.reshape(-1)
        # uint8: gloo cannot all_gather bool tensors.
        all_v1, all_v2 = (gather_no_grad(v.to(torch.uint8)).bool()
                          for v in (v1, v2))
        loss_a, w_a = self._one_direction(pred1, tgt2, tgt1, same, v1, all_v2,
                                          all_v1)
        loss_b, w_b = self._one_direction(pred2, tgt1, tgt2, same, v2, all_v1,
                                          all_v2)
        total_weight = all_reduce_sum((w_a.sum() + w_b.sum()).detach())
        loss = ((loss_a * w_a).sum() + (loss_b * w_b).sum())
        loss = loss / total_weight.clamp(min=1) * world
        return self.loss_weight * loss

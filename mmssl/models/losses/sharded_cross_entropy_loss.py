from typing import Dict

import torch
import torch.nn as nn

from mmssl.registry import MODELS
from ..utils.dist import all_reduce_max, all_reduce_sum
from ..utils.sharded import sharded_soft_cross_entropy, to_shard


@MODELS.register_module()
class ShardedSoftCrossEntropyLoss(nn.Module):
    r"""Soft-target cross-entropy over a classifier whose ``N`` classes are
    row-sharded over ranks (:mod:`mmssl.models.utils.sharded`):

    .. math::
        L = \frac{1}{B} \sum_i \Big( \log \sum_{c=1}^{N} e^{l_{ic}}
            - \sum_{c} q_{ic}\, l_{ic} \Big)

    where every rank holds the logits ``l`` of its own classes for the whole
    gathered batch and the target mass ``q_i`` sits on a few global class
    ids. The log-partition is exact (all-reduced max and sum of
    exponentials); only per-sample scalars cross ranks. Also reports
    ``instance_acc``: the fraction of samples whose true class has the
    largest logit of all ``N``.
    """

    def forward(self, local_logits: torch.Tensor, target_ids: torch.Tensor,
                target_weights: torch.Tensor, labels: torch.Tensor,
                shard_start: int, reduce: bool = True
                ) -> Dict[str, torch.Tensor]:
        """
        Args:
            local_logits: ``(B, n_local)`` logits of this rank's classes.
            target_ids: ``(B, M)`` global ids carrying target mass.
            target_weights: ``(B, M)`` their mass (rows sum to 1).
            labels: ``(B, )`` true class of each sample (for accuracy).
            shard_start: first global class id of this rank's shard.
        """
        losses = sharded_soft_cross_entropy(local_logits, target_ids,
                                            target_weights, shard_start)
        with torch.no_grad():
            n_local = local_logits.shape[1]
            local, here = to_shard(labels, shard_start, n_local)
            true_logit = all_reduce_sum(local_logits.gather(
                1, local.clamp(0, n_local - 1)[:, None])[:, 0] * here)
            others = local_logits.clone()
            others[here.nonzero()[:, 0], local[here]] = float('-inf')
            correct = true_logit >= all_reduce_max(others.max(1).values)
        return dict(loss=losses.mean() if reduce else losses,
                    instance_acc=correct.float().mean())

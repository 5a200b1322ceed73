from typing import Dict

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmengine.model import BaseModule

from mmssl.registry import MODELS
from ..utils.dist import (all_reduce_sum, gather_no_grad, gather_with_grad,
                          get_rank_and_world, scale_grad)
from ..utils.sharded import shard_bounds, sharded_topk_similar, to_shard


@MODELS.register_module()
class ShardedInstanceClassifierHead(BaseModule):
    """N-way cosine instance classifier, row-sharded over ranks (Liu et al.,
    "Train a One-Million-Way Instance Classifier", AAAI 2021): the sharded
    logits and the smoothed targets over the hardest classes; the
    cross-entropy is ``loss`` (:class:`ShardedSoftCrossEntropyLoss`).

    With L2-normalised features ``z_i`` and class weights ``w_c``,

    .. math::
        p_{ic} = \\frac{\\exp(w_c^\\top z_i / (\\|w_c\\| \\tau))}
                       {\\sum_{c'=1}^{N} \\exp(w_{c'}^\\top z_i
                        / (\\|w_{c'}\\| \\tau))},
        \\qquad L = -\\frac{1}{B} \\sum_i \\sum_c q_{ic} \\log p_{ic}

    with ``tau = 0.15``. The smoothed target is ``q_{i,y_i} = 1 - alpha`` and
    ``alpha / K`` on each of the K classes whose weights are most similar to
    ``w_{y_i}`` (the hardest classes; the true class excluded), ``alpha =
    0.2``. ``alpha = 0`` gives the one-hot cross-entropy.

    Choices the paper leaves open (our interpretation, documented here and in
    ``configs/instcls/README.md``):

    * ``hard_classes_by``: ``'weight'`` (default) ranks classes by the cosine
      between their weight and the true class's weight, ``w_{y_i} . w_c``
      (rows start as raw instance features, :class:`RawFeatureInitHook`);
      ``'feature'`` ranks them per instance by ``z_i . w_c`` (the classes
      the classifier currently confuses with this sample), true class
      excluded; only with ``refresh_interval=1``;
    * ``num_hard_classes`` K = 10 by default;
    * ``refresh_interval``: 1 (default) finds the top-K of the batch's
      classes from the current weights at every step (cost of one extra
      ``B x N/P`` product); ``n > 1`` keeps a table of every class's top-K,
      rebuilt every ``n`` iterations in chunks, never as ``N x N``.

    The features are all-gathered with gradient; rank ``r`` keeps rows
    ``shard_bounds(N, r, P)`` (``N d / P`` floats plus optimizer state) and
    computes the logits of the whole gathered batch for them.
    """

    def __init__(self, num_classes: int, in_channels: int = 128,
                 temperature: float = 0.15, smoothing: float = 0.2,
                 num_hard_classes: int = 10, refresh_interval: int = 1,
                 table_chunk: int = 4096, hard_classes_by: str = 'weight',
                 loss: dict = dict(type='ShardedSoftCrossEntropyLoss'),
                 init_cfg=None) -> None:
        super().__init__(init_cfg)
        if hard_classes_by not in ('weight', 'feature'):
            raise ValueError(f"hard_classes_by={hard_classes_by!r}, expected "
                             "'weight' or 'feature'")
        if hard_classes_by == 'feature' and refresh_interval != 1:
            raise ValueError("hard_classes_by='feature' ranks classes per "
                             'sample at every step: refresh_interval must be '
                             f'1, got {refresh_interval}')
        self.hard_classes_by = hard_classes_by
        self.loss_module = MODELS.build(loss)
        if smoothing and num_hard_classes >= num_classes:
            raise ValueError(f'num_hard_classes={num_hard_classes} must be '
                             f'smaller than num_classes={num_classes}')
        if refresh_interval < 1:
            raise ValueError('refresh_interval must be >= 1, got '
                             f'{refresh_interval}')
        rank, world = get_rank_and_world()
        self.num_classes, self.world = num_classes, world
        self.start, self.end = shard_bounds(num_classes, rank, world)
        self.temperature = temperature
        self.smoothing, self.k = smoothing, num_hard_classes
        self.refresh_interval, self.table_chunk = refresh_interval, table_chunk
        weight = torch.randn(self.end - self.start, in_channels)
        self.weight = nn.Parameter(F.normalize(weight, dim=1))
        if smoothing and refresh_interval > 1:
            self.register_buffer(
                'hard_table',
                torch.zeros(self.end - self.start, num_hard_classes,
                            dtype=torch.long), persistent=False)
        self._steps = 0

    # names DDP must neither broadcast nor all-reduce: they differ per rank
    def sharded_names(self):
        return ['weight'] + (['hard_table'] if hasattr(self, 'hard_table')
                             else [])

    def _to_shard(self, class_ids: torch.Tensor):
        return to_shard(class_ids, self.start, self.end - self.start)

    @torch.no_grad()
    def write_rows(self, class_ids: torch.Tensor, rows: torch.Tensor) -> int:
        """Write ``rows`` into the classes ``class_ids`` held here (ids of
        other shards are skipped); returns how many were written."""
        local, here = self._to_shard(class_ids.to(self.weight.device))
        self.weight[local[here]] = rows.to(self.weight)[here]
        return int(here.sum())

    @torch.no_grad()
    def _rows_of(self, class_ids: torch.Tensor) -> torch.Tensor:
        """Normalised weight rows of any classes, summed over shards."""
        out = self.weight.new_zeros(len(class_ids), self.weight.shape[1])
        local, here = self._to_shard(class_ids)
        out[here] = F.normalize(self.weight[local[here]], dim=1)
        return all_reduce_sum(out)

    @torch.no_grad()
    def hardest_classes(self, class_ids: torch.Tensor) -> torch.Tensor:
        """``(B, K)`` ids of the K classes most similar to each class."""
        return sharded_topk_similar(self._rows_of(class_ids),
                                    F.normalize(self.weight, dim=1),
                                    self.start, self.k, class_ids)

    @torch.no_grad()
    def rebuild_hard_table(self) -> None:
        device = self.weight.device
        for begin in range(0, self.num_classes, self.table_chunk):
            ids = torch.arange(begin,
                               min(begin + self.table_chunk,
                                   self.num_classes), device=device)
            hard = self.hardest_classes(ids)
            local, here = self._to_shard(ids)
            self.hard_table[local[here]] = hard[here]

    def _targets(self, labels: torch.Tensor, feats: torch.Tensor):
        if not self.smoothing:
            return labels[:, None], torch.ones_like(labels[:, None],
                                                    dtype=torch.float)
        if self.hard_classes_by == 'feature':
            with torch.no_grad():
                hard = sharded_topk_similar(feats.detach(),
                                            F.normalize(self.weight, dim=1),
                                            self.start, self.k, labels)
        elif self.refresh_interval == 1:
            hard = self.hardest_classes(labels)
        else:
            if self._steps % self.refresh_interval == 0:
                self.rebuild_hard_table()
            table = torch.zeros(len(labels), self.k, dtype=torch.long,
                                device=labels.device)
            local, here = self._to_shard(labels)
            table[here] = self.hard_table[local[here]]
            hard = all_reduce_sum(table)
        ids = torch.cat([labels[:, None], hard], dim=1)
        weights = torch.full(ids.shape, self.smoothing / self.k,
                             device=labels.device)
        weights[:, 0] = 1 - self.smoothing
        return ids, weights

    def loss(self, feats: torch.Tensor, labels: torch.Tensor,
             reduce: bool = True) -> Dict[str, torch.Tensor]:
        """
        Args:
            feats: ``(b, d)`` L2-normalised features of this rank's images.
            labels: ``(b, )`` their instance ids (global class ids).
        """
        if labels.min() < 0 or labels.max() >= self.num_classes:
            raise ValueError(
                f'instance id {int(labels.max())} outside the classifier\'s '
                f'{self.num_classes} classes: num_classes must equal the '
                'dataset length')
        z = gather_with_grad(feats)
        labels = gather_no_grad(labels)
        weight = scale_grad(self.weight, 1.0 / self.world)
        logits = z @ F.normalize(weight, dim=1).t() / self.temperature
        ids, weights = self._targets(labels, z)
        self._steps += 1
        return self.loss_module(logits, ids, weights, labels, self.start,
                                reduce)

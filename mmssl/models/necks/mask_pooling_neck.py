from typing import Tuple

import torch
from mmengine.model import BaseModule

from mmssl.registry import MODELS
from ..utils.mask_pool import mask_pool


@MODELS.register_module()
class MaskPoolingNeck(BaseModule):
    """Pool the last feature map inside each selected mask, then project.

    Args:
        projector (dict): an MLP neck applied to the ``(B*K, C)`` pooled
            vectors, e.g. mmpretrain's ``NonLinearNeck`` with
            ``with_avg_pool=False``.
    """

    def __init__(self, projector: dict, init_cfg=None) -> None:
        super().__init__(init_cfg)
        self.projector = MODELS.build(projector)

    def forward(self, feats: Tuple[torch.Tensor], masks: torch.Tensor,
                mask_ids: torch.Tensor, weights: torch.Tensor = None):
        """Returns ``(B, K, D)`` projections, the ``(B, K)`` validity of
        each mask (non-empty on the feature grid) and the mask weights on the
        grid (pass them back in to skip recomputing them for the same masks,
        ids and grid)."""
        pooled, valid, weights = mask_pool(feats[-1], masks, mask_ids,
                                           weights)
        B, K, C = pooled.shape
        proj = self.projector((pooled.reshape(B * K, C), ))[0]
        return proj.reshape(B, K, -1), valid, weights

from typing import Optional, Tuple

import torch
from mmengine.model import BaseModule

from mmssl.registry import MODELS
from ..utils.mask_pool import POOLINGS, pool, select_and_pool


@MODELS.register_module()
class MaskPoolingNeck(BaseModule):
    """Sample mask ids of one view on the last feature map's grid, pool the
    features inside each, then project (DetCon).

    Args:
        projector (dict): an MLP neck applied to the ``(B*K, C)`` pooled
            vectors, e.g. mmpretrain's ``NonLinearNeck`` with
            ``with_avg_pool=False``.
        pooling (str): ``'hard'`` (official DetCon-B: each feature cell
            belongs to the id covering most of it) or ``'soft'`` (each cell
            weighted by the fraction a mask covers). Defaults to ``'hard'``.
    """

    def __init__(self, projector: dict, pooling: str = 'hard',
                 init_cfg=None) -> None:
        super().__init__(init_cfg)
        if pooling not in POOLINGS:
            raise ValueError(f'MaskPoolingNeck: pooling={pooling!r}, '
                             f'expected one of {POOLINGS}')
        self.projector = MODELS.build(projector)
        self.pooling = pooling

    def forward(self, feats: Tuple[torch.Tensor], masks: torch.Tensor,
                num_masks: int = 16,
                selection: Optional[Tuple[torch.Tensor, torch.Tensor]] = None):
        """
        Args:
            feats: backbone outputs; the last ``(B, C, h, w)`` map is pooled.
            masks: ``(B, H, W)`` id maps of this view.
            num_masks: ids drawn per image.
            selection: ``(ids, weights)`` of an earlier call on the same
                view (the target network reuses the online network's draw).

        Returns:
            ``(B, K, D)`` projections and the ``(ids, weights)`` used.
        """
        x = feats[-1]
        if selection is None:
            pooled, ids, weights = select_and_pool(x, masks, num_masks,
                                                   self.pooling)
        else:
            ids, weights = selection
            pooled = pool(x, weights)
        B, K, C = pooled.shape
        proj = self.projector((pooled.reshape(B * K, C), ))[0]
        return proj.reshape(B, K, -1), (ids, weights)

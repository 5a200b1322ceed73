from typing import Dict, List

import torch
import torch.nn as nn
from mmpretrain.models.selfsup import BaseSelfSupervisor
from mmpretrain.models.utils import CosineEMA
from mmpretrain.structures import DataSample

from mmssl.registry import MODELS
from ..utils import build_module
from ..utils.mask_pool import sample_mask_ids


class _MaskEncoder(nn.Module):
    """backbone -> mask-pooling neck, as one module for the EMA target."""

    def __init__(self, backbone: nn.Module, neck: nn.Module) -> None:
        super().__init__()
        self.backbone = backbone
        self.neck = neck

    def forward(self, img, masks, mask_ids, weights=None):
        return self.neck(self.backbone(img), masks, mask_ids, weights)


def _view_masks(data_samples: List[DataSample], device) -> torch.Tensor:
    if any('view_masks' not in ds for ds in data_samples):
        raise KeyError('DetCon needs per-view masks in the data samples: '
                       "use MultiViewWithMasks and PackInputs(algorithm_keys="
                       "['view_masks']) in the pipeline")
    return torch.stack([ds.view_masks for ds in data_samples]).to(device)


@MODELS.register_module()
class DetConS(BaseSelfSupervisor):
    """DetCon-S: SimCLR-style contrastive detection (Hénaff et al. 2021).

    Both views go through one network; ``num_masks`` mask ids are sampled per
    image and shared by the two views.
    """

    def __init__(self, backbone: dict, neck: dict, head: dict,
                 num_masks: int = 16, **kwargs) -> None:
        # built here so that mmssl modules resolve under any default scope
        super().__init__(backbone=build_module(backbone),
                         neck=build_module(neck), head=build_module(head),
                         **kwargs)
        self.num_masks = num_masks

    def _encode_views(self, net, inputs, masks, mask_ids, weights=None):
        weights = weights or [None] * len(inputs)
        return [
            net(img, masks[:, v], mask_ids, weights[v])
            for v, img in enumerate(inputs)
        ]

    def loss(self, inputs: List[torch.Tensor], data_samples: List[DataSample],
             **kwargs) -> Dict[str, torch.Tensor]:
        masks = _view_masks(data_samples, inputs[0].device)
        mask_ids = sample_mask_ids(masks, self.num_masks)
        (p1, v1, _), (p2, v2, _) = self._encode_views(
            _MaskEncoder(self.backbone, self.neck), inputs, masks, mask_ids)
        return dict(loss=self.head.loss(p1, p2, p1, p2, mask_ids, v1, v2))


@MODELS.register_module()
class DetConB(DetConS):
    """DetCon-B: BYOL-style contrastive detection (Hénaff et al. 2021).

    The target network is an EMA of backbone + projector whose momentum goes
    from ``1 - base_momentum`` (0.996) to 1 on a cosine schedule over training.
    """

    def __init__(self, backbone: dict, neck: dict, head: dict,
                 num_masks: int = 16, base_momentum: float = 0.004,
                 **kwargs) -> None:
        super().__init__(backbone, neck, head, num_masks, **kwargs)
        self.target_net = CosineEMA(
            _MaskEncoder(self.backbone, self.neck), momentum=base_momentum)

    def loss(self, inputs: List[torch.Tensor], data_samples: List[DataSample],
             **kwargs) -> Dict[str, torch.Tensor]:
        masks = _view_masks(data_samples, inputs[0].device)
        mask_ids = sample_mask_ids(masks, self.num_masks)
        online = _MaskEncoder(self.backbone, self.neck)
        (p1, v1, w1), (p2, v2, w2) = self._encode_views(
            online, inputs, masks, mask_ids)
        with torch.no_grad():
            self.target_net.update_parameters(online)
            # same masks, ids and grid: reuse the online mask weights
            (t1, _, _), (t2, _, _) = self._encode_views(
                self.target_net, inputs, masks, mask_ids, [w1, w2])
        return dict(loss=self.head.loss(p1, p2, t1, t2, mask_ids, v1, v2))

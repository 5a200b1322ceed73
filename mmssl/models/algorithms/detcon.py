from typing import Dict, List

import torch
import torch.nn as nn
from mmpretrain.models.selfsup import BaseSelfSupervisor
from mmpretrain.models.utils import CosineEMA
from mmpretrain.structures import DataSample

from mmssl.registry import MODELS
from ..utils import build_module


class _MaskEncoder(nn.Module):
    """backbone -> mask-pooling neck, as one module for the EMA target."""

    def __init__(self, backbone: nn.Module, neck: nn.Module) -> None:
        super().__init__()
        self.backbone = backbone
        self.neck = neck

    def forward(self, img, masks, num_masks, selection=None):
        return self.neck(self.backbone(img), masks, num_masks, selection)


def _view_masks(data_samples: List[DataSample], device) -> torch.Tensor:
    if any('view_masks' not in ds for ds in data_samples):
        raise KeyError('DetCon needs per-view masks in the data samples: '
                       "use MultiViewWithMasks and PackInputs(algorithm_keys="
                       "['view_masks']) in the pipeline")
    return torch.stack([ds.view_masks for ds in data_samples]).to(device)


@MODELS.register_module()
class DetConS(BaseSelfSupervisor):
    """DetCon-S: SimCLR-style contrastive detection (Hénaff et al. 2021).

    Both views go through one network; each view draws its own
    ``num_masks`` ids per image (the official DetCon-B sampling, see
    :mod:`mmssl.models.utils.mask_pool`).
    """

    def __init__(self, backbone: dict, neck: dict, head: dict,
                 num_masks: int = 16, **kwargs) -> None:
        # built here so that mmssl modules resolve under any default scope
        super().__init__(backbone=build_module(backbone),
                         neck=build_module(neck), head=build_module(head),
                         **kwargs)
        self.num_masks = num_masks

    def _encode_views(self, net, inputs, masks, selections=None):
        selections = selections or [None] * len(inputs)
        return [
            net(img, masks[:, v], self.num_masks, selections[v])
            for v, img in enumerate(inputs)
        ]

    def loss(self, inputs: List[torch.Tensor], data_samples: List[DataSample],
             **kwargs) -> Dict[str, torch.Tensor]:
        masks = _view_masks(data_samples, inputs[0].device)
        (p1, (ids1, _)), (p2, (ids2, _)) = self._encode_views(
            _MaskEncoder(self.backbone, self.neck), inputs, masks)
        return dict(loss=self.head.loss(p1, p2, p1, p2, ids1, ids2))


@MODELS.register_module()
class DetConB(DetConS):
    """DetCon-B: BYOL-style contrastive detection (Hénaff et al. 2021).

    The target network is an EMA of backbone + projector whose momentum goes
    from ``1 - base_momentum`` (0.996) to 1 on a cosine schedule over training.
    It pools the same ids with the same weights as the online network (the
    official code draws them with the same random key).
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
        online = _MaskEncoder(self.backbone, self.neck)
        (p1, sel1), (p2, sel2) = self._encode_views(online, inputs, masks)
        with torch.no_grad():
            self.target_net.update_parameters(online)
            (t1, _), (t2, _) = self._encode_views(self.target_net, inputs,
                                                  masks, [sel1, sel2])
        return dict(loss=self.head.loss(p1, p2, t1, t2, sel1[0], sel2[0]))

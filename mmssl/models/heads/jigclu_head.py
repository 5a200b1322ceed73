from typing import Dict

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmengine.model import BaseModule

from mmssl.registry import MODELS


@MODELS.register_module()
class JigCluHead(BaseModule):
    """JigClu's two heads on the per-patch features of the montages.

    * clustering: MLP ``in -> hid -> out`` (ReLU between, MoCo v2 style),
      L2-normalised, trained with :class:`ClusterContrastiveLoss` (patches
      of one image are positives);
    * location: ``Linear(in, grid**2)`` predicting each patch's cell in its
      source image, with cross-entropy.

    The total is ``cluster + location_weight * location``.
    """

    def __init__(self, in_channels: int = 2048, hid_channels: int = 2048,
                 out_channels: int = 128, grid: int = 2,
                 cluster_loss: dict = dict(type='ClusterContrastiveLoss'),
                 location_weight: float = 1.0, init_cfg=None) -> None:
        super().__init__(init_cfg)
        self.cluster_mlp = nn.Sequential(
            nn.Linear(in_channels, hid_channels), nn.ReLU(inplace=True),
            nn.Linear(hid_channels, out_channels))
        self.location_fc = nn.Linear(in_channels, grid * grid)
        self.cluster_loss = MODELS.build(cluster_loss)
        self.location_weight = location_weight

    def loss(self, feats: torch.Tensor, source_image: torch.Tensor,
             source_cell: torch.Tensor) -> Dict[str, torch.Tensor]:
        """
        Args:
            feats: ``(N, C)`` one vector per montage cell.
            source_image: ``(N, )`` global index of the patch's image.
            source_cell: ``(N, )`` the patch's cell in its image.
        """
        z = F.normalize(self.cluster_mlp(feats), dim=1)
        logits = self.location_fc(feats)
        loss_location = F.cross_entropy(logits, source_cell)
        accuracy = (logits.argmax(1) == source_cell).float().mean()
        return dict(loss_cluster=self.cluster_loss(z, source_image),
                    loss_location=self.location_weight * loss_location,
                    location_acc=accuracy.detach())

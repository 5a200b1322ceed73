from collections import OrderedDict
from typing import Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F
from mmengine.model import BaseModule

from mmssl.registry import MODELS


@MODELS.register_module()
class EMPSSLNeck(BaseModule):
    """EMP-SSL projector: GAP -> Linear(in, hid)-BN-ReLU (``h``, the
    evaluation feature) -> Linear(hid, hid)-BN-ReLU-Linear(hid, out) -> L2
    normalise (``z``). Returns ``(h, z)``."""

    def __init__(self, in_channels: int = 512, hid_channels: int = 4096,
                 out_channels: int = 1024, init_cfg=None) -> None:
        super().__init__(init_cfg)
        # named 'bn' so optimizer custom keys can exclude them from LARS
        self.pre_feature = nn.Sequential(OrderedDict(
            fc=nn.Linear(in_channels, hid_channels),
            bn=nn.BatchNorm1d(hid_channels), relu=nn.ReLU(inplace=True)))
        self.projection = nn.Sequential(OrderedDict(
            fc1=nn.Linear(hid_channels, hid_channels),
            bn1=nn.BatchNorm1d(hid_channels), relu1=nn.ReLU(inplace=True),
            fc2=nn.Linear(hid_channels, out_channels)))

    def forward(self, feats) -> Tuple[torch.Tensor, torch.Tensor]:
        x = feats[-1] if isinstance(feats, (tuple, list)) else feats
        h = self.pre_feature(x.mean(dim=(2, 3)) if x.dim() == 4 else x)
        return h, F.normalize(self.projection(h), dim=1)

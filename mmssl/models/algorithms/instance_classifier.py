from typing import Dict, List

import torch
import torch.nn.functional as F
from mmpretrain.models.selfsup import BaseSelfSupervisor
from mmpretrain.structures import DataSample

from mmssl.datasets.instance_dataset import instance_ids
from mmssl.registry import MODELS
from ..utils import build_module


@MODELS.register_module()
class InstanceClassifier(BaseSelfSupervisor):
    """Parametric instance classification with a classifier sharded over
    ranks (Liu et al., AAAI 2021): backbone -> MLP neck -> L2-normalised
    embedding -> :class:`ShardedInstanceClassifierHead` (one view)."""

    def __init__(self, backbone: dict, neck: dict, head: dict,
                 **kwargs) -> None:
        super().__init__(backbone=build_module(backbone),
                         neck=build_module(neck), head=build_module(head),
                         **kwargs)
        # read by DistributedDataParallel: the shard differs on every rank
        self._ddp_params_and_buffers_to_ignore = [
            f'head.{name}' for name in self.head.sharded_names()
        ]

    @staticmethod
    def first_view(inputs) -> torch.Tensor:
        """The image batch, from a list of views or a plain batch."""
        return inputs[0] if isinstance(inputs, (list, tuple)) else inputs

    def embed(self, img: torch.Tensor) -> torch.Tensor:
        return F.normalize(self.neck(self.backbone(img))[0], dim=1)

    def loss(self, inputs: List[torch.Tensor], data_samples: List[DataSample],
             **kwargs) -> Dict[str, torch.Tensor]:
        img = self.first_view(inputs)
        labels = instance_ids(data_samples, img.device)
        return self.head.loss(self.embed(img), labels)

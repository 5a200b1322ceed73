from typing import Dict, List, Optional

import torch
from mmpretrain.models.selfsup import BaseSelfSupervisor
from mmpretrain.structures import DataSample
from torch.utils.checkpoint import checkpoint

from mmssl.registry import MODELS
from ..utils import build_module


@MODELS.register_module()
class EMPSSL(BaseSelfSupervisor):
    """EMP-SSL (Tong, Chen, Ma, LeCun 2023): ``n`` patches per image (the
    views of ``MultiView``) go through one network; no EMA, predictor or
    stop-gradient.

    Args:
        micro_batch: embed the ``n * B`` patches in chunks of this many, each
            under activation checkpointing, so that only the chunk being
            (re)computed holds activations; the loss and its gradient are
            those of one big batch, except that training-mode BatchNorm
            normalises each chunk with the chunk's statistics (use a multiple
            of the batch size), and the recomputation updates BN running
            statistics a second time. ``None``: one pass, no recomputation.
    """

    def __init__(self, backbone: dict, neck: dict, head: dict,
                 micro_batch: Optional[int] = None, **kwargs) -> None:
        super().__init__(backbone=build_module(backbone),
                         neck=build_module(neck), head=build_module(head),
                         **kwargs)
        self.micro_batch = micro_batch

    def embed(self, patches: torch.Tensor):
        """``(h, z)``: evaluation feature and normalised projection."""
        return self.neck(self.backbone(patches))

    def _z(self, patches: torch.Tensor) -> torch.Tensor:
        if not self.micro_batch or not torch.is_grad_enabled():
            return self.embed(patches)[1]
        return torch.cat([
            checkpoint(lambda x: self.embed(x)[1], chunk, use_reentrant=False)
            for chunk in patches.split(self.micro_batch)
        ])

    def loss(self, inputs: List[torch.Tensor], data_samples: List[DataSample],
             **kwargs) -> Dict[str, torch.Tensor]:
        n, b = len(inputs), inputs[0].shape[0]
        z = self._z(torch.cat(inputs))
        return self.head.loss(z.view(n, b, -1))

from typing import Dict, List

import torch
from mmpretrain.models.selfsup import BaseSelfSupervisor
from mmpretrain.structures import DataSample

from mmssl.registry import MODELS
from ..utils import build_module
from ..utils.montage import build_montages, pool_montage_cells


@MODELS.register_module()
class JigClu(BaseSelfSupervisor):
    """Jigsaw Clustering (Chen, Liu, Jia, CVPR 2021).

    One batch is forwarded per step: the ``grid**2`` pieces of every image
    (``JigsawCrops``) are shuffled across the global batch into montages, the
    backbone sees the montages once, and each montage cell's feature must
    tell which image it came from (clustering) and where (location).
    """

    def __init__(self, backbone: dict, head: dict, grid: int = 2,
                 neck=None, **kwargs) -> None:
        super().__init__(backbone=build_module(backbone),
                         neck=build_module(neck), head=build_module(head),
                         **kwargs)
        self.grid = grid

    def loss(self, inputs: List[torch.Tensor], data_samples: List[DataSample],
             **kwargs) -> Dict[str, torch.Tensor]:
        montages, source_image, source_cell = build_montages(inputs,
                                                             self.grid)
        feats = self.backbone(montages)[-1]
        cells = pool_montage_cells(feats, self.grid)
        return self.head.loss(cells, source_image.flatten(),
                              source_cell.flatten())

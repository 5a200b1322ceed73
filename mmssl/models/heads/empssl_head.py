from typing import Dict

import torch
from mmengine.model import BaseModule

from mmssl.registry import MODELS


@MODELS.register_module()
class EMPSSLHead(BaseModule):
    """Applies the EMP-SSL objective (:class:`EMPSSLLoss`) to the patch
    embeddings ``(n_patches, n_images, dim)``."""

    def __init__(self, loss: dict = dict(type='EMPSSLLoss'),
                 init_cfg=None) -> None:
        super().__init__(init_cfg)
        self.loss_module = MODELS.build(loss)

    def loss(self, z: torch.Tensor) -> Dict[str, torch.Tensor]:
        return self.loss_module(z)

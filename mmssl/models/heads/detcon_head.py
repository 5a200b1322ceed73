from typing import Optional

import torch
from mmengine.model import BaseModule

from mmssl.registry import MODELS


@MODELS.register_module()
class DetConHead(BaseModule):
    """DetCon head: an optional predictor on the online projections (DetCon-B)
    followed by :class:`DetConLoss`.

    Args:
        loss (dict): the loss config, ``dict(type='DetConLoss', ...)``.
        predictor (dict, optional): MLP applied to the ``(B*K, D)`` online
            projections; ``None`` for DetCon-S.
    """

    def __init__(self, loss: dict, predictor: Optional[dict] = None,
                 init_cfg=None) -> None:
        super().__init__(init_cfg)
        self.loss_module = MODELS.build(loss)
        self.predictor = MODELS.build(predictor) if predictor else None

    def predict_embeddings(self, proj: torch.Tensor) -> torch.Tensor:
        if self.predictor is None:
            return proj
        B, K, D = proj.shape
        return self.predictor((proj.reshape(B * K, D), ))[0].reshape(B, K, -1)

    def loss(self, proj1, proj2, target1, target2, ids1,
             ids2) -> torch.Tensor:
        return self.loss_module(
            self.predict_embeddings(proj1), self.predict_embeddings(proj2),
            target1, target2, ids1, ids2)

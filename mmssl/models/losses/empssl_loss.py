from typing import Dict

import torch
import torch.nn as nn
import torch.nn.functional as F

from mmssl.registry import MODELS
from ..utils.dist import gather_with_grad


def total_coding_rate(z: torch.Tensor, eps: float = 0.2) -> torch.Tensor:
    """``R(Z) = 1/2 logdet(I_d + d / (b eps) Z^T Z)`` for ``z`` of shape
    ``(b, d)``, in float64 through a Cholesky factor.

    By Sylvester's identity the determinant equals that of the smaller
    ``I_b + d / (b eps) Z Z^T``; the smaller Gram matrix is factorised.
    """
    b, d = z.shape
    if not torch.isfinite(z).all():
        raise FloatingPointError(
            'total_coding_rate: the embeddings are non-finite (NaN / inf) '
            'before the coding rate; the network diverged (lower the '
            'learning rate)')
    z = z.double()
    gram = z @ z.t() if b <= d else z.t() @ z
    eye = torch.eye(gram.shape[0], dtype=gram.dtype, device=gram.device)
    chol = torch.linalg.cholesky(eye + d / (b * eps) * gram)
    return chol.diagonal().log().sum().to(torch.get_default_dtype())


@MODELS.register_module()
class EMPSSLLoss(nn.Module):
    """EMP-SSL objective (Tong et al. 2023) over ``n`` patches of ``B``
    images, ``z`` of shape ``(n, B, d)``, L2-normalised:

    .. math::
        L = -\\lambda_{inv} \\frac{1}{n} \\sum_{i=1}^{n}
            \\frac{1}{B} \\sum_{j} \\cos(z_{ij}, \\bar z_j)
            - \\lambda_{R} \\frac{1}{n} \\sum_{i=1}^{n} R(Z_i),
        \\qquad \\bar z_j = \\frac{1}{n} \\sum_i z_{ij}

    with ``R`` the total coding rate of patch chunk ``Z_i`` (the i-th patch
    of every image), ``eps = 0.2``, ``lambda_inv = 200``, ``lambda_R = 1``.
    The mean ``\\bar z`` is not detached (no stop-gradient).

    Under DDP each ``Z_i`` is all-gathered with gradient, so ``R`` is the
    coding rate of the global batch (as in one process); the invariance term
    is per image and needs no gather.
    """

    def __init__(self, eps: float = 0.2, invariance_weight: float = 200.,
                 tcr_weight: float = 1.) -> None:
        super().__init__()
        self.eps = eps
        self.invariance_weight = invariance_weight
        self.tcr_weight = tcr_weight

    def forward(self, z: torch.Tensor) -> Dict[str, torch.Tensor]:
        if z.dim() != 3:
            raise ValueError('EMPSSLLoss expects (patches, images, dim), got '
                             f'{tuple(z.shape)}')
        mean = z.mean(dim=0, keepdim=True)
        invariance = F.cosine_similarity(z, mean, dim=2).mean()
        tcr = torch.stack([
            total_coding_rate(gather_with_grad(chunk), self.eps)
            for chunk in z
        ]).mean()
        return dict(loss_invariance=-self.invariance_weight * invariance,
                    loss_tcr=-self.tcr_weight * tcr,
                    cos_to_mean=invariance.detach(), tcr=tcr.detach())

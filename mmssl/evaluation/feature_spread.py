"""How spread out a frozen backbone's features are: a check for the
(partial, dimensional) collapse that image-level self-distillation can fall
into, which a probe score alone does not show."""
import os.path as osp
from typing import Optional

import torch
import torch.nn.functional as F


def effective_rank(features: torch.Tensor) -> float:
    """Effective rank of ``features`` ``[N, D]`` (Roy & Vetterli, 2007):

    .. math::
        \\mathrm{erank}(X) = \\exp\\Big(-\\sum_i p_i \\log p_i\\Big),
        \\quad p_i = \\sigma_i / \\sum_j \\sigma_j,

    with :math:`\\sigma_i` the singular values of the column-centred
    :math:`X`. Between 1 (every sample on one line) and
    ``min(N - 1, D)`` (equal variance in every direction); invariant to the
    scale and to rotations of the feature space."""
    if features.ndim != 2 or len(features) < 2:
        raise ValueError('effective_rank: needs [N >= 2, D] features, got '
                         f'shape {tuple(features.shape)}')
    centred = features.double() - features.double().mean(0)
    sigma = torch.linalg.svdvals(centred)
    if float(sigma.sum()) == 0.:
        raise ValueError('effective_rank: every sample is identical')
    p = sigma / sigma.sum()
    p = p[p > 0]
    return float(torch.exp(-(p * p.log()).sum()))


def mean_pairwise_cosine(features: torch.Tensor) -> float:
    """Mean cosine similarity over all pairs of distinct rows."""
    unit = F.normalize(features.double(), dim=1)
    sim = unit @ unit.T
    n = len(sim)
    return float((sim.sum() - sim.diagonal().sum()) / (n * (n - 1)))


def spread_of(feature_map: torch.Tensor) -> dict:
    """Spread of a stage's output ``[N, C, H, W]``: effective rank of the
    image-level (average-pooled) features and of every spatial cell, and
    the mean cosine similarity between images."""
    pooled = feature_map.mean((2, 3))
    cells = feature_map.permute(0, 2, 3, 1).reshape(-1, feature_map.shape[1])
    return dict(image_effective_rank=effective_rank(pooled),
                cell_effective_rank=effective_rank(cells),
                mean_cosine_between_images=mean_pairwise_cosine(pooled),
                images=len(feature_map), channels=feature_map.shape[1])


def feature_spread(config: str, checkpoint: Optional[str], data_root: str,
                   ann: str = 'annotations/instances_val.json',
                   img_prefix: str = 'images', size: int = 224,
                   stage: int = 3, seed: int = 0) -> dict:
    """:func:`spread_of` the ``stage`` output (0-based; 3 = C5) of
    ``config``'s backbone with ``checkpoint`` (``None``: random init from
    ``seed``) on the images of a COCO-format set, resized to ``size``."""
    from .dense_probe import dense_features, semantic_maps
    from .features import backbone_of_config
    backbone, preprocessing = backbone_of_config(config, checkpoint, seed,
                                                 out_indices=(stage, ))
    images, _, _ = semantic_maps(osp.join(data_root, ann),
                                 osp.join(data_root, img_prefix), size)
    # the stage's own stride (C2: 4 ... C5: 32): cells are not interpolated
    feature_map = dense_features(backbone, images, preprocessing,
                                 stride=2**(stage + 2))
    return dict(spread_of(feature_map), config=config, checkpoint=checkpoint,
                data_root=data_root, size=size, stage=stage, seed=seed)

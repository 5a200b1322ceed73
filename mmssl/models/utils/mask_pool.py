import torch
import torch.nn.functional as F

from mmssl.datasets.masks import IGNORE_ID


def downsample_masks(masks: torch.Tensor, mask_ids: torch.Tensor,
                     size) -> torch.Tensor:
    """Fraction of each feature cell covered by each selected mask.

    Args:
        masks: ``(B, H, W)`` integer id maps at input resolution.
        mask_ids: ``(B, K)`` ids to select per image.
        size: ``(h, w)`` feature grid; ``H, W`` must be multiples of it.

    Returns:
        ``(B, K, h, w)`` area weights in [0, 1].
    """
    h, w = size
    H, W = masks.shape[-2:]
    if H % h or W % w:
        raise ValueError(f'mask size {(H, W)} is not a multiple of the '
                         f'feature grid {(h, w)}')
    # compare in the masks' own (uint8) dtype: no int64 copy of the masks
    binary = masks[:, None] == mask_ids.to(masks.dtype)[:, :, None, None]
    return F.avg_pool2d(binary.float(), kernel_size=(H // h, W // w))


def mask_pool(feats: torch.Tensor, masks: torch.Tensor,
              mask_ids: torch.Tensor, weights: torch.Tensor = None):
    """Mean feature of every selected mask (DetCon, Sec. 3.1).

    ``h_m = sum_ij m_ij f_ij / sum_ij m_ij`` where ``m`` is the mask
    downsampled to the feature grid by area.

    Args:
        weights: the :func:`downsample_masks` result, when already computed
            for these masks, ids and grid (e.g. by the online network, for
            the target network).

    Returns:
        tuple: ``(B, K, C)`` pooled features, a ``(B, K)`` bool tensor
        telling which masks cover at least part of the grid (an empty mask
        pools to zeros), and the ``(B, K, h, w)`` weights used.
    """
    if weights is None:
        weights = downsample_masks(masks, mask_ids, feats.shape[-2:])
    weights = weights.to(feats.dtype)
    area = weights.sum(dim=(2, 3))
    pooled = torch.einsum('bkhw,bchw->bkc', weights, feats)
    pooled = pooled / area.clamp(min=1e-6)[..., None]
    return pooled, area > 0, weights


def mask_areas(masks: torch.Tensor, num_ids: int = 256) -> torch.Tensor:
    """``(B, V, H, W)`` id maps -> ``(B, V, num_ids)`` pixel counts."""
    B, V = masks.shape[:2]
    flat = masks.reshape(B * V, -1).long()
    counts = torch.zeros(B * V, num_ids, device=masks.device)
    counts.scatter_add_(1, flat, torch.ones_like(flat, dtype=counts.dtype))
    return counts.reshape(B, V, num_ids)


def sample_mask_ids(masks: torch.Tensor, num_samples: int = 16,
                    generator: torch.Generator = None) -> torch.Tensor:
    """Sample ``num_samples`` ids per image, uniformly with replacement among
    the ids present in every view (falling back to those of the first view
    when the views share none; such masks then have no positive and get zero
    weight in the loss). :data:`IGNORE_ID` is never sampled.

    Args:
        masks: ``(B, V, H, W)`` id maps of all views of each image.

    Returns:
        ``(B, num_samples)`` long tensor of ids, shared by all views.
    """
    present = mask_areas(masks) > 0
    present[..., IGNORE_ID] = False
    in_all = present.all(dim=1)
    fallback = ~in_all.any(dim=1)
    candidates = torch.where(fallback[:, None], present[:, 0], in_all)
    if not candidates.any(dim=1).all():
        bad = (~candidates.any(dim=1)).nonzero().flatten().tolist()
        raise ValueError(f'DetCon: images {bad} of the batch have no usable '
                         'mask id (the mask is empty or all ignore)')
    return torch.multinomial(candidates.float(), num_samples,
                             replacement=True, generator=generator)

"""EMP-SSL's bag-of-patches evaluation feature (Tong et al. 2023)."""
from typing import Callable

import torch
import torch.nn.functional as F
from torchvision.ops import roi_align


def random_patch_boxes(num_images: int, num_patches: int, height: int,
                       width: int, scale: float = 0.25,
                       generator: torch.Generator = None) -> torch.Tensor:
    """``(num_images * num_patches, 5)`` roi boxes ``(img, x1, y1, x2, y2)``:
    square patches covering ``scale`` of the image area at random places."""
    side = (scale * height * width)**0.5
    side_h, side_w = min(side, height), min(side, width)
    n = num_images * num_patches
    x1 = torch.rand(n, generator=generator) * (width - side_w)
    y1 = torch.rand(n, generator=generator) * (height - side_h)
    img = torch.arange(num_images).repeat_interleave(num_patches).float()
    return torch.stack([img, x1, y1, x1 + side_w, y1 + side_h], dim=1)


@torch.no_grad()
def bag_of_patches(encode: Callable[[torch.Tensor], torch.Tensor],
                   images: torch.Tensor, num_patches: int, patch_size: int,
                   scale: float = 0.25, flip: bool = True,
                   chunk: int = 1024,
                   generator: torch.Generator = None) -> torch.Tensor:
    """Mean of ``encode(patch)`` over ``num_patches`` random patches (area
    ``scale``, bilinear resize to ``patch_size``, random flip) per image.

    ``encode`` maps ``(N, 3, p, p)`` normalised patches to ``(N, C)``.
    """
    b, _, h, w = images.shape
    boxes = random_patch_boxes(b, num_patches, h, w, scale, generator)
    patches = roi_align(images, boxes.to(images), patch_size,
                        sampling_ratio=2, aligned=True)
    if flip:
        mirrored = (torch.rand(len(patches), generator=generator) <
                    0.5).to(patches.device)
        patches[mirrored] = patches[mirrored].flip(-1)
    feats = torch.cat([encode(c) for c in patches.split(chunk)])
    return feats.view(b, num_patches, -1).mean(dim=1)


@torch.no_grad()
def whole_image(encode, images: torch.Tensor, size: int) -> torch.Tensor:
    if images.shape[-1] != size or images.shape[-2] != size:
        images = F.interpolate(images, size=(size, size), mode='bilinear',
                               align_corners=False)
    return encode(images)

"""Batch fusion of BA-SSL (Zhang, Shen, Liu, arXiv 2311.09974): a learned
augmentation in front of the backbone that lets the images of a batch
exchange information.

What comes from where (no BA-SSL code is published):

- the paper: plug-and-play in front of contrastive frameworks; batch data is
  reduced and reconstructed so that isolated samples communicate through an
  Embedding Layer; Patch Partition -> Conv Embedding -> Patch Restore; the
  number of Embedding Layers is ablated; the figure shows instance norm and
  a width of 2-4 times the batch.
- the first author's earlier public code for the same module
  (JsongZhang/US-MTD120K-Benchmarking-Test, ``CDOA/builder.py``,
  ``Basic_block`` / ``Learnable_Aug``): the block's layer order, Mish
  activations, the 1x1 shortcut and squeeze, the identity and long
  residuals, the final ReLU inside the block, the (row, column, channel)
  order of a patch vector, one block by default, width 2 (256 channels for
  128 images per GPU), the module acting on the second view only.
- our choices: the norm is configurable, instance norm with affine
  parameters by default (identical in training to that code's BatchNorm2d on
  a batch of one tensor, which normalises each channel, i.e. each image,
  over its own positions; it keeps no running statistics); non-square
  images are allowed (the patch grid is rows x columns); that code's unused
  ``PatchEmbed`` projection (parameters that never receive a gradient) is
  left out; the patch size at image sides other than 224 (4 px at 32 px,
  8 px at 128 px: README of configs/bassl).
"""
from typing import Optional

import torch
import torch.nn as nn
from mmcv.cnn import build_norm_layer

from mmssl.registry import MODELS


def _conv_norm_mish(in_channels, out_channels, kernel_size, norm_cfg):
    return nn.Sequential(
        nn.Conv2d(in_channels, out_channels, kernel_size,
                  padding=kernel_size // 2),
        build_norm_layer(norm_cfg, out_channels)[1], nn.Mish())


@MODELS.register_module()
class ConvEmbeddingBlock(nn.Module):
    r"""One Embedding Layer over a ``[1, B, N, D]`` batch tensor whose
    channels are the ``B`` images of the batch:

    .. math::
        u = f_3(f_2(f_1(x))) + S x, \qquad y = \mathrm{ReLU}(Q u + x)

    with :math:`f_1` a 1x1 conv ``B -> B``, :math:`f_2` a 3x3 conv
    ``B -> wB``, :math:`f_3` a 1x1 conv ``wB -> wB`` (each followed by norm
    and Mish), :math:`S` a 1x1 shortcut conv ``B -> wB`` and :math:`Q` a 1x1
    squeeze conv ``wB -> B``. Every output image is a learned mixture of all
    images of the batch at and around each (patch, pixel) position.
    """

    def __init__(self, batch_size: int, width: int = 2,
                 norm_cfg: Optional[dict] = None) -> None:
        super().__init__()
        norm_cfg = norm_cfg or dict(type='IN', affine=True)
        hidden = width * batch_size
        self.reduce = _conv_norm_mish(batch_size, batch_size, 1, norm_cfg)
        self.embed = _conv_norm_mish(batch_size, hidden, 3, norm_cfg)
        self.expand = _conv_norm_mish(hidden, hidden, 1, norm_cfg)
        self.shortcut = nn.Conv2d(batch_size, hidden, 1)
        self.squeeze = nn.Conv2d(hidden, batch_size, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = self.expand(self.embed(self.reduce(x))) + self.shortcut(x)
        return torch.relu(self.squeeze(out) + x)


@MODELS.register_module()
class BatchFusion(nn.Module):
    r"""Patch Partition -> ``num_blocks`` x :class:`ConvEmbeddingBlock` ->
    Patch Restore, plus the input (long residual):

    .. math::
        \tilde{x} = x + R(E_L(\cdots E_1(P(x))))

    where :math:`P` cuts each of the ``B`` images into non-overlapping
    ``p x p`` patches, flattens each patch in (row, column, channel) order and
    stacks the batch as channels (``[B, C, H, W] -> [1, B, N, p*p*C]``), and
    :math:`R` is its inverse. There is no gate or schedule: the blocks are
    trained jointly with the encoder by the method's own loss.

    The convolutions' channel count is the batch size, so ``batch_size``
    (per rank) is fixed: a batch of another size is an error, not a skip.
    Under DDP each rank fuses its own batch. The module is position-
    dependent: permuting the batch does not permute the output.

    Args:
        batch_size (int): images per rank and step (the dataloader's
            ``batch_size``, with ``drop_last=True``).
        patch_size (int): side ``p`` of a patch in pixels (16 at 224 px).
        num_blocks (int): number of Embedding Layers ``L``. Defaults to 1.
        width (int): hidden channels per image ``w``. Defaults to 2.
        norm_cfg (dict): norm after each conv. Defaults to instance norm
            with affine parameters.
    """

    def __init__(self, batch_size: int, patch_size: int = 16,
                 num_blocks: int = 1, width: int = 2,
                 norm_cfg: Optional[dict] = None) -> None:
        super().__init__()
        if batch_size < 1 or patch_size < 1 or num_blocks < 1 or width < 1:
            raise ValueError(
                'BatchFusion: batch_size, patch_size, num_blocks and width '
                f'must be positive, got {batch_size}, {patch_size}, '
                f'{num_blocks}, {width}')
        self.batch_size, self.patch_size = batch_size, patch_size
        self.blocks = nn.Sequential(*[
            ConvEmbeddingBlock(batch_size, width, norm_cfg)
            for _ in range(num_blocks)
        ])

    def partition(self, x: torch.Tensor) -> torch.Tensor:
        """``[B, C, H, W] -> [1, B, N, p*p*C]``, ``N = (H/p)(W/p)`` patches in
        raster order, each flattened in (row, column, channel) order."""
        b, c, h, w = x.shape
        p = self.patch_size
        x = x.reshape(b, c, h // p, p, w // p, p).permute(0, 2, 4, 3, 5, 1)
        return x.reshape(1, b, (h // p) * (w // p), p * p * c)

    def restore(self, x: torch.Tensor, shape: torch.Size) -> torch.Tensor:
        """Inverse of :meth:`partition` for images of ``shape``."""
        b, c, h, w = shape
        p = self.patch_size
        x = x.reshape(b, h // p, w // p, p, p, c).permute(0, 5, 1, 3, 2, 4)
        return x.reshape(b, c, h, w)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b, _, h, w = x.shape
        if b != self.batch_size:
            raise ValueError(
                f'BatchFusion was built for batches of {self.batch_size} '
                f'images per rank and got {b}: its convolutions have one '
                'channel per image. Set the dataloader\'s batch_size to '
                f'{self.batch_size} with drop_last=True, or the fusion\'s '
                f'batch_size to {b}.')
        if h % self.patch_size or w % self.patch_size:
            raise ValueError(
                f'BatchFusion: image size {h}x{w} is not a multiple of '
                f'patch_size {self.patch_size}')
        return x + self.restore(self.blocks(self.partition(x)), x.shape)

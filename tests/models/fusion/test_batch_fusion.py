import pytest
import torch

from mmssl.models.fusion import BatchFusion


def _reference_partition(x, p):
    """Patch (i, j) of image b as the (row, column, channel) flattening of
    x[b, :, i*p:(i+1)*p, j*p:(j+1)*p], patches in raster order."""
    b, c, h, w = x.shape
    rows = []
    for img in x:
        rows.append(torch.stack([
            img[:, i * p:(i + 1) * p, j * p:(j + 1) * p].permute(1, 2, 0)
            .reshape(-1) for i in range(h // p) for j in range(w // p)
        ]))
    return torch.stack(rows)[None]


@pytest.mark.parametrize('batch,side,patch', [(3, 224, 16), (5, 32, 4)])
def test_shapes_partition_and_restore(batch, side, patch):
    torch.manual_seed(0)
    fusion = BatchFusion(batch_size=batch, patch_size=patch)
    x = torch.randn(batch, 3, side, side)
    cells = fusion.partition(x)
    n = (side // patch)**2
    assert cells.shape == (1, batch, n, patch * patch * 3)
    torch.testing.assert_close(cells, _reference_partition(x, patch),
                               rtol=0, atol=0)
    assert torch.equal(fusion.restore(cells, x.shape), x)
    assert fusion(x).shape == x.shape
    # rectangular images: rows x columns of patches
    rect = torch.randn(batch, 3, 2 * patch, 3 * patch)
    assert torch.equal(fusion.restore(fusion.partition(rect), rect.shape),
                       rect)


def test_other_images_of_the_batch_change_each_output():
    torch.manual_seed(0)
    fusion = BatchFusion(batch_size=4, patch_size=4)
    x = torch.randn(4, 3, 32, 32)
    y = fusion(x)
    changed = x.clone()
    changed[2] = torch.randn(3, 32, 32)
    y2 = fusion(changed)
    for i in (0, 1, 3):  # image i is the same, its fused output is not
        assert not torch.allclose(y[i], y2[i])
    # and the fused image is not the input (the module acts at init)
    assert (y - x).abs().mean() > 1e-3


def test_a_batch_of_one_is_fused_not_skipped():
    torch.manual_seed(0)
    fusion = BatchFusion(batch_size=1, patch_size=4)
    x = torch.randn(1, 3, 16, 16, requires_grad=True)
    y = fusion(x)
    assert (y - x).abs().mean() > 1e-3
    y.square().mean().backward()
    assert all(p.grad is not None and p.grad.abs().sum() > 0
               for p in fusion.parameters())


def test_position_dependent_not_permutation_equivariant():
    torch.manual_seed(0)
    fusion = BatchFusion(batch_size=4, patch_size=4)
    x = torch.randn(4, 3, 16, 16)
    perm = torch.tensor([1, 0, 3, 2])
    assert not torch.allclose(fusion(x[perm]), fusion(x)[perm], atol=1e-4)


def test_wrong_batch_size_and_size_are_named_errors():
    fusion = BatchFusion(batch_size=8, patch_size=4)
    with pytest.raises(ValueError, match=r'batches of 8 .* got 6.*drop_last'):
        fusion(torch.randn(6, 3, 32, 32))
    with pytest.raises(ValueError, match='30x32 is not a multiple of '
                                         'patch_size 4'):
        fusion(torch.randn(8, 3, 30, 32))
    with pytest.raises(ValueError, match='must be positive'):
        BatchFusion(batch_size=0)


def test_instance_norm_is_the_batchnorm_of_a_batch_of_one():
    """The default norm is what the authors' BatchNorm2d on a [1, B, N, D]
    tensor computes in training: per image over its own positions."""
    torch.manual_seed(0)
    by_in = BatchFusion(batch_size=4, patch_size=4)
    by_bn = BatchFusion(batch_size=4, patch_size=4,
                        norm_cfg=dict(type='BN'))
    by_bn.load_state_dict(by_in.state_dict(), strict=False)
    with torch.no_grad():  # non-trivial affine parameters
        for (name, a), b in zip(by_in.named_parameters(),
                                by_bn.parameters()):
            a.add_(0.1 * torch.randn_like(a))
            b.copy_(a)
    x = torch.randn(4, 3, 16, 16)
    torch.testing.assert_close(by_in(x), by_bn.train()(x))


def test_more_blocks_and_width_add_parameters():
    one = BatchFusion(batch_size=4, patch_size=4)
    two = BatchFusion(batch_size=4, patch_size=4, num_blocks=2, width=4)
    assert len(two.blocks) == 2
    b, w = 4, 2  # reduce, embed (3x3), expand, shortcut, squeeze
    expected = (b * b + b) + (9 * b * w * b + w * b) + (w * b)**2 + w * b \
        + (b * w * b + w * b) + (w * b * b + b) + 2 * (b + 2 * w * b)
    assert sum(p.numel() for p in one.parameters()) == expected
    assert sum(p.numel() for p in two.parameters()) > 2 * expected

import pytest
import torch

from mmssl.models.utils import build_montages, pool_montage_cells
from mmssl.testing import run_distributed


def coded_patches(num_images, grid=2, p=4, offset=0):
    """Patch (image i, cell c) is filled with the value 100*i + c."""
    return [torch.stack([torch.full((3, p, p), 100. * (i + offset) + c)
                         for i in range(num_images)])
            for c in range(grid * grid)]


def test_every_patch_lands_where_the_permutation_says():
    grid, p, B = 2, 4, 5
    g = torch.Generator().manual_seed(3)
    montages, src_img, src_cell = build_montages(coded_patches(B), grid,
                                                 generator=g)
    perm = torch.randperm(B * 4, generator=torch.Generator().manual_seed(3))
    assert montages.shape == (B, 3, 8, 8)
    torch.testing.assert_close(src_img * 4 + src_cell, perm.reshape(B, 4))
    for b in range(B):
        for cell in range(4):
            i, j = divmod(cell, grid)
            block = montages[b, :, i * p:(i + 1) * p, j * p:(j + 1) * p]
            assert (block == 100. * src_img[b, cell] + src_cell[b, cell]).all()
    # every patch of the batch is used exactly once
    assert sorted((src_img * 4 + src_cell).flatten().tolist()) == \
        list(range(B * 4))


def test_each_pooled_vector_comes_from_its_own_cell():
    grid, p = 2, 16
    montages, src_img, src_cell = build_montages(coded_patches(3, grid, p),
                                                 grid)
    # a stride-4 "feature map" of the montage keeps cell boundaries aligned
    feats = torch.nn.functional.avg_pool2d(montages, 4)
    pooled = pool_montage_cells(feats, grid)
    expected = (100. * src_img + src_cell).flatten()
    torch.testing.assert_close(pooled[:, 0], expected)


def test_cells_pool_as_the_official_network():
    # official: C5 (7x7 for 224 px montages) -> bilinear 8x8 -> 2x2 average,
    # so each cell averages a 4x4 block; weight of each input row in the
    # top cells, measured by pooling one-hot rows (linearity)
    weights = []
    for r in range(7):
        x = torch.zeros(1, 1, 7, 7)
        x[0, 0, r] = 1
        weights.append(pool_montage_cells(x, 2)[0, 0].item())
    torch.testing.assert_close(
        torch.tensor(weights),
        torch.tensor([19 / 64, 18 / 64, 18 / 64, 9 / 64, 0, 0, 0]))
    # resizing straight to 4x4 would give .31/.19/.44/.06 (not official)
    assert abs(weights[2] - 0.4375) > 0.1


def test_wrong_number_of_patch_tensors():
    with pytest.raises(ValueError, match='2x2'):
        build_montages(coded_patches(2)[:3], 2)


def _montage_worker(rank, world, per_rank):
    torch.manual_seed(11 + rank)  # only rank 0's generator matters
    g = torch.Generator().manual_seed(7)
    patches = coded_patches(per_rank, offset=rank * per_rank)
    m, img, cell = build_montages(patches, 2, generator=g)
    return dict(m=m, img=img, cell=cell)


def test_two_processes_build_the_same_montages():
    g = torch.Generator().manual_seed(7)
    full, img, cell = build_montages(coded_patches(4), 2, generator=g)
    r0, r1 = run_distributed(_montage_worker, 2, 2)
    torch.testing.assert_close(torch.cat([r0['m'], r1['m']]), full)
    torch.testing.assert_close(torch.cat([r0['img'], r1['img']]), img)
    torch.testing.assert_close(torch.cat([r0['cell'], r1['cell']]), cell)

import pytest
import torch

from mmssl.datasets.masks import IGNORE_ID
from mmssl.models.utils import (downsample_masks, mask_areas, mask_pool,
                                sample_mask_ids)


def test_pooling_is_exact_on_known_masks():
    # 8x8 input, 2x2 feature grid (stride 4). id 1: the left half; id 2: the
    # top-right cell; id 3: a 2x2 block in the bottom-right cell (quarter of
    # one cell); id 9: absent.
    masks = torch.zeros(1, 8, 8, dtype=torch.uint8)
    masks[0, :, :4] = 1
    masks[0, :4, 4:] = 2
    masks[0, 4:, 4:] = 4
    masks[0, 4:6, 4:6] = 3
    feats = torch.arange(2 * 4, dtype=torch.float).reshape(1, 2, 2, 2)
    ids = torch.tensor([[1, 2, 3, 9]])
    pooled, valid, weights = mask_pool(feats, masks, ids)
    f = feats[0]
    # id 1 covers cells (0,0) and (1,0) fully
    torch.testing.assert_close(pooled[0, 0], (f[:, 0, 0] + f[:, 1, 0]) / 2)
    torch.testing.assert_close(pooled[0, 1], f[:, 0, 1])
    # id 3 covers a quarter of cell (1,1) only: its mean is that cell
    torch.testing.assert_close(pooled[0, 2], f[:, 1, 1])
    torch.testing.assert_close(pooled[0, 3], torch.zeros(2))
    assert valid.tolist() == [[True, True, True, False]]
    # precomputed weights give the same result
    again, _, _ = mask_pool(feats * 2, masks, ids, weights)
    torch.testing.assert_close(again, pooled * 2)


def test_area_weights_mix_cells():
    masks = torch.zeros(1, 4, 4, dtype=torch.uint8)
    masks[0, :, :3] = 5  # 3 of 4 columns: cell (.,0) fully, (.,1) half
    weights = downsample_masks(masks, torch.tensor([[5]]), (2, 2))
    torch.testing.assert_close(weights[0, 0],
                               torch.tensor([[1., .5], [1., .5]]))
    feats = torch.tensor([[[[2., 8.], [2., 8.]]]])
    pooled, _, _ = mask_pool(feats, masks, torch.tensor([[5]]))
    assert pooled.item() == pytest.approx((2 * 1 + 8 * .5) / 1.5)


def test_pool_rejects_non_multiple_grid():
    with pytest.raises(ValueError, match='multiple'):
        downsample_masks(torch.zeros(1, 7, 7), torch.zeros(1, 1), (2, 2))


def test_mask_areas_counts_pixels():
    masks = torch.tensor([[[[0, 0], [1, 3]], [[3, 3], [3, 3]]]])
    areas = mask_areas(masks)
    assert areas.shape == (1, 2, 256)
    assert areas[0, 0, :4].tolist() == [2, 1, 0, 1]
    assert areas[0, 1, 3].item() == 4


def test_sampling_uses_ids_present_in_both_views():
    masks = torch.zeros(2, 2, 4, 4, dtype=torch.uint8)
    masks[0, 0, :2] = 1  # view 1: ids {0, 1}
    masks[0, 1, :, :2] = 2  # view 2: ids {0, 2} -> shared {0}
    masks[1, 0, :2] = 4
    masks[1, 1] = 7  # no shared id -> falls back to view 1's {0, 4}
    g = torch.Generator().manual_seed(0)
    ids = sample_mask_ids(masks, num_samples=200, generator=g)
    assert set(ids[0].tolist()) == {0}
    assert set(ids[1].tolist()) == {0, 4}
    # uniform among candidates, with replacement
    assert 60 < (ids[1] == 4).sum() < 140


def test_ignore_id_is_never_sampled_and_empty_masks_raise():
    masks = torch.full((1, 2, 4, 4), IGNORE_ID, dtype=torch.uint8)
    masks[0, :, 0, 0] = 3
    ids = sample_mask_ids(masks, num_samples=50)
    assert set(ids.flatten().tolist()) == {3}
    with pytest.raises(ValueError, match='no usable mask'):
        sample_mask_ids(torch.full((1, 2, 4, 4), IGNORE_ID,
                                   dtype=torch.uint8), 4)

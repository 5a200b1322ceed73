import pytest
import torch

from mmssl.datasets.masks import IGNORE_ID
from mmssl.models.utils import (available_ids, cell_ids, mask_weights, pool,
                                sample_view_ids, select_and_pool)


def known_masks():
    # 8x8 input, 2x2 feature grid (stride 4). id 1: the left half; id 2:
    # the top-right cell; bottom-right cell: id 4 on 12 pixels, id 3 on 4.
    masks = torch.zeros(1, 8, 8, dtype=torch.uint8)
    masks[0, :, :4] = 1
    masks[0, :4, 4:] = 2
    masks[0, 4:, 4:] = 4
    masks[0, 4:6, 4:6] = 3
    return masks


def test_each_cell_belongs_to_the_id_covering_most_of_it():
    assert cell_ids(known_masks(), (2, 2)).tolist() == [[[1, 2], [1, 4]]]
    # a tie goes to the smaller id, as jnp.argmax / torch.argmax
    tie = torch.zeros(1, 2, 2, dtype=torch.uint8)
    tie[0, :, 1] = 7
    tie[0, :, 0] = 5
    assert cell_ids(tie, (1, 1)).item() == 5


def test_hard_pooling_is_the_mean_of_owned_cells():
    masks = known_masks()
    feats = torch.arange(8, dtype=torch.float).reshape(1, 2, 2, 2)
    ids = torch.tensor([[1, 2, 4]])
    pooled = pool(feats, mask_weights(masks, ids, (2, 2), 'hard'))
    f = feats[0]
    torch.testing.assert_close(pooled[0, 0], (f[:, 0, 0] + f[:, 1, 0]) / 2)
    torch.testing.assert_close(pooled[0, 1], f[:, 0, 1])
    torch.testing.assert_close(pooled[0, 2], f[:, 1, 1])
    # id 3 owns no cell: it cannot be drawn under hard pooling
    hard = available_ids(masks, (2, 2), 'hard')[0]
    assert hard.nonzero().flatten().tolist() == [1, 2, 4]
    soft = available_ids(masks, (2, 2), 'soft')[0]
    assert soft.nonzero().flatten().tolist() == [1, 2, 3, 4]


def test_soft_weights_are_covered_fractions():
    masks = torch.zeros(1, 4, 4, dtype=torch.uint8)
    masks[0, :, :3] = 5  # 3 of 4 columns: cell (.,0) fully, (.,1) half
    weights = mask_weights(masks, torch.tensor([[5, 0]]), (2, 2), 'soft')
    torch.testing.assert_close(weights[0, 0],
                               torch.tensor([[1., .5], [1., .5]]))
    torch.testing.assert_close(weights[0, 1],
                               torch.tensor([[0., .5], [0., .5]]))
    feats = torch.tensor([[[[2., 8.], [2., 8.]]]])
    pooled = pool(feats, weights)
    assert pooled[0, 0].item() == pytest.approx((2 * 1 + 8 * .5) / 1.5)
    # hard: the half-covered cells tie (2 px each) and go to id 0
    assert cell_ids(masks, (2, 2)).tolist() == [[[5, 0], [5, 0]]]


def test_grid_must_divide_the_mask():
    with pytest.raises(ValueError, match='multiple'):
        cell_ids(torch.zeros(1, 7, 7, dtype=torch.uint8), (2, 2))
    with pytest.raises(ValueError, match='pooling'):
        mask_weights(known_masks(), torch.zeros(1, 1), (2, 2), 'max')


def test_sampling_is_uniform_among_the_view_ids_with_replacement():
    masks = known_masks().repeat(2, 1, 1)
    masks[1] = 6
    g = torch.Generator().manual_seed(0)
    ids = sample_view_ids(masks, (2, 2), 300, 'hard', generator=g)
    assert set(ids[0].tolist()) == {1, 2, 4}
    assert set(ids[1].tolist()) == {6}
    for m in (1, 2, 4):
        assert 70 < (ids[0] == m).sum() < 130


def test_ignore_id_is_never_sampled_and_empty_masks_raise():
    masks = torch.full((1, 4, 4), IGNORE_ID, dtype=torch.uint8)
    masks[0, :2, :2] = 3
    ids = sample_view_ids(masks, (2, 2), 50)
    assert set(ids.flatten().tolist()) == {3}
    with pytest.raises(ValueError, match='no mask id'):
        sample_view_ids(torch.full((1, 4, 4), IGNORE_ID, dtype=torch.uint8),
                        (2, 2), 4)


def test_select_and_pool_returns_a_reusable_selection():
    torch.manual_seed(0)
    feats = torch.randn(2, 3, 2, 2)
    masks = known_masks().repeat(2, 1, 1)
    pooled, ids, weights = select_and_pool(feats, masks, 5)
    assert pooled.shape == (2, 5, 3) and ids.shape == (2, 5)
    torch.testing.assert_close(pool(feats * 2, weights), pooled * 2)

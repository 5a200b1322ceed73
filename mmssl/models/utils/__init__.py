from .builder import build_module
from .dist import (all_reduce_sum, batch_offset, gather_no_grad,
                   gather_with_grad, gathered_sizes, get_rank_and_world,
                   rank_slice, shared_randperm)
from .montage import build_montages, pool_montage_cells
from .mask_pool import (downsample_masks, mask_areas, mask_pool,
                        sample_mask_ids)

__all__ = [
    'build_module',
    'all_reduce_sum', 'batch_offset', 'gather_no_grad', 'gather_with_grad',
    'gathered_sizes', 'get_rank_and_world', 'rank_slice', 'shared_randperm',
    'build_montages', 'pool_montage_cells', 'downsample_masks', 'mask_areas', 'mask_pool', 'sample_mask_ids'
]

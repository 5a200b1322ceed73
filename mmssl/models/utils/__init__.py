from .builder import build_module
from .dist import (all_reduce_max, all_reduce_sum, all_reduce_sum_with_grad,
                   batch_offset, gather_no_grad, gather_with_grad,
                   gathered_sizes, get_rank_and_world, rank_slice,
                   scale_grad, shared_randperm)
from .sharded import (shard_bounds, sharded_soft_cross_entropy,
                      sharded_topk_similar, to_shard)
from .montage import build_montages, pool_montage_cells
from .mask_pool import (available_ids, cell_ids, mask_weights, pool,
                        sample_view_ids, select_and_pool)

__all__ = [
    'build_module',
    'all_reduce_sum', 'batch_offset', 'gather_no_grad', 'gather_with_grad',
    'gathered_sizes', 'get_rank_and_world', 'rank_slice', 'shared_randperm',
    'all_reduce_max', 'all_reduce_sum_with_grad', 'scale_grad',
    'shard_bounds', 'sharded_soft_cross_entropy', 'sharded_topk_similar',
    'to_shard',
    'build_montages', 'pool_montage_cells', 'available_ids', 'cell_ids',
    'mask_weights', 'pool', 'sample_view_ids', 'select_and_pool'
]

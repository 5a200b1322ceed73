import torch.distributed as dist

from mmssl.utils import finish_launch


def test_finish_launch_destroys_the_default_group_and_is_idempotent(
        tmp_path):
    # a live gloo group at exit can abort the process (SIGABRT at
    # interpreter shutdown); finish_launch must leave none behind
    dist.init_process_group('gloo', init_method=f'file://{tmp_path}/store',
                            rank=0, world_size=1)
    assert dist.is_initialized()
    finish_launch()
    assert not dist.is_initialized()
    finish_launch()  # nothing to destroy: a single-process run
    assert not dist.is_initialized()

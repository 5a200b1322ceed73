"""Run a function in N gloo processes on CPU and collect what each returns."""
import os
import socket
import tempfile

import torch
import torch.distributed as dist
import torch.multiprocessing as mp


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def _worker(rank, world, port, fn, args, out_dir):
    os.environ.update(MASTER_ADDR='127.0.0.1', MASTER_PORT=str(port))
    dist.init_process_group('gloo', rank=rank, world_size=world)
    try:
        result = fn(rank, world, *args)
        torch.save(result, os.path.join(out_dir, f'{rank}.pt'))
    finally:
        dist.destroy_process_group()


def run_distributed(fn, world: int, *args):
    """``fn(rank, world, *args)`` must be a module-level function."""
    with tempfile.TemporaryDirectory() as out_dir:
        mp.start_processes(_worker, args=(world, _free_port(), fn, args,
                                          out_dir),
                           nprocs=world, join=True, start_method='spawn')
        return [torch.load(os.path.join(out_dir, f'{r}.pt'))
                for r in range(world)]

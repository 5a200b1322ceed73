"""Helpers shared by the benchmark scripts of this folder."""
import os
import os.path as osp
import platform
import subprocess
import sys

import torch

import mmssl  # noqa: F401  (allow-lists MMEngine's checkpoint types)

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))


def machine() -> str:
    gpu = (torch.cuda.get_device_name() if torch.cuda.is_available() else
           'no GPU')
    return f'{platform.machine()}, {os.cpu_count()} CPU cores, {gpu}'


def run_logged(cmd, log) -> str:
    """Run ``cmd`` from the repository root, its output in ``log``; raises
    naming the log when it fails. Returns the log's path."""
    print(f"$ {' '.join(cmd)}  > {log}", flush=True)
    os.makedirs(osp.dirname(log), exist_ok=True)
    with open(log, 'w') as f:
        rc = subprocess.run(cmd, cwd=ROOT, stdout=f,
                            stderr=subprocess.STDOUT).returncode
    if rc:
        raise SystemExit(f'{cmd[1]} failed (exit {rc}); see {log}')
    return log


def run_train(config, work_dir, options=()) -> str:
    """``tools/train.py CONFIG`` with its output in ``WORK_DIR.log``."""
    cmd = [sys.executable, 'tools/train.py', config, '--work-dir', work_dir]
    if options:
        cmd += ['--cfg-options', *options]
    return run_logged(cmd, work_dir.rstrip('/') + '.log')


def last_checkpoint(work_dir) -> str:
    with open(osp.join(work_dir, 'last_checkpoint')) as f:
        return f.read().strip()


def trained_iterations(checkpoint) -> int:
    """Iterations actually trained (the log only shows every n-th)."""
    return int(torch.load(checkpoint, map_location='cpu')['meta']['iter'])

import glob
import os
import os.path as osp
import socket
import subprocess
import sys

import pytest
import torch

from mmssl.datasets.demo import make_demo_dataset

REPO = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def test_dist_train_two_cpu_processes(tmp_path):
    data = tmp_path / 'demo'
    make_demo_dataset(str(data), num_train=16, num_val=2, size=128)
    work = tmp_path / 'work'
    env = dict(os.environ, PYTHON=sys.executable, PORT=str(free_port()),
               OMP_NUM_THREADS='1')
    cmd = ['bash', osp.join(REPO, 'tools', 'dist_train.sh'),
           'configs/detcon/detconb_r18_1xb32-20e_demo.py', '2',
           '--work-dir', str(work), '--cfg-options',
           f'train_dataloader.dataset.data_root={data}/',
           'train_dataloader.batch_size=4', 'train_dataloader.num_workers=0',
           'train_dataloader.persistent_workers=False',
           'train_cfg.max_epochs=1', 'default_hooks.logger.interval=1']
    proc = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=300)
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log[-3000:]
    # rank 0 logs; the 2/2 iterations below show the data split over 2
    assert 'gloo backend, rank 0/2' in log
    assert 'converted' in log and 'SyncBN' in log
    # 16 images / (2 processes x 4) = 2 iterations per epoch
    assert 'Epoch(train) [1][2/2]' in log
    ckpt = glob.glob(str(work / 'epoch_1.pth'))
    assert ckpt
    state = torch.load(ckpt[0])['state_dict']
    assert all(torch.isfinite(v).all() for v in state.values()
               if v.is_floating_point())


def test_instance_classifier_two_processes_then_resume_in_one(tmp_path):
    """Sharded classifier under DDP; the checkpoint holds all N rows and
    resumes in a different world size."""
    data = tmp_path / 'demo'
    make_demo_dataset(str(data), num_train=16, num_val=2, size=64)
    work = tmp_path / 'work'
    opts = [f'train_dataloader.dataset.dataset.data_root={data}/',
            f'custom_hooks.0.dataloader.dataset.dataset.data_root={data}/',
            'model.head.num_classes=16', 'train_dataloader.batch_size=4',
            'train_dataloader.num_workers=0',
            'train_dataloader.persistent_workers=False',
            'custom_hooks.0.dataloader.num_workers=0',
            'default_hooks.logger.interval=1',
            'default_hooks.checkpoint.interval=1']
    env = dict(os.environ, PYTHON=sys.executable, PORT=str(free_port()),
               OMP_NUM_THREADS='1')
    config = 'configs/instcls/instcls_r18_1xb32-20e_demo.py'
    proc = subprocess.run(
        ['bash', osp.join(REPO, 'tools', 'dist_train.sh'), config, '2',
         '--work-dir', str(work), '--cfg-options', *opts,
         'train_cfg.max_epochs=1'],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log[-3000:]
    assert 'writing raw features of 16 images' in log
    assert 'Epoch(train) [1][2/2]' in log
    state = torch.load(str(work / 'epoch_1.pth'))['state_dict']
    assert state['head.weight'].shape == (16, 128)
    proc = subprocess.run(
        [sys.executable, 'tools/train.py', config, '--work-dir', str(work),
         '--resume', '--cfg-options', *opts, 'train_cfg.max_epochs=2'],
        cwd=REPO, capture_output=True, text=True, timeout=300)
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log[-3000:]
    assert 'resumed at iteration 2' in log
    resumed = torch.load(str(work / 'epoch_2.pth'))['state_dict']
    assert resumed['head.weight'].shape == (16, 128)
    assert not torch.equal(resumed['head.weight'], state['head.weight'])


@pytest.mark.parametrize('script', ['dist_train.sh', 'dist_test.sh',
                                    'slurm_train.sh'])
def test_launch_scripts_print_usage_without_arguments(script):
    out = subprocess.run(['bash', osp.join(REPO, 'tools', script)],
                         capture_output=True, text=True)
    assert out.returncode == 2
    assert out.stderr.startswith('usage:') and 'CONFIG' in out.stderr

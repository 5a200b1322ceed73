"""A kill during a checkpoint save leaves a loadable checkpoint, resume
falls back to the newest one that loads, and outdated checkpoints go only
after the new one is in place."""
import os
import os.path as osp

import pytest
import torch

from mmssl.engine.runner import find_loadable_checkpoint
from mmssl.testing import BlowUpModel as Toy
from mmssl.testing import reliability_runner as _runner


def test_kill_during_save_keeps_a_loadable_checkpoint(tmp_path, monkeypatch):
    import mmengine.runner.runner as runner_module
    real_save = runner_module.save_checkpoint
    saves = []

    def killed_on_third(checkpoint, filename, *args, **kwargs):
        saves.append(filename)
        if len(saves) == 3:  # half a file, then the process dies
            with open(filename, 'wb') as f:
                f.write(b'PK\x03\x04 truncated')
            raise KeyboardInterrupt('killed')
        return real_save(checkpoint, filename, *args, **kwargs)

    monkeypatch.setattr(runner_module, 'save_checkpoint', killed_on_third)
    runner = _runner(tmp_path, Toy(), keep=1)  # raised to 2
    with pytest.raises(KeyboardInterrupt):
        runner.train()
    # MMEngine's hook would have deleted epoch_2 before writing epoch_3
    assert osp.exists(tmp_path / 'epoch_1.pth')
    assert osp.exists(tmp_path / 'epoch_2.pth')
    assert not osp.exists(tmp_path / 'epoch_3.pth')
    with open(tmp_path / 'last_checkpoint') as f:
        assert f.read() == str(tmp_path / 'epoch_2.pth')
    path, skipped = find_loadable_checkpoint(str(tmp_path))
    assert path == str(tmp_path / 'epoch_2.pth') and not skipped
    # epoch_2 truncated by a disk problem: resume falls back to epoch_1
    with open(tmp_path / 'epoch_2.pth', 'r+b') as f:
        f.truncate(100)
    path, skipped = find_loadable_checkpoint(str(tmp_path))
    assert path == str(tmp_path / 'epoch_1.pth')
    assert skipped[0][0] == str(tmp_path / 'epoch_2.pth')
    assert torch.load(path)['meta']['epoch'] == 1


def test_outdated_checkpoints_go_after_the_new_one(tmp_path):
    _runner(tmp_path, Toy(), epochs=4, keep=2, name='k').train()
    assert sorted(f for f in os.listdir(tmp_path) if f.endswith('.pth')) \
        == ['epoch_3.pth', 'epoch_4.pth']
    assert not [f for f in os.listdir(tmp_path) if f.endswith('.tmp')]

import os
import sys

import pytest

from mmssl.benchmarks import runs


def test_failed_job_names_its_log_and_shows_its_tail(tmp_path, capsys):
    log = str(tmp_path / 'job.log')
    cmd = [sys.executable, '-c', 'import sys; print("boom"); sys.exit(3)']
    with pytest.raises(RuntimeError, match='exit 3.*job.log'):
        runs.run_logged(cmd, log)
    assert 'boom' in capsys.readouterr().err
    ok = runs.run_logged([sys.executable, '-c', 'print("fine")'], log)
    assert open(ok).read().strip() == 'fine'


def test_last_checkpoint_and_link_data(tmp_path, monkeypatch):
    assert runs.last_checkpoint(str(tmp_path)) is None
    (tmp_path / 'last_checkpoint').write_text('/x/epoch_3.pth\n')
    assert runs.last_checkpoint(str(tmp_path)) == '/x/epoch_3.pth'
    monkeypatch.setattr(runs, 'project_root', lambda: str(tmp_path))
    src = tmp_path / 'elsewhere' / 'cifar'
    src.mkdir(parents=True)
    link = runs.link_data('cifar', str(src))
    assert os.path.realpath(link) == str(src)
    other = tmp_path / 'other'
    other.mkdir()
    runs.link_data('cifar', str(other))  # an existing root is respected
    assert os.path.realpath(link) == str(src)
    with pytest.raises(FileNotFoundError, match='nope'):
        runs.link_data('new', str(tmp_path / 'nope'))

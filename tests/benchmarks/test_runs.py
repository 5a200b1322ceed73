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


def test_progress_reaches_the_console_and_everything_the_log(tmp_path,
                                                             capsys):
    lines = [
        '11/28 17:28:17 - mmengine - INFO - Epoch(train)   [1][10/39]  '
        'lr: 5.9999e-02  eta: 9:04:19  time: 8.3957  loss: 6.2171',
        'some config dump line',
        # the runner's hook table and config dump name the hook too
        '(VERY_HIGH   ) TrainBudgetHook                    ',
        "    ], seconds=600, type='mmssl.TrainBudgetHook'),",
        '11/28 17:29:00 - mmengine - INFO - TrainBudgetHook: 100s, saved x',
        '11/28 17:30:00 - mmengine - INFO - Epoch(val) [12][5/5]    '
        'coco/bbox_mAP: 0.0120',
    ]
    script = tmp_path / 'job.py'
    script.write_text('\n'.join(f'print({line!r}, flush=True)'
                                for line in lines))
    log = runs.run_logged([sys.executable, str(script)],
                          str(tmp_path / 'job.log'))
    assert open(log).read().splitlines() == lines
    out = capsys.readouterr().out.splitlines()
    shown = [line.strip() for line in out[1:]]  # after the command line
    assert shown == [
        'Epoch(train)   [1][10/39]  lr: 5.9999e-02  eta: 9:04:19  time: '
        '8.3957  loss: 6.2171',
        'TrainBudgetHook: 100s, saved x',
        'Epoch(val) [12][5/5]    coco/bbox_mAP: 0.0120']

"""Running training / testing jobs for benchmarks: subprocesses with their
output in a log, checkpoints, and the machine a figure was measured on."""
import os
import os.path as osp
import platform
import re
import subprocess
import sys
from typing import Optional, Sequence

import torch


def project_root() -> str:
    """The repository that holds ``tools/train.py`` (the checkout mmssl is
    imported from), else the working directory."""
    root = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
    return root if osp.exists(osp.join(root, 'tools', 'train.py')) \
        else os.getcwd()


def link_data(name: str, source: str) -> str:
    """Make ``data/<name>`` (the configs' data-root convention) point to
    ``source`` when it does not exist yet; returns the data root."""
    link = osp.join(project_root(), 'data', name)
    if not osp.exists(link):
        if not osp.isdir(source):
            raise FileNotFoundError(f'data folder {source} does not exist')
        os.makedirs(osp.dirname(link), exist_ok=True)
        if osp.islink(link):  # a dangling link
            os.remove(link)
        os.symlink(osp.abspath(source), link)
        print(f'linked {link} -> {osp.abspath(source)}', flush=True)
    return link


def machine() -> str:
    gpu = (torch.cuda.get_device_name() if torch.cuda.is_available() else
           'no GPU')
    return f'{platform.machine()}, {os.cpu_count()} CPU cores, {gpu}'


# MMEngine log lines worth a console line while a job runs: training /
# validation progress (with eta), budget stops and metrics
PROGRESS = re.compile(r'(Epoch|Iter)\((train|val|test)\)|TrainBudgetHook:|'
                      r'bbox_mAP|segm_mAP|Saving checkpoint')
LOG_PREFIX = re.compile(r'^\d\d/\d\d \d\d:\d\d:\d\d - mmengine - \w+ - ')


def progress_line(line: str) -> Optional[str]:
    """The console form of a log line (``None``: log file only)."""
    if not PROGRESS.search(line):
        return None
    line = LOG_PREFIX.sub('', line.strip())
    return '    ' + (line if len(line) <= 150 else line[:147] + '...')


def run_logged(cmd: Sequence[str], log: str,
               env: Optional[dict] = None) -> str:
    """Run ``cmd`` from the project root (with ``env``, default the current
    environment), its whole output in ``log`` and a progress line
    (iteration, eta, loss, metrics) on the console; raises naming the log
    when it fails. Returns the log's path."""
    print(f"$ {' '.join(cmd)}  > {log}", flush=True)
    os.makedirs(osp.dirname(osp.abspath(log)), exist_ok=True)
    with open(log, 'w') as f, subprocess.Popen(
            list(cmd), cwd=project_root(), env=env, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True, bufsize=1) as proc:
        for line in proc.stdout:
            f.write(line)
            f.flush()
            shown = progress_line(line)
            if shown:
                print(shown, flush=True)
        rc = proc.wait()
    if rc:
        with open(log) as f:
            sys.stderr.write(''.join(f.readlines()[-30:]))
        raise RuntimeError(f'{cmd[1]} failed (exit {rc}); full log: {log}')
    return log


def train_command(config: str, work_dir: str, options: Sequence[str] = (),
                  gpus: int = 1, launcher: str = 'auto',
                  partition: Optional[str] = None):
    """The command and environment that train ``config``: tools/train.py
    (one process), tools/dist_train.sh (``gpus`` > 1) or
    tools/slurm_train.sh (``launcher='slurm'``)."""
    opts = ['--cfg-options', *options] if options else []
    if launcher == 'slurm':
        if not partition:
            raise ValueError('launcher slurm needs a partition')
        name = osp.splitext(osp.basename(config))[0]
        return (['bash', 'tools/slurm_train.sh', partition, name, config,
                 work_dir, *opts], dict(os.environ, GPUS=str(gpus)))
    if gpus > 1:
        return (['bash', 'tools/dist_train.sh', config, str(gpus),
                 '--work-dir', work_dir, *opts],
                dict(os.environ, PYTHON=sys.executable))
    return ([sys.executable, 'tools/train.py', config, '--work-dir',
             work_dir, *opts], dict(os.environ))


def run_train(config: str, work_dir: str, options: Sequence[str] = (),
              gpus: int = 1, launcher: str = 'auto',
              partition: Optional[str] = None) -> Optional[str]:
    """:func:`train_command` with its output in ``WORK_DIR.log``; returns
    the last checkpoint."""
    cmd, env = train_command(config, work_dir, options, gpus, launcher,
                             partition)
    run_logged(cmd, work_dir.rstrip('/') + '.log', env)
    return last_checkpoint(work_dir)


def run_test(config: str, checkpoint: str, work_dir: str, out: str,
             options: Sequence[str] = ()) -> str:
    """``tools/test.py CONFIG CKPT --out OUT``; returns ``out``."""
    cmd = [sys.executable, 'tools/test.py', config, checkpoint,
           '--work-dir', work_dir, '--out', out]
    if options:
        cmd += ['--cfg-options', *options]
    run_logged(cmd, work_dir.rstrip('/') + '_test.log')
    return out


def last_checkpoint(work_dir: str) -> Optional[str]:
    path = osp.join(work_dir, 'last_checkpoint')
    if not osp.exists(path):
        return None
    with open(path) as f:
        return f.read().strip()


def trained_iterations(checkpoint: str) -> int:
    """Iterations actually trained (the log only shows every n-th)."""
    import mmssl  # noqa: F401  (allow-lists MMEngine's checkpoint types)
    return int(torch.load(checkpoint, map_location='cpu')['meta']['iter'])

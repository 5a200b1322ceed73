"""Detection transfer of a pretraining checkpoint: check the checkpoint
against the detector's backbone, fine-tune, evaluate, record the AP."""
import json
import os
import os.path as osp
import subprocess
import sys
import time
from typing import Optional, Sequence

from .runs import last_checkpoint, project_root, run_test, run_train


def check_backbone(config: str, checkpoint: str) -> int:
    """Number of backbone tensors of ``checkpoint`` (under the config's
    ``init_cfg.prefix``) that match the detector's backbone; raises
    ``KeyError`` naming missing, unexpected and wrong-shape keys (mmengine's
    ``Pretrained`` init would only warn and leave them random)."""
    from mmengine.config import Config
    from mmengine.registry import DefaultScope

    from mmssl.utils import load_prefixed_state_dict
    cfg = Config.fromfile(config)
    from mmdet.registry import MODELS
    backbone_cfg = cfg.model.backbone.copy()
    backbone_cfg.pop('init_cfg', None)
    if backbone_cfg.get('norm_cfg', {}).get('type') == 'SyncBN':
        backbone_cfg['norm_cfg'] = dict(backbone_cfg['norm_cfg'], type='BN')
    # a scoped build: the caller's default scope is left as it was
    with DefaultScope.overwrite_default_scope(
            cfg.get('default_scope', 'mmdet')):
        expected = MODELS.build(backbone_cfg).state_dict()
    prefix = cfg.model.backbone.get('init_cfg', {}).get('prefix', 'backbone.')
    got = load_prefixed_state_dict(checkpoint, prefix)
    missing = sorted(set(expected) - set(got))
    unexpected = sorted(set(got) - set(expected))
    shape = [k for k in set(expected) & set(got)
             if expected[k].shape != got[k].shape]
    if missing or unexpected or shape:
        raise KeyError(
            f'{checkpoint} does not match the backbone of {config} '
            f"(prefix '{prefix}'): missing {missing[:6]}, unexpected "
            f'{unexpected[:6]}, wrong shape {shape[:6]}')
    return len(got)


def fine_tune_and_test(config: str, checkpoint: Optional[str],
                       work_dir: str, data_options: Sequence[str] = (),
                       options: Sequence[str] = (),
                       reuse: bool = True) -> dict:
    """Fine-tune ``config`` from ``checkpoint`` (``None``: random init) in
    one process, test the last checkpoint and return its metrics (with
    ``reuse``, those of an earlier run when ``WORK_DIR/metrics.json``
    exists)."""
    out = osp.join(work_dir, 'metrics.json')
    if not (reuse and osp.exists(out)):
        init = [f'model.backbone.init_cfg.checkpoint={checkpoint}'
                if checkpoint else 'model.backbone.init_cfg=None']
        detector = run_train(config, work_dir,
                             [*data_options, *init, *options])
        run_test(config, detector, work_dir, out, data_options)
    with open(out) as f:
        metrics = json.load(f)
    if not metrics:
        raise RuntimeError(f'{out}: the evaluation produced no metrics')
    return metrics


def train_command(config, work_dir, options, gpus=1, launcher='auto',
                  partition=None):
    """The command (and environment) that fine-tunes ``config``."""
    if launcher == 'slurm':
        if not partition:
            raise ValueError('launcher slurm needs a partition')
        name = osp.splitext(osp.basename(config))[0]
        return (['bash', 'tools/slurm_train.sh', partition, name, config,
                 work_dir, '--cfg-options', *options],
                dict(os.environ, GPUS=str(gpus)))
    if gpus > 1:
        return (['bash', 'tools/dist_train.sh', config, str(gpus),
                 '--work-dir', work_dir, '--cfg-options', *options],
                dict(os.environ, PYTHON=sys.executable))
    return ([sys.executable, 'tools/train.py', config, '--work-dir',
             work_dir, '--cfg-options', *options], dict(os.environ))


def run_transfer(config: str, checkpoint: str, work_dir: Optional[str] = None,
                 results: str = 'work_dirs/transfer_results.jsonl',
                 options: Sequence[str] = (), gpus: int = 1,
                 launcher: str = 'auto',
                 partition: Optional[str] = None) -> dict:
    """Fine-tune and test; appends one JSON line to ``results`` and returns
    it. Paths are resolved once, against the caller's directory, before
    anything runs from the project root."""
    config, checkpoint = osp.abspath(config), osp.abspath(checkpoint)
    n = check_backbone(config, checkpoint)
    print(f'{n} backbone tensors of {checkpoint} match {config}', flush=True)
    name = osp.splitext(osp.basename(config))[0]
    work_dir = osp.abspath(work_dir or osp.join(
        'work_dirs', 'transfer', name, time.strftime('%Y%m%d_%H%M%S')))
    opts = [f'model.backbone.init_cfg.checkpoint={checkpoint}', *options]
    cmd, env = train_command(config, work_dir, opts, gpus, launcher,
                             partition)
    subprocess.run(cmd, cwd=project_root(), env=env, check=True)
    detector = last_checkpoint(work_dir)
    if detector is None:
        raise RuntimeError(f'training wrote no checkpoint in {work_dir}')
    out = osp.join(work_dir, 'metrics.json')
    subprocess.run([sys.executable, 'tools/test.py', config, detector,
                    '--work-dir', work_dir, '--out', out, '--cfg-options',
                    *options], cwd=project_root(), check=True)
    with open(out) as f:
        metrics = json.load(f)
    if not metrics:
        raise RuntimeError(f'{out}: the evaluation produced no metrics (no '
                           'detections?); nothing recorded')
    record = dict(config=config, pretrained=checkpoint, detector=detector,
                  metrics=metrics, time=time.strftime('%Y-%m-%d %H:%M:%S'))
    results = osp.abspath(results)
    os.makedirs(osp.dirname(results), exist_ok=True)
    with open(results, 'a') as f:
        f.write(json.dumps(record) + '\n')
    return record

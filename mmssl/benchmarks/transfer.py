"""Detection transfer of a pretraining checkpoint: check the checkpoint
against the detector's backbone, fine-tune, evaluate, record the AP."""
import json
import os
import os.path as osp
import time
from typing import Optional, Sequence

from .runs import last_checkpoint, run_test, run_train


def _is_cifar_stem(got: dict) -> bool:
    conv1 = got.get('conv1.weight')
    return conv1 is not None and tuple(conv1.shape[-2:]) == (3, 3)


def check_backbone(config: str, checkpoint: str) -> int:
    """Number of tensors of ``checkpoint`` (under the ``init_cfg.prefix``)
    that the detector loads into its pretrained parts (the backbone, and the
    res5 RoI head of C4 detectors); raises ``KeyError`` naming missing,
    unexpected and wrong-shape keys (mmengine's ``Pretrained`` init would
    only warn and leave them random), with a plain message for a
    CIFAR-stem checkpoint."""
    from mmengine.config import Config
    from mmengine.registry import DefaultScope

    from mmssl.utils import (load_prefixed_state_dict, pretrained_mismatch,
                             pretrained_parts, pretrained_state)
    cfg = Config.fromfile(config)
    from mmdet.registry import MODELS
    from mmdet.utils import register_all_modules
    register_all_modules(init_default_scope=False)
    parts = pretrained_parts(cfg.model)
    if not parts:
        raise KeyError(f'{config}: no Pretrained init_cfg in model')
    prefixes = {p.init_cfg.get('prefix', '') for p in parts.values()}
    if len(prefixes) != 1:
        raise KeyError(f'{config}: pretrained parts {list(parts)} load with '
                       f'different prefixes {sorted(prefixes)}')
    prefix = prefixes.pop()
    expected = {}
    # a scoped build: the caller's default scope is left as it was
    with DefaultScope.overwrite_default_scope(
            cfg.get('default_scope', 'mmdet')):
        for part in parts.values():
            part = part.copy()
            part.pop('init_cfg')
            if part.get('norm_cfg', {}).get('type') == 'SyncBN':
                part['norm_cfg'] = dict(part['norm_cfg'], type='BN')
            expected.update(pretrained_state(MODELS.build(part)))
    got = load_prefixed_state_dict(checkpoint, prefix)
    if _is_cifar_stem(got) and not _is_cifar_stem(expected):
        raise KeyError(
            f'{checkpoint} holds a CIFAR-stem ResNet (3x3 conv1, no max '
            f'pool), which cannot load into the ImageNet-stem ResNet of '
            f'{config}: pretrain with an ImageNet-stem config for transfer '
            '(e.g. configs/empssl/empssl_r50_1xb100-20p-10e_in100.py)')
    missing, unexpected, shape = pretrained_mismatch(expected, got)
    if missing or unexpected or shape:
        raise KeyError(
            f'{checkpoint} does not match the pretrained parts '
            f'{list(parts)} of {config} (prefix {prefix!r}): missing '
            f'{missing[:6]}, unexpected {unexpected[:6]}, wrong shape '
            f'{shape[:6]}')
    return len(got)


def init_options(config: str, checkpoint: Optional[str]) -> list:
    """``--cfg-options`` that point every pretrained part of ``config`` at
    ``checkpoint`` (``None``: no init_cfg, random init)."""
    from mmengine.config import Config

    from mmssl.utils import pretrained_parts
    parts = pretrained_parts(Config.fromfile(config).model)
    if checkpoint:
        return [f'model.{p}.init_cfg.checkpoint={checkpoint}' for p in parts]
    return [f'model.{p}.init_cfg=None' for p in parts]


def fine_tune_and_test(config: str, checkpoint: Optional[str],
                       work_dir: str, data_options: Sequence[str] = (),
                       options: Sequence[str] = (), reuse: bool = True,
                       gpus: int = 1, launcher: str = 'auto',
                       partition: Optional[str] = None) -> dict:
    """Fine-tune ``config`` from ``checkpoint`` (``None``: random init; one
    process, ``gpus`` processes or Slurm), test the last checkpoint in one
    process and return its metrics (with ``reuse``, those of an earlier run
    when ``WORK_DIR/metrics.json`` exists). ``data_options`` go to training
    and testing, ``options`` to training only."""
    out = osp.join(work_dir, 'metrics.json')
    if not (reuse and osp.exists(out)):
        detector = run_train(
            config, work_dir,
            [*data_options, *init_options(config, checkpoint), *options],
            gpus, launcher, partition)
        if detector is None:
            raise RuntimeError(f'training wrote no checkpoint in {work_dir}')
        run_test(config, detector, work_dir, out, data_options)
    with open(out) as f:
        metrics = json.load(f)
    if not metrics:
        raise RuntimeError(f'{out}: the evaluation produced no metrics (no '
                           'detections?); nothing recorded')
    return metrics


def run_transfer(config: str, checkpoint: Optional[str],
                 work_dir: Optional[str] = None,
                 results: str = 'work_dirs/transfer_results.jsonl',
                 options: Sequence[str] = (), gpus: int = 1,
                 launcher: str = 'auto',
                 partition: Optional[str] = None, seeds: int = 1) -> dict:
    """Fine-tune and test once per seed (``randomness.seed`` 0 ..
    ``seeds``-1, each in ``WORK_DIR/seed<k>``); appends one JSON line to
    ``results`` with every seed's metrics and, over seeds, the mean and
    standard deviation of each metric, and returns it. ``checkpoint`` None:
    random init (the baseline row). Paths are resolved once, against the
    caller's directory, before anything runs from the project root."""
    config = osp.abspath(config)
    if checkpoint:
        checkpoint = osp.abspath(checkpoint)
        n = check_backbone(config, checkpoint)
        print(f'{n} backbone tensors of {checkpoint} match {config}',
              flush=True)
    name = osp.splitext(osp.basename(config))[0]
    work_dir = osp.abspath(work_dir or osp.join(
        'work_dirs', 'transfer', name, time.strftime('%Y%m%d_%H%M%S')))
    runs = []
    for seed in range(seeds):
        seed_dir = osp.join(work_dir, f'seed{seed}') if seeds > 1 \
            else work_dir
        print(f'[seed {seed + 1}/{seeds}] fine-tuning {name} from '
              f'{checkpoint or "random init"} in {seed_dir}', flush=True)
        metrics = fine_tune_and_test(
            config, checkpoint, seed_dir, data_options=options,
            options=[f'randomness.seed={seed}'], reuse=False, gpus=gpus,
            launcher=launcher, partition=partition)
        runs.append(dict(detector=last_checkpoint(seed_dir),
                         metrics=metrics))
    record = dict(config=config, pretrained=checkpoint, seeds=seeds,
                  runs=runs, summary=summarise([r['metrics'] for r in runs]),
                  time=time.strftime('%Y-%m-%d %H:%M:%S'))
    results = osp.abspath(results)
    os.makedirs(osp.dirname(results), exist_ok=True)
    with open(results, 'a') as f:
        f.write(json.dumps(record) + '\n')
    return record


def summarise(metrics: Sequence[dict]) -> dict:
    """``{metric: {'mean', 'std', 'values'}}`` over runs for every numeric
    metric (std with ddof 1; 0 for a single run)."""
    from .report import mean_std
    out = {}
    for key in metrics[0]:
        values = [m[key] for m in metrics
                  if isinstance(m.get(key), (int, float))]
        if len(values) == len(metrics):
            out[key] = dict(**mean_std(values), values=values)
    return out

"""Pretraining for a wall-clock budget, with checkpoints at budget marks."""
import os
import os.path as osp
from typing import Dict, Sequence

from .runs import project_root, run_train


def budget_config(config: str, budget: float, marks: Sequence[float],
                  path: str) -> str:
    """``config`` with ``TrainBudgetHook(budget, save_at=marks)`` as the only
    budget and no epoch checkpoints (the marks are the checkpoints), dumped
    to ``path``."""
    from mmengine.config import Config
    cfg = Config.fromfile(osp.join(project_root(), config))
    hooks = [h for h in cfg.get('custom_hooks', [])
             if not h['type'].endswith('TrainBudgetHook')]
    cfg.custom_hooks = [
        dict(type='mmssl.TrainBudgetHook', seconds=budget,
             save_at=sorted({*marks, budget})), *hooks
    ]
    cfg.default_hooks.checkpoint = dict(type='mmssl.AtomicCheckpointHook',
                                        interval=10**6)
    cfg.dump(path)
    return path


def mark_checkpoints(work_dir: str, marks: Sequence[float]) -> Dict:
    """Where ``TrainBudgetHook`` saves the checkpoint of each mark."""
    from mmssl.engine.hooks import TrainBudgetHook
    return {m: osp.join(work_dir, TrainBudgetHook.checkpoint_name(m))
            for m in marks}


def pretrain_for_budget(name: str, config: str, budget: float,
                        marks: Sequence[float], work_dir: str,
                        options: Sequence[str] = ()) -> Dict:
    """Train ``config`` for ``budget`` seconds into ``work_dir`` (skipped
    when every mark's checkpoint exists; ``options``: ``--cfg-options`` such
    as ``randomness.seed=1``); returns ``{mark: checkpoint}``."""
    marks = sorted({*marks, budget})
    ckpts = mark_checkpoints(work_dir, marks)
    if all(osp.exists(c) for c in ckpts.values()):
        print(f'{name}: checkpoints found in {work_dir}, not retrained',
              flush=True)
        return ckpts
    os.makedirs(work_dir, exist_ok=True)
    cfg = budget_config(config, budget, marks,
                        osp.join(work_dir, 'budget_cfg.py'))
    run_train(cfg, work_dir, options)
    missing = [c for c in ckpts.values() if not osp.exists(c)]
    if missing:
        raise RuntimeError(f'{name}: the budget hook did not write {missing}')
    return ckpts

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


def schedule_end_checkpoint(work_dir: str) -> str:
    """Where ``TrainBudgetHook`` saves the last iteration of a schedule that
    ends before the budget."""
    from mmssl.engine.hooks import TrainBudgetHook
    return osp.join(work_dir, TrainBudgetHook.SCHEDULE_END)


def reached_checkpoints(work_dir: str, marks: Sequence[float]) -> Dict:
    """``{mark: checkpoint}`` of a finished budget run: each mark's own
    checkpoint, or, for the marks after the method's schedule ended (the
    budget hook's ``schedule_end.pth``), that last checkpoint; ``{}`` when a
    mark is missing without a schedule end (the run did not finish)."""
    end = schedule_end_checkpoint(work_dir)
    ckpts = {m: c if osp.exists(c) else end
             for m, c in mark_checkpoints(work_dir, marks).items()}
    return ckpts if all(osp.exists(c) for c in ckpts.values()) else {}


def pretrain_for_budget(name: str, config: str, budget: float,
                        marks: Sequence[float], work_dir: str,
                        options: Sequence[str] = ()) -> Dict:
    """Train ``config`` for ``budget`` seconds into ``work_dir`` (skipped
    when the run finished before; ``options``: ``--cfg-options`` such as
    ``randomness.seed=1``); returns ``{mark: checkpoint}`` as
    :func:`reached_checkpoints` (marks after the end of a schedule shorter
    than the budget map to its last checkpoint, said on the console; the
    checkpoint's ``meta.train_seconds`` holds when it was saved)."""
    marks = sorted({*marks, budget})
    ckpts = reached_checkpoints(work_dir, marks)
    if ckpts:
        print(f'{name}: checkpoints found in {work_dir}, not retrained',
              flush=True)
    else:
        os.makedirs(work_dir, exist_ok=True)
        cfg = budget_config(config, budget, marks,
                            osp.join(work_dir, 'budget_cfg.py'))
        run_train(cfg, work_dir, options)
        ckpts = reached_checkpoints(work_dir, marks)
    if not ckpts:
        missing = [c for c in mark_checkpoints(work_dir, marks).values()
                   if not osp.exists(c)]
        raise RuntimeError(f'{name}: the budget hook did not write {missing}')
    end = schedule_end_checkpoint(work_dir)
    short = [m for m, c in ckpts.items() if c == end]
    if short:
        print(f'{name}: the schedule ended before the marks {short} s; '
              f'they map to {end}', flush=True)
    return ckpts

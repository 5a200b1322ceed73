import torch
from mmengine.logging import print_log
from mmengine.model import revert_sync_batchnorm
from mmengine.runner import Runner

from mmssl.registry import RUNNERS


def count_sync_bn(model: torch.nn.Module) -> int:
    return sum(isinstance(m, torch.nn.SyncBatchNorm) for m in model.modules())


@RUNNERS.register_module()
class SyncBNAwareRunner(Runner):
    """MMEngine's Runner that can run SyncBN configs anywhere.

    ``SyncBatchNorm`` needs a process group and CUDA tensors. Without a
    launcher, or on a CPU-only machine, every SyncBN layer is replaced by a
    plain BN layer (sharing the same parameters and buffers) right after the
    model is built, and the conversion is logged. Distributed CUDA runs keep
    SyncBN.
    """

    def build_model(self, model):
        model = super().build_model(model)
        keep = self.distributed and torch.cuda.is_available()
        n = count_sync_bn(model)
        if n and not keep:
            model = revert_sync_batchnorm(model)
            why = ('not distributed (no launcher)' if not self.distributed
                   else 'no CUDA (SyncBN is CUDA-only in torch)')
            print_log(f'{why}: converted {n} SyncBN layers to BN',
                      logger='current')
        return model


def find_loadable_checkpoint(work_dir: str):
    """The newest checkpoint of ``work_dir`` that loads: the one
    ``last_checkpoint`` names first, then every ``*.pth`` newest first.
    Returns ``(path or None, [(skipped path, why), ...])``."""
    import glob
    import os.path as osp

    from mmengine.runner.checkpoint import _load_checkpoint
    candidates = []
    record = osp.join(work_dir, 'last_checkpoint')
    if osp.exists(record):
        with open(record) as f:
            candidates.append(f.read().strip())
    candidates += sorted(glob.glob(osp.join(work_dir, '*.pth')),
                         key=osp.getmtime, reverse=True)
    skipped, seen = [], set()
    for path in candidates:
        if path in seen:
            continue
        seen.add(path)
        try:
            ckpt = _load_checkpoint(path, map_location='cpu')
            if not isinstance(ckpt, dict) or 'state_dict' not in ckpt:
                raise ValueError('no state_dict in it')
            return path, skipped
        except Exception as e:  # noqa: BLE001 (any unreadable file)
            skipped.append((path, f'{type(e).__name__}: {e}'[:200]))
    return None, skipped


def unknown_top_level_options(cfg, options) -> list:
    """``--cfg-options`` keys whose first part is not a key of ``cfg``
    (``max_epochs=1`` sets a variable nothing reads; the loop's is
    ``train_cfg.max_epochs``)."""
    return sorted(k for k in (options or {}) if k.split('.')[0] not in cfg)


def build_runner(cfg) -> Runner:
    """The config's own ``runner_type`` if it names one, else
    :class:`SyncBNAwareRunner`."""
    if 'runner_type' in cfg:
        from mmengine.registry import RUNNERS as MMENGINE_RUNNERS
        return MMENGINE_RUNNERS.build(cfg)
    return SyncBNAwareRunner.from_cfg(cfg)

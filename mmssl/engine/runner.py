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


def build_runner(cfg) -> Runner:
    """The config's own ``runner_type`` if it names one, else
    :class:`SyncBNAwareRunner`."""
    if 'runner_type' in cfg:
        from mmengine.registry import RUNNERS as MMENGINE_RUNNERS
        return MMENGINE_RUNNERS.build(cfg)
    return SyncBNAwareRunner.from_cfg(cfg)

from typing import Optional, Union

import torch.nn as nn

from mmssl.registry import MODELS


def build_module(cfg: Optional[Union[dict, nn.Module]]):
    """Build ``cfg`` with mmssl's MODELS (falling back to mmpretrain's and
    MMEngine's), pass modules and ``None`` through.

    mmpretrain's ``BaseSelfSupervisor`` builds sub-modules with mmpretrain's
    registry, which cannot see mmssl's modules unless the default scope is
    ``mmssl``; building them here works under any scope.
    """
    if cfg is None or isinstance(cfg, nn.Module):
        return cfg
    return MODELS.build(cfg)

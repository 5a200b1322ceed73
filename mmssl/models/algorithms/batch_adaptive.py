"""BA-SSL as a plug-in: any self-supervised algorithm that takes a list of
views, with :class:`~mmssl.models.fusion.BatchFusion` applied to one view
before the backbone during training."""
import copy
from typing import Dict, List, Optional

import torch
from mmengine.registry import Registry

from mmssl.registry import MODELS

_classes: Dict[type, type] = {}


class BatchAdaptiveMixin:
    """Adds ``batch_fusion`` (or nothing, when ``fusion`` is ``None``) in
    front of the wrapped algorithm's :meth:`loss`. Inference, feature
    extraction and the state-dict keys of the algorithm are untouched; the
    fusion weights live under ``batch_fusion.`` only, so an extracted
    backbone or a ``prefix='backbone.'`` transfer never sees them."""

    def __init__(self, *args, fusion: Optional[dict] = None,
                 fused_view: int = 1, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fused_view = fused_view
        # mmssl's scope unless the config names one: the wrapped algorithm
        # may be built in mmpretrain's
        self.batch_fusion = MODELS.build(
            {'_scope_': 'mmssl', **fusion}) if fusion else None

    def loss(self, inputs: List[torch.Tensor], data_samples: List,
             **kwargs) -> Dict[str, torch.Tensor]:
        if self.batch_fusion is not None:
            if not isinstance(inputs, (list, tuple)) or len(inputs) < 2:
                raise ValueError(
                    f'BatchAdaptive fuses one of two or more views; '
                    f'{type(self).__mro__[2].__name__} got a single batch '
                    '(single-batch methods such as JigClu and the instance '
                    'classifier are not supported: configs/bassl/README.md)')
            if not -len(inputs) <= self.fused_view < len(inputs):
                raise ValueError(f'BatchAdaptive: fused_view '
                                 f'{self.fused_view} of {len(inputs)} views')
            inputs = list(inputs)
            inputs[self.fused_view] = self.batch_fusion(
                inputs[self.fused_view])
        return super().loss(inputs, data_samples, **kwargs)


def algorithm_cfg(model_cfg):
    """The algorithm's config inside a ``BatchAdaptive`` model config (the
    config itself otherwise): where its backbone and preprocessing are."""
    if str(model_cfg.get('type', '')).split('.')[-1] == 'BatchAdaptive':
        return model_cfg['algorithm']
    return model_cfg


def batch_adaptive_class(algorithm: type) -> type:
    """The subclass of ``algorithm`` with :class:`BatchAdaptiveMixin`
    (one per algorithm class)."""
    if algorithm not in _classes:
        _classes[algorithm] = type(f'BatchAdaptive{algorithm.__name__}',
                                   (BatchAdaptiveMixin, algorithm),
                                   {'__module__': __name__})
    return _classes[algorithm]


@MODELS.register_module(name='BatchAdaptive')
def build_batch_adaptive(algorithm: dict, fusion: Optional[dict],
                         fused_view: int = 1, **kwargs):
    """Build ``algorithm`` (a model config, e.g. ``_base_.model`` of an
    ``mmpretrain::`` config) with batch fusion on view ``fused_view``.

    ``fused_view`` must reach the online network through the loss: 1 (the
    second view, as the authors' code) for symmetric methods (SimCLR, BYOL,
    MoCo v3, DetCon); 0 for MoCo v2, whose second view is the key, encoded
    without gradient. ``fusion=None`` gives the plain algorithm (same keys,
    same loss). ``kwargs`` (such as the ``data_preprocessor`` MMEngine's
    runner adds) go to the algorithm unless it sets them itself.
    """
    cfg = copy.deepcopy(dict(algorithm))
    for key, value in kwargs.items():
        cfg.setdefault(key, value)
    scope = cfg.pop('_scope_', None)
    with MODELS.switch_scope_and_registry(scope) as registry:
        registry: Registry
        algorithm_cls = registry.get(cfg.pop('type'))
        if algorithm_cls is None:
            raise KeyError(f'BatchAdaptive: algorithm type {algorithm["type"]}'
                           f' is not registered in scope {scope or "mmssl"}')
        return batch_adaptive_class(algorithm_cls)(
            fusion=fusion, fused_view=fused_view, **cfg)

from .atomic_checkpoint_hook import AtomicCheckpointHook
from .knn_eval_hook import KNNEvalHook
from .non_finite_check_hook import NonFiniteCheckHook, NonFiniteError
from .pretrained_check_hook import PretrainedBackboneCheckHook
from .raw_feature_init_hook import RawFeatureInitHook
from .sharded_classifier_checkpoint_hook import \
    ShardedClassifierCheckpointHook
from .train_budget_hook import TrainBudgetHook

# Framework-level hooks are also registered in MMEngine's root registry, so
# that configs of any scope (mmdet transfer, mmpretrain baselines) find them
# by name: a scope-prefixed 'mmssl.X' only resolves from mmpretrain's scope.
from mmengine.registry import HOOKS as _ROOT_HOOKS  # noqa: E402

for _hook in (AtomicCheckpointHook, NonFiniteCheckHook,
              PretrainedBackboneCheckHook):
    if _hook.__name__ not in _ROOT_HOOKS.module_dict:
        _ROOT_HOOKS.register_module(module=_hook)

__all__ = [
    'TrainBudgetHook', 'KNNEvalHook', 'RawFeatureInitHook',
    'ShardedClassifierCheckpointHook', 'AtomicCheckpointHook',
    'NonFiniteCheckHook', 'NonFiniteError', 'PretrainedBackboneCheckHook'
]

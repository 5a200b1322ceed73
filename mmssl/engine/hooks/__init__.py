from .atomic_checkpoint_hook import AtomicCheckpointHook
from .knn_eval_hook import KNNEvalHook
from .non_finite_check_hook import NonFiniteCheckHook, NonFiniteError
from .pretrained_check_hook import PretrainedBackboneCheckHook
from .raw_feature_init_hook import RawFeatureInitHook
from .sharded_classifier_checkpoint_hook import \
    ShardedClassifierCheckpointHook
from .train_budget_hook import TrainBudgetHook

__all__ = [
    'TrainBudgetHook', 'KNNEvalHook', 'RawFeatureInitHook',
    'ShardedClassifierCheckpointHook', 'AtomicCheckpointHook',
    'NonFiniteCheckHook', 'NonFiniteError', 'PretrainedBackboneCheckHook'
]

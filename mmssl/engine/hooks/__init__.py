from .knn_eval_hook import KNNEvalHook
from .train_budget_hook import TrainBudgetHook

__all__ = ['TrainBudgetHook', 'KNNEvalHook']

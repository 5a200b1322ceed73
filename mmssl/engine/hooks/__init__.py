from .train_budget_hook import TrainBudgetHook

__all__ = ['TrainBudgetHook']

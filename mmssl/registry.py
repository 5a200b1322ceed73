"""mmssl's registry nodes.

Each node is a child of mmpretrain's node of the same name (itself a child of
MMEngine's root), so a config with ``default_scope='mmssl'`` builds mmssl's
modules first and falls back to mmpretrain's backbones, necks, transforms and
to MMEngine's runners, optimizers and hooks.
"""
from mmengine.registry import Registry
from mmpretrain import registry as mmpretrain_registry

__all__ = [
    'RUNNERS', 'RUNNER_CONSTRUCTORS', 'LOOPS', 'HOOKS', 'LOG_PROCESSORS',
    'OPTIMIZERS', 'OPTIM_WRAPPERS', 'OPTIM_WRAPPER_CONSTRUCTORS',
    'PARAM_SCHEDULERS', 'DATASETS', 'DATA_SAMPLERS', 'TRANSFORMS', 'MODELS',
    'MODEL_WRAPPERS', 'WEIGHT_INITIALIZERS', 'TASK_UTILS', 'METRICS',
    'EVALUATORS', 'VISUALIZERS', 'VISBACKENDS'
]

RUNNERS = Registry(
    'runner',
    parent=mmpretrain_registry.RUNNERS,
    locations=['mmssl.engine'])
RUNNER_CONSTRUCTORS = Registry(
    'runner constructor',
    parent=mmpretrain_registry.RUNNER_CONSTRUCTORS,
    locations=['mmssl.engine'])
LOOPS = Registry(
    'loop',
    parent=mmpretrain_registry.LOOPS,
    locations=['mmssl.engine'])
HOOKS = Registry(
    'hook',
    parent=mmpretrain_registry.HOOKS,
    locations=['mmssl.engine'])
LOG_PROCESSORS = Registry(
    'log processor',
    parent=mmpretrain_registry.LOG_PROCESSORS,
    locations=['mmssl.engine'])
OPTIMIZERS = Registry(
    'optimizer',
    parent=mmpretrain_registry.OPTIMIZERS,
    locations=['mmssl.engine'])
OPTIM_WRAPPERS = Registry(
    'optim wrapper',
    parent=mmpretrain_registry.OPTIM_WRAPPERS,
    locations=['mmssl.engine'])
OPTIM_WRAPPER_CONSTRUCTORS = Registry(
    'optimizer wrapper constructor',
    parent=mmpretrain_registry.OPTIM_WRAPPER_CONSTRUCTORS,
    locations=['mmssl.engine'])
PARAM_SCHEDULERS = Registry(
    'parameter scheduler',
    parent=mmpretrain_registry.PARAM_SCHEDULERS,
    locations=['mmssl.engine'])
DATASETS = Registry(
    'dataset',
    parent=mmpretrain_registry.DATASETS,
    locations=['mmssl.datasets'])
DATA_SAMPLERS = Registry(
    'data sampler',
    parent=mmpretrain_registry.DATA_SAMPLERS,
    locations=['mmssl.datasets'])
TRANSFORMS = Registry(
    'transform',
    parent=mmpretrain_registry.TRANSFORMS,
    locations=['mmssl.datasets'])
MODELS = Registry(
    'model',
    parent=mmpretrain_registry.MODELS,
    locations=['mmssl.models'])
MODEL_WRAPPERS = Registry(
    'model wrapper',
    parent=mmpretrain_registry.MODEL_WRAPPERS,
    locations=['mmssl.models'])
WEIGHT_INITIALIZERS = Registry(
    'weight initializer',
    parent=mmpretrain_registry.WEIGHT_INITIALIZERS,
    locations=['mmssl.models'])
TASK_UTILS = Registry(
    'task util',
    parent=mmpretrain_registry.TASK_UTILS,
    locations=['mmssl.models'])
METRICS = Registry(
    'metric',
    parent=mmpretrain_registry.METRICS,
    locations=['mmssl.evaluation'])
EVALUATORS = Registry(
    'evaluator',
    parent=mmpretrain_registry.EVALUATORS,
    locations=['mmssl.evaluation'])
VISUALIZERS = Registry(
    'visualizer',
    parent=mmpretrain_registry.VISUALIZERS,
    locations=['mmssl.engine'])
VISBACKENDS = Registry(
    'vis_backend',
    parent=mmpretrain_registry.VISBACKENDS,
    locations=['mmssl.engine'])

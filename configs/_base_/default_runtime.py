# mmpretrain's runtime (hooks, logging, env) with mmssl as the default scope,
# checkpoints that survive a kill at any moment and carry the random states
# (an exact resume with ResumableEpochBasedTrainLoop), and a stop with a
# named error at the first NaN / inf (loss terms every iteration, weights
# and buffers every 50 iterations and before every save).
_base_ = 'mmpretrain::_base_/default_runtime.py'
default_scope = 'mmssl'
custom_imports = dict(imports=['mmssl'], allow_failed_imports=False)
# scope-qualified: the merged checkpoint dict keeps mmpretrain's _scope_
default_hooks = dict(
    checkpoint=dict(type='mmssl.AtomicCheckpointHook'),
    non_finite=dict(type='mmssl.NonFiniteCheckHook', interval=50),
    rng_state=dict(type='mmssl.RNGStateHook'))

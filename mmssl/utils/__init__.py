from .checkpoint_safety import (checkpoint_safe_globals,
                                enable_safe_checkpoint_loading)
from .checkpoint_io import (load_prefixed_state_dict, pretrained_mismatch,
                            pretrained_parts, pretrained_state)
from .dist_env import finish_launch, prepare_launch
from .setup_env import register_all_modules

__all__ = [
    'pretrained_mismatch', 'pretrained_parts', 'pretrained_state',
    'register_all_modules', 'enable_safe_checkpoint_loading',
    'checkpoint_safe_globals', 'finish_launch', 'prepare_launch',
    'load_prefixed_state_dict'
]

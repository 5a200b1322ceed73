from .utils.checkpoint_safety import enable_safe_checkpoint_loading
from .version import __version__

# Any process that uses mmssl (our tools, or mmdet's through custom_imports)
# must be able to resume its own checkpoints under torch>=2.6.
enable_safe_checkpoint_loading()

__all__ = ['__version__']

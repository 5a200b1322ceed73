import datetime
import warnings

from mmengine import DefaultScope

from .checkpoint_safety import enable_safe_checkpoint_loading


def register_all_modules(init_default_scope: bool = True) -> None:
    """Import every mmssl module so it is registered, and make checkpoints load
    with ``weights_only=True``.

    Args:
        init_default_scope (bool): set the default scope to ``mmssl`` so that
            registries resolve mmssl first, then mmpretrain, then MMEngine.
    """
    import mmssl.datasets  # noqa: F401
    import mmssl.engine  # noqa: F401
    import mmssl.evaluation  # noqa: F401
    import mmssl.models  # noqa: F401
    enable_safe_checkpoint_loading()

    if not init_default_scope:
        return
    current = DefaultScope.get_current_instance()
    if current is None:
        DefaultScope.get_instance('mmssl', scope_name='mmssl')
    elif current.scope_name != 'mmssl':
        warnings.warn(f'The current default scope "{current.scope_name}" is '
                      'not "mmssl"; register_all_modules switches it to '
                      '"mmssl".')
        DefaultScope.get_instance(
            f'mmssl-{datetime.datetime.now()}', scope_name='mmssl')

from mmengine.model import is_model_wrapper


def unwrap_model(model):
    """The algorithm inside a DDP / MMEngine model wrapper (or itself)."""
    return model.module if is_model_wrapper(model) else model

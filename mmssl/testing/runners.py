"""A small MMEngine runner over in-memory data, for tests of hooks and
loops."""
from mmengine.runner import Runner


def toy_runner(model, work_dir, dataset, name, epochs=3, batch_size=1,
               shuffle=False, lr=0.01, momentum=0., **kwargs) -> Runner:
    """An epoch-based ``Runner`` training ``model`` on ``dataset`` (dicts of
    tensors) with SGD; ``kwargs`` go to ``Runner`` (hooks, loops, resume)."""
    kwargs.setdefault('train_cfg', dict(by_epoch=True, max_epochs=epochs))
    return Runner(
        model=model, work_dir=str(work_dir), experiment_name=name,
        train_dataloader=dict(dataset=dataset, batch_size=batch_size,
                              sampler=dict(type='DefaultSampler',
                                           shuffle=shuffle,
                                           **({'seed': 1} if shuffle
                                              else {})),
                              collate_fn=dict(type='default_collate')),
        optim_wrapper=dict(optimizer=dict(type='SGD', lr=lr,
                                          momentum=momentum)),
        default_scope='mmssl', **kwargs)

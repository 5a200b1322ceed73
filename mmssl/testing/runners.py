"""A small MMEngine runner over in-memory data, for tests of hooks and
loops."""
import torch
from mmengine.model import BaseModel
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


class BlowUpModel(BaseModel):
    """``loss = tanh((w - mean(x))^2)`` (bounded); from forward call
    ``blow_up`` on, the input becomes NaN (``what='loss'``) or a buffer is
    set to inf (``what='buffer'``), for tests of non-finite detection and
    checkpoint safety."""

    def __init__(self, blow_up=None, what='loss'):
        super().__init__()
        self.w = torch.nn.Parameter(torch.zeros(1))
        self.register_buffer('running', torch.ones(1))
        self.blow_up, self.what, self.calls = blow_up, what, 0

    def forward(self, inputs, data_samples=None, mode='loss'):
        self.calls += 1
        if self.blow_up and self.calls >= self.blow_up:
            if self.what == 'loss':
                inputs = inputs * float('nan')
            else:
                with torch.no_grad():
                    self.running.fill_(float('inf'))
        return dict(loss=torch.tanh((self.w - inputs.mean())**2))


def reliability_runner(work_dir, model, epochs=3, keep=1, name='r'):
    """``toy_runner`` over 4 scalar samples with mmssl's atomic checkpoint
    hook (every epoch, ``keep`` kept) and non-finite check (every 2
    iterations)."""
    data = [dict(inputs=torch.tensor(float(i))) for i in range(4)]
    return toy_runner(
        model, work_dir, data, name, epochs=epochs,
        default_hooks=dict(
            checkpoint=dict(type='AtomicCheckpointHook', interval=1,
                            max_keep_ckpts=keep),
            non_finite=dict(type='NonFiniteCheckHook', interval=2)))

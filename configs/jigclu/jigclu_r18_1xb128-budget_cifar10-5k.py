# JigClu R18 (CIFAR stem) on the real 32 px photos of data/cifar10-5k (a
# link to ../shared/data/cifar10-5k) for a fixed wall-clock budget, with the
# same optimiser and batch as configs/benchmarks/baselines/*_cifar10-5k.py
# (tools/benchmarks/method_suite.py).
_base_ = './jigclu_r18_1xb256-200e_cifar10.py'

train_dataloader = dict(batch_size=128, num_workers=2,
                        persistent_workers=True, pin_memory=False,
                        dataset=dict(data_root='data/cifar10-5k/'))
optim_wrapper = dict(optimizer=dict(lr=0.06))
max_epochs = 100  # the budget hook stops training long before
param_scheduler = _base_.param_scheduler
param_scheduler[0].update(T_max=max_epochs, end=max_epochs,
                          convert_to_iter_based=True)
train_cfg = dict(max_epochs=max_epochs)
auto_scale_lr = dict(base_batch_size=128)
custom_hooks = [dict(type='mmssl.TrainBudgetHook', seconds=240)]
default_hooks = dict(logger=dict(interval=10),
                     checkpoint=dict(interval=1, max_keep_ckpts=2))
randomness = dict(seed=0)

# mmpretrain's BYOL in the shared CIFAR budget setting: ResNet-18 (CIFAR
# stem), 32 px views, batch 128, and the same LARS optimiser, warm-up and
# target momentum as configs/detcon/detconb_r18_1xb128-budget_cifar10-5k.py,
# so the two differ only by DetCon's mask pooling.
_base_ = './byol_r18_1xb32-budget_coco128.py'

model = dict(backbone=dict(type='ResNet_CIFAR', depth=18,
                           norm_cfg=dict(type='BN')))
train_pipeline = _base_.train_pipeline
train_pipeline[1].transforms[0][0].scale = 32
train_pipeline[1].transforms[1][0].scale = 32
train_dataloader = dict(
    batch_size=128, persistent_workers=True,
    dataset=dict(data_root='data/cifar10-5k/', data_prefix='train',
                 pipeline=train_pipeline))
optim_wrapper = dict(optimizer=dict(lr=1.0))
max_epochs = 100
param_scheduler = _base_.param_scheduler
param_scheduler[0].end = 1
param_scheduler[1].update(T_max=max_epochs - 1, begin=1, end=max_epochs)
train_cfg = dict(max_epochs=max_epochs)
auto_scale_lr = dict(base_batch_size=128)
custom_hooks = [dict(type='mmssl.TrainBudgetHook', seconds=300)]
default_hooks = dict(logger=dict(interval=10))

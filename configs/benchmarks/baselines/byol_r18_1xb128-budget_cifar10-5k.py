# mmpretrain's BYOL in the shared CIFAR budget setting: ResNet-18 (CIFAR
# stem), 32 px views, batch 128, and the same LARS optimiser, warm-up and
# target momentum as configs/detcon/detconb_r18_1xb128-budget_cifar10-5k.py,
# so the two differ only by DetCon's mask pooling.
_base_ = './byol_r18_1xb32-budget_coco128.py'

data_root = '../shared/data/cifar10-5k/'
model = dict(backbone=dict(type='ResNet_CIFAR', depth=18,
                           norm_cfg=dict(type='BN')))
view_pipeline1 = [
    dict(type='RandomResizedCrop', scale=32, crop_ratio_range=(0.2, 1.0),
         interpolation='bicubic', backend='pillow'),
    dict(type='RandomFlip', prob=0.5),
    dict(type='RandomApply',
         transforms=[dict(type='ColorJitter', brightness=0.4, contrast=0.4,
                          saturation=0.2, hue=0.1)],
         prob=0.8),
    dict(type='RandomGrayscale', prob=0.2, keep_channels=True,
         channel_weights=(0.114, 0.587, 0.2989)),
    dict(type='GaussianBlur', magnitude_range=(0.1, 2.0), magnitude_std='inf',
         prob=1.0),
]
view_pipeline2 = [
    *view_pipeline1[:4],
    dict(type='GaussianBlur', magnitude_range=(0.1, 2.0), magnitude_std='inf',
         prob=0.1),
    dict(type='Solarize', thr=128, prob=0.2),
]
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='MultiView', num_views=[1, 1],
         transforms=[view_pipeline1, view_pipeline2]),
    dict(type='PackInputs'),
]
train_dataloader = dict(
    batch_size=128, persistent_workers=True,
    dataset=dict(data_root=data_root, data_prefix='train',
                 pipeline=train_pipeline))
optim_wrapper = dict(optimizer=dict(lr=1.0))
max_epochs = 100
warmup_epochs = 1
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-2, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs,
         eta_min=0., by_epoch=True, begin=warmup_epochs, end=max_epochs,
         convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=max_epochs)
auto_scale_lr = dict(base_batch_size=128)
custom_hooks = [dict(type='mmssl.TrainBudgetHook', seconds=300)]
default_hooks = dict(logger=dict(interval=10))

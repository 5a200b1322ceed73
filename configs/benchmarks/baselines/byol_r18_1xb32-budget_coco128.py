# mmpretrain's BYOL as the baseline to DetCon-B: same ResNet-18, projector /
# predictor sizes, 128 px views, batch, optimiser and wall-clock budget as
# configs/detcon/detconb_r18_1xb32-budget_coco128.py.
_base_ = 'mmpretrain::byol/byol_resnet50_16xb256-coslr-200e_in1k.py'
custom_imports = dict(imports=['mmssl'], allow_failed_imports=False)

data_root = '../shared/data/coco128/'
model = dict(
    base_momentum=0.004,  # DetCon-B's target momentum 0.996
    backbone=dict(depth=18),
    neck=dict(in_channels=512, hid_channels=1024),
    head=dict(predictor=dict(hid_channels=1024)))
view_pipeline1 = [
    dict(type='RandomResizedCrop', scale=128, crop_ratio_range=(0.2, 1.0),
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
    # _delete_: the collate_fn of an mmpretrain:: base carries a _scope_ key
    # that MMEngine 0.10.7 would pass on to default_collate
    collate_fn=dict(_delete_=True, type='default_collate'),
    batch_size=32,
    num_workers=2,
    drop_last=True,
    dataset=dict(_delete_=True, type='CustomDataset', data_root=data_root,
                 data_prefix='images', with_label=False,
                 pipeline=train_pipeline))
optim_wrapper = dict(optimizer=dict(lr=0.8, weight_decay=1.5e-6))
max_epochs = 200
warmup_epochs = 2
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-2, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs,
         eta_min=0., by_epoch=True, begin=warmup_epochs, end=max_epochs,
         convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=max_epochs)
auto_scale_lr = dict(base_batch_size=32)
budget_seconds = 420
custom_hooks = [dict(type='mmssl.TrainBudgetHook', seconds=budget_seconds)]
default_hooks = dict(logger=dict(interval=5),
                     checkpoint=dict(interval=1, max_keep_ckpts=1))
randomness = dict(seed=0)

# Instance classifier, ResNet-18 (CIFAR stem) on the 5,000 real 32 px photos
# of ../shared/data/cifar10-5k (5,000 classes), batch 128.
_base_ = './instcls_r50_64xb64-coslr-200e_in1k.py'

data_root = '../shared/data/cifar10-5k/'
num_instances = 5000
view_pipeline = [
    dict(type='RandomResizedCrop', scale=32, crop_ratio_range=(0.2, 1.),
         backend='pillow'),
    dict(type='RandomFlip', prob=0.5),
    dict(type='RandomApply',
         transforms=[dict(type='ColorJitter', brightness=0.4, contrast=0.4,
                          saturation=0.4, hue=0.1)],
         prob=0.8),
    dict(type='RandomGrayscale', prob=0.2, keep_channels=True,
         channel_weights=(0.114, 0.587, 0.2989)),
]
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='MultiView', num_views=1, transforms=[view_pipeline]),
    dict(type='PackInputs', algorithm_keys=['instance_id']),
]
init_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='PackInputs', algorithm_keys=['instance_id']),
]
cifar = dict(type='CustomDataset', data_root=data_root, data_prefix='train',
             with_label=False)
train_dataloader = dict(
    batch_size=128, num_workers=2, pin_memory=False,
    dataset=dict(dataset=dict(_delete_=True, pipeline=train_pipeline,
                              **cifar)))
model = dict(
    backbone=dict(type='ResNet_CIFAR', depth=18, norm_cfg=dict(type='BN')),
    neck=dict(in_channels=512, hid_channels=512),
    head=dict(num_classes=num_instances))
optim_wrapper = dict(optimizer=dict(lr=0.48 * 128 / 4096 * 4))
max_epochs = 30
warmup_epochs = 1
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-3, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs,
         by_epoch=True, begin=warmup_epochs, end=max_epochs,
         convert_to_iter_based=True)
]
train_cfg = dict(max_epochs=max_epochs)
auto_scale_lr = dict(base_batch_size=128)
custom_hooks = [
    dict(type='RawFeatureInitHook', bn_stats='batch',
         dataloader=dict(
             batch_size=256, num_workers=2,
             sampler=dict(type='DefaultSampler', shuffle=False),
             collate_fn=dict(type='default_collate'),
             dataset=dict(type='InstanceIdDataset',
                          dataset=dict(pipeline=init_pipeline, **cifar)))),
    dict(type='ShardedClassifierCheckpointHook'),
]
default_hooks = dict(logger=dict(interval=10),
                     checkpoint=dict(interval=1, max_keep_ckpts=1))
randomness = dict(seed=0)

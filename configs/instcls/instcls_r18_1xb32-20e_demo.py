# CPU demo: instance classifier R18 on the 160 embedded demo images
# (tools/misc/make_demo_data.py), 96 px views.
_base_ = './instcls_r50_64xb64-coslr-200e_in1k.py'

data_root = 'data/demo/'
num_instances = 160
view_pipeline = [
    dict(type='RandomResizedCrop', scale=96, backend='pillow'),
    dict(type='RandomFlip', prob=0.5),
    dict(type='RandomApply',
         transforms=[dict(type='ColorJitter', brightness=0.8, contrast=0.8,
                          saturation=0.8, hue=0.2)],
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
    dict(type='Resize', scale=(96, 96), backend='pillow'),
    dict(type='PackInputs', algorithm_keys=['instance_id']),
]
demo = dict(type='CustomDataset', data_root=data_root,
            data_prefix='images/train', with_label=False)
train_dataloader = dict(
    batch_size=32, num_workers=2, pin_memory=False,
    dataset=dict(dataset=dict(_delete_=True, pipeline=train_pipeline,
                              **demo)))
model = dict(
    backbone=dict(depth=18),
    neck=dict(in_channels=512, hid_channels=512),
    head=dict(num_classes=num_instances, num_hard_classes=5))
optim_wrapper = dict(optimizer=dict(lr=0.48 * 32 / 4096 * 8))
max_epochs = 20
warmup_epochs = 1
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-3, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs,
         by_epoch=True, begin=warmup_epochs, end=max_epochs,
         convert_to_iter_based=True)
]
train_cfg = dict(max_epochs=max_epochs)
auto_scale_lr = dict(base_batch_size=32)
custom_hooks = [
    dict(type='RawFeatureInitHook', bn_stats='batch',
         dataloader=dict(
             batch_size=32, num_workers=2,
             sampler=dict(type='DefaultSampler', shuffle=False),
             collate_fn=dict(type='default_collate'),
             dataset=dict(type='InstanceIdDataset',
                          dataset=dict(pipeline=init_pipeline, **demo)))),
    dict(type='ShardedClassifierCheckpointHook'),
]
default_hooks = dict(logger=dict(interval=5),
                     checkpoint=dict(interval=max_epochs, max_keep_ckpts=1))
randomness = dict(seed=0)

# CPU demo: EMP-SSL R18 on the embedded demo images, 8 patches of 32 px.
_base_ = './empssl_r18_1xb100-20p-1e_cifar10.py'

num_patches = 8
patch_pipeline = {{_base_.patch_pipeline}}
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='MultiView', num_views=num_patches,
         transforms=[patch_pipeline]),
    dict(type='PackInputs'),
]
train_dataloader = dict(
    batch_size=16, num_workers=2, persistent_workers=False,
    dataset=dict(data_root='data/demo/', data_prefix='images/train',
                 pipeline=train_pipeline))
model = dict(backbone=dict(norm_cfg=dict(type='BN')),
             neck=dict(hid_channels=512, out_channels=128))
optim_wrapper = dict(optimizer=dict(lr=0.3 * 16 / 100))
max_epochs = 2
param_scheduler = [
    dict(type='CosineAnnealingLR', T_max=max_epochs, by_epoch=True, begin=0,
         end=max_epochs, convert_to_iter_based=True)
]
train_cfg = dict(max_epochs=max_epochs)

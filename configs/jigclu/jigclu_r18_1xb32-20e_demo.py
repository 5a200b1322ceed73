# CPU demo: JigClu R18 on the embedded demo images; 64 px patches tile into
# 128 px montages.
_base_ = './jigclu_r50_8xb32-200e_in1k.py'

data_root = 'data/demo/'
patch_size = 64
piece_pipeline = [
    dict(type='RandomResizedCrop', scale=patch_size,
         crop_ratio_range=(0.2, 1.), backend='pillow'),
    dict(type='RandomApply',
         transforms=[dict(type='ColorJitter', brightness=0.4, contrast=0.4,
                          saturation=0.4, hue=0.1)],
         prob=0.8),
    dict(type='RandomGrayscale', prob=0.2, keep_channels=True,
         channel_weights=(0.114, 0.587, 0.2989)),
    dict(type='GaussianBlur', magnitude_range=(0.1, 2.0), magnitude_std='inf',
         prob=0.5),
    dict(type='RandomFlip', prob=0.5),
]
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='JigsawCrops', grid=2, cross_ratio=0.3,
         transforms=piece_pipeline),
    dict(type='PackInputs'),
]
train_dataloader = dict(
    batch_size=32,
    num_workers=2,
    pin_memory=False,
    dataset=dict(_delete_=True, type='CustomDataset', data_root=data_root,
                 data_prefix='images/train', with_label=False,
                 pipeline=train_pipeline))
model = dict(
    backbone=dict(depth=18),
    head=dict(in_channels=512, hid_channels=512))
max_epochs = 20
param_scheduler = [
    dict(type='CosineAnnealingLR', T_max=max_epochs, by_epoch=True, begin=0,
         end=max_epochs, convert_to_iter_based=True)
]
train_cfg = dict(max_epochs=max_epochs)
optim_wrapper = dict(optimizer=dict(lr=0.03 * 32 / 256 * 4))
auto_scale_lr = dict(base_batch_size=32)
default_hooks = dict(logger=dict(interval=5),
                     checkpoint=dict(interval=max_epochs, max_keep_ckpts=1))
randomness = dict(seed=0)

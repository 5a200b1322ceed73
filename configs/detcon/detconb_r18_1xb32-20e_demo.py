# CPU demo: DetCon-B with ResNet-18 on the embedded demo images
# (python tools/misc/make_demo_data.py data/demo). A few minutes on 2 cores.
_base_ = './detconb_r50_8xb512-1000e_in1k.py'

data_root = 'data/demo/'
crop_size = 128
model = dict(
    backbone=dict(depth=18),
    neck=dict(projector=dict(in_channels=512, hid_channels=1024)),
    head=dict(predictor=dict(hid_channels=1024)))

# The demo images are 128 px: Felzenszwalb's min_size scaled from the
# paper's 1000 px at COCO resolution.
mask_loader = dict(
    type='LoadDetConMask', method='felzenszwalb',
    method_kwargs=dict(scale=300, sigma=0.8, min_size=60))
# as the base's views, with 128 px crops of at least 20% of the image
view_pipeline1 = [
    dict(type='MaskedRandomResizedCrop', scale=crop_size,
         crop_ratio_range=(0.2, 1.0), interpolation='bicubic',
         backend='pillow'),
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
    mask_loader,
    dict(type='MultiViewWithMasks', num_views=[1, 1],
         transforms=[view_pipeline1, view_pipeline2]),
    dict(type='PackInputs', algorithm_keys=['view_masks']),
]
train_dataloader = dict(
    batch_size=32,
    num_workers=2,
    persistent_workers=True,
    pin_memory=False,
    drop_last=True,
    dataset=dict(
        _delete_=True,
        type='CustomDataset',
        data_root=data_root,
        data_prefix='images/train',
        with_label=False,
        pipeline=train_pipeline))

max_epochs = 20
warmup_epochs = 2
optim_wrapper = dict(optimizer=dict(lr=0.8))
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-2, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs,
         eta_min=0., by_epoch=True, begin=warmup_epochs, end=max_epochs,
         convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=max_epochs)
auto_scale_lr = dict(base_batch_size=32)
default_hooks = dict(
    logger=dict(interval=5),
    checkpoint=dict(interval=max_epochs, max_keep_ckpts=1))
randomness = dict(seed=0)

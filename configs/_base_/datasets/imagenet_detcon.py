# DetCon's two mask-consistent views (Hénaff et al. 2021, App. A / BYOL
# augmentations). Geometric transforms move the mask with the image.
dataset_type = 'ImageNet'
data_root = 'data/imagenet/'
data_preprocessor = dict(
    type='SelfSupDataPreprocessor',
    mean=[123.675, 116.28, 103.53],
    std=[58.395, 57.12, 57.375],
    to_rgb=True)

crop_size = 224

view_pipeline1 = [
    dict(type='MaskedRandomResizedCrop', scale=crop_size,
         crop_ratio_range=(0.08, 1.0), aspect_ratio_range=(3 / 4, 4 / 3),
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
]  # no solarisation in view 1 (official apply_prob 0)
# view 2 differs only in blur (p=0.1) and solarisation (p=0.2)
view_pipeline2 = [
    *view_pipeline1[:4],
    dict(type='GaussianBlur', magnitude_range=(0.1, 2.0), magnitude_std='inf',
         prob=0.1),
    dict(type='Solarize', thr=128, prob=0.2),
]
train_pipeline = [
    dict(type='LoadImageFromFile'),
    # Felzenszwalb with the defaults of mmssl.datasets.masks (the paper's
    # scale 1000, sigma 0.8, min_size 1000 at full resolution); set
    # mask_dir to the output of tools/misc/generate_masks.py
    dict(type='LoadDetConMask', method='felzenszwalb', mask_dir=None),
    dict(type='MultiViewWithMasks', num_views=[1, 1],
         transforms=[view_pipeline1, view_pipeline2]),
    dict(type='PackInputs', algorithm_keys=['view_masks']),
]

train_dataloader = dict(
    batch_size=32,
    num_workers=8,
    persistent_workers=True,
    pin_memory=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    collate_fn=dict(type='default_collate'),
    dataset=dict(
        type=dataset_type,
        data_root=data_root,
        split='train',
        pipeline=train_pipeline))

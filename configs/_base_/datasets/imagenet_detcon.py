# DetCon's two mask-consistent views (Hénaff et al. 2021, App. A / BYOL
# augmentations). Geometric transforms move the mask with the image.
_base_ = ['./imagenet.py', './colour_augmentations.py']

crop_size = 224
colour = _base_.colour_augmentations  # BYOL's strengths
colour[0].transforms[0].saturation = 0.2
colour[2].prob = 1.0

view_pipeline1 = [
    dict(type='MaskedRandomResizedCrop', scale=crop_size,
         crop_ratio_range=(0.08, 1.0), aspect_ratio_range=(3 / 4, 4 / 3),
         interpolation='bicubic', backend='pillow'),
    dict(type='RandomFlip', prob=0.5),
    *colour,
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

train_dataloader = dict(dataset=dict(pipeline=train_pipeline))

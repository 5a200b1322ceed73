# EMP-SSL on ImageNet-100: ImageNet stem ResNet-18, 224 px bicubic patches
# of 25% of the area with torchvision's default aspect ratios (3/4 to 4/3;
# the official aug4img.py sets no ratio), normalised with mean = std = 0.5.
# Ten epochs of a 30-epoch cosine, as the CIFAR config.
_base_ = './empssl_r18_1xb100-20p-1e_cifar10.py'

data_root = 'data/imagenet100/'
patch_size = 224
patch_pipeline = [
    dict(type='RandomResizedCrop', scale=patch_size,
         crop_ratio_range=(0.25, 0.25), aspect_ratio_range=(3. / 4., 4. / 3.),
         interpolation='bicubic', backend='pillow'),
    dict(type='RandomFlip', prob=0.5),
    dict(type='RandomApply',
         transforms=[dict(type='ColorJitter', brightness=0.4, contrast=0.4,
                          saturation=0.4, hue=0.2)],
         prob=0.8),
    dict(type='RandomGrayscale', prob=0.2, keep_channels=True,
         channel_weights=(0.114, 0.587, 0.2989)),
    dict(type='GaussianBlur', magnitude_range=(0.1, 2.0), magnitude_std='inf',
         prob=0.1),
    dict(type='Solarize', thr=128, prob=0.1),
]
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='MultiView', num_views=20, transforms=[patch_pipeline]),
    dict(type='PackInputs'),
]
train_dataloader = dict(
    dataset=dict(data_root=data_root, pipeline=train_pipeline))
model = dict(
    backbone=dict(type='ResNet', depth=18),
    micro_batch=500)
max_epochs = 10
schedule_epochs = 30
param_scheduler = [
    dict(type='CosineAnnealingLR', T_max=schedule_epochs, by_epoch=True,
         begin=0, end=schedule_epochs, convert_to_iter_based=True)
]
train_cfg = dict(max_epochs=max_epochs)

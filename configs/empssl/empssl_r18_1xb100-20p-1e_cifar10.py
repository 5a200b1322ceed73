# EMP-SSL (Tong et al. 2023): ResNet-18 (CIFAR stem), CIFAR-10, 20 patches
# per image (random resized crop of 25% of the area, square, 32 px), batch
# 100 images, clipped LARS over SGD (lr 0.3, momentum 0.9, Nesterov, wd 1e-4,
# eta 0.005, bias and norm excluded from adaptation and decay), cosine per
# iteration. "One epoch" as the official code runs it (main.py --epoch 2):
# the cosine spans two epochs and training stops after the first, with the
# lr still at half its peak.
_base_ = [
    '../_base_/default_runtime.py',
    '../_base_/datasets/colour_augmentations.py',
]

num_patches = 20
patch_size = 32
data_root = 'data/cifar10/'
data_preprocessor = dict(
    type='SelfSupDataPreprocessor',
    # official Normalize([0.5] * 3, [0.5] * 3) on [0, 1] pixels
    mean=[127.5, 127.5, 127.5],
    std=[127.5, 127.5, 127.5],
    to_rgb=True)
colour = _base_.colour_augmentations  # the official strengths
colour[0].transforms[0].hue = 0.2
colour[2].prob = 0.1
patch_pipeline = [
    dict(type='RandomResizedCrop', scale=patch_size,
         crop_ratio_range=(0.25, 0.25), aspect_ratio_range=(1., 1.),
         backend='pillow'),
    dict(type='RandomFlip', prob=0.5),
    *colour,
    dict(type='Solarize', thr=128, prob=0.1),
]
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='MultiView', num_views=num_patches,
         transforms=[patch_pipeline]),
    dict(type='PackInputs'),
]
train_dataloader = dict(
    batch_size=100,
    num_workers=8,
    persistent_workers=True,
    drop_last=True,
    sampler=dict(type='DefaultSampler', shuffle=True),
    collate_fn=dict(type='default_collate'),
    dataset=dict(type='CustomDataset', data_root=data_root,
                 data_prefix='train', with_label=False,
                 pipeline=train_pipeline))

model = dict(
    type='EMPSSL',
    backbone=dict(type='ResNet_CIFAR', depth=18, norm_cfg=dict(type='SyncBN'),
                  zero_init_residual=False),
    neck=dict(type='EMPSSLNeck', in_channels=512, hid_channels=4096,
              out_channels=1024),
    head=dict(type='EMPSSLHead',
              loss=dict(type='EMPSSLLoss', eps=0.2, invariance_weight=200.,
                        tcr_weight=1.)),
    micro_batch=None)

# 1-D tensors (biases, BN scales and shifts) are neither adapted nor decayed
optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(type='ClippedLARS', lr=0.3, momentum=0.9, nesterov=True,
                   weight_decay=1e-4, eta=0.005, clip=True,
                   exclude_bias_and_norm=True))
max_epochs = 1
schedule_epochs = 2  # cosine length; training stops at max_epochs
param_scheduler = [
    dict(type='CosineAnnealingLR', T_max=schedule_epochs, by_epoch=True,
         begin=0, end=schedule_epochs, convert_to_iter_based=True)
]
# resumes mid-epoch at the saved iteration (mmssl.engine.loops)
train_cfg = dict(type='ResumableEpochBasedTrainLoop', max_epochs=max_epochs)
auto_scale_lr = dict(base_batch_size=100)
default_hooks = dict(logger=dict(interval=10),
                     checkpoint=dict(interval=1, max_keep_ckpts=3))
randomness = dict(seed=0)

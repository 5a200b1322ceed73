# JigClu R18 for 32-96 px images (CIFAR stem): 16 px patches of 32 px
# images tile into 32 px montages.
_base_ = './jigclu_r50_8xb32-200e_in1k.py'

data_root = 'data/cifar10/'
patch_size = 16
piece_pipeline = [
    dict(type='RandomResizedCrop', scale=patch_size,
         crop_ratio_range=(0.2, 1.), backend='pillow'),
    dict(type='RandomApply',
         transforms=[dict(type='ColorJitter', brightness=0.4, contrast=0.4,
                          saturation=0.4, hue=0.1)],
         prob=0.8),
    dict(type='RandomGrayscale', prob=0.2, keep_channels=True,
         channel_weights=(0.114, 0.587, 0.2989)),
    dict(type='RandomFlip', prob=0.5),
]
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='JigsawCrops', grid=2, cross_ratio=0.3,
         transforms=piece_pipeline),
    dict(type='PackInputs'),
]
train_dataloader = dict(
    batch_size=256,
    num_workers=4,
    dataset=dict(_delete_=True, type='CustomDataset', data_root=data_root,
                 data_prefix='train', with_label=False,
                 pipeline=train_pipeline))
model = dict(
    backbone=dict(type='ResNet_CIFAR', depth=18,
                  norm_cfg=dict(type='SyncBN')),
    head=dict(in_channels=512, hid_channels=512))

# Jigsaw Clustering: each image is cut into 2x2 overlapping pieces (cross
# ratio 0.3), each piece gets its own MoCo v2 augmentation and is cropped to
# a 112 px patch; the model tiles patches of the batch into 224 px montages.
_base_ = ['./imagenet.py', './colour_augmentations.py']

grid = 2
patch_size = 112
piece_pipeline = [
    dict(type='RandomResizedCrop', scale=patch_size,
         crop_ratio_range=(0.2, 1.), backend='pillow'),
    *_base_.colour_augmentations,  # MoCo v2's
    dict(type='RandomFlip', prob=0.5),
]
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='JigsawCrops', grid=grid, cross_ratio=0.3,
         transforms=piece_pipeline),
    dict(type='PackInputs'),
]
# the montage mixes a full batch
train_dataloader = dict(drop_last=True,
                        dataset=dict(pipeline=train_pipeline))

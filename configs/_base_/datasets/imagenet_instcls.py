# Parametric instance classification: one SimCLR-strength view per image,
# labelled with its index in the dataset (InstanceIdDataset). The un-augmented
# `init_dataloader` feeds the raw-feature initialisation of the classifier.
_base_ = ['./imagenet.py', './colour_augmentations.py']

colour = _base_.colour_augmentations  # SimCLR's strengths
colour[0].transforms[0].update(brightness=0.8, contrast=0.8, saturation=0.8,
                               hue=0.2)
view_pipeline = [
    dict(type='RandomResizedCrop', scale=224, backend='pillow'),
    dict(type='RandomFlip', prob=0.5),
    *colour,
]
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='MultiView', num_views=1, transforms=[view_pipeline]),
    dict(type='PackInputs', algorithm_keys=['instance_id']),
]
init_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='ResizeEdge', scale=256, edge='short', backend='pillow'),
    dict(type='CenterCrop', crop_size=224),
    dict(type='PackInputs', algorithm_keys=['instance_id']),
]
images = _base_.train_dataloader.dataset
train_dataloader = dict(
    batch_size=64,
    drop_last=True,  # the classifier shards assume full batches
    dataset=dict(_delete_=True, type='InstanceIdDataset',
                 dataset=dict(**images, pipeline=train_pipeline)))
init_dataloader = dict(
    batch_size=256,
    num_workers=8,
    sampler=dict(type='DefaultSampler', shuffle=False),
    collate_fn=dict(type='default_collate'),
    dataset=dict(type='InstanceIdDataset',
                 dataset=dict(**images, pipeline=init_pipeline)))

# EMP-SSL headline setting: 200 patches per image (20,000 crops a step).
# Patches are embedded in micro-batches of 2,000 under activation
# checkpointing, so activation memory is that of 2,000 crops.
_base_ = './empssl_r18_1xb100-20p-1e_cifar10.py'

num_patches = 200
patch_pipeline = {{_base_.patch_pipeline}}
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='MultiView', num_views=num_patches,
         transforms=[patch_pipeline]),
    dict(type='PackInputs'),
]
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
model = dict(micro_batch=2000)

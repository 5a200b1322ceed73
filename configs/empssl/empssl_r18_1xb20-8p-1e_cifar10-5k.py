# EMP-SSL on the 5,000 real 32 px photos of ../shared/data/cifar10-5k, one
# epoch, 8 patches per image (CPU benchmark: tools/benchmarks/empssl_one_epoch.py)
_base_ = './empssl_r18_1xb100-20p-1e_cifar10.py'

data_root = '../shared/data/cifar10-5k/'
num_patches = 8
patch_pipeline = {{_base_.patch_pipeline}}
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='MultiView', num_views=num_patches,
         transforms=[patch_pipeline]),
    dict(type='PackInputs'),
]
train_dataloader = dict(
    batch_size=20, num_workers=2, persistent_workers=True,
    dataset=dict(data_root=data_root, pipeline=train_pipeline))
model = dict(backbone=dict(norm_cfg=dict(type='BN')))
optim_wrapper = dict(optimizer=dict(lr=0.3 * 20 / 100))

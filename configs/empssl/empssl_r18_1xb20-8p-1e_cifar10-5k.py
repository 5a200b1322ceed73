# EMP-SSL on the 5,000 real 32 px photos of data/cifar10-5k (a link to
# ../shared/data/cifar10-5k), one epoch of the official 2-epoch cosine,
# 8 patches per image (CPU benchmark: tools/benchmarks/empssl_one_epoch.py).
_base_ = './empssl_r18_1xb100-20p-1e_cifar10.py'

train_pipeline = _base_.train_pipeline
train_pipeline[1].num_views = 8
train_dataloader = dict(
    batch_size=20, num_workers=2, persistent_workers=True,
    dataset=dict(data_root='data/cifar10-5k/', pipeline=train_pipeline))
model = dict(backbone=dict(norm_cfg=dict(type='BN')))
optim_wrapper = dict(optimizer=dict(lr=0.3 * 20 / 100))

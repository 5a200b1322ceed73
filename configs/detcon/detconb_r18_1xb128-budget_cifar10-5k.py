# DetCon-B, ResNet-18 (CIFAR stem), on the 5,000 real 32 px photos of
# data/cifar10-5k (a link to ../shared/data/cifar10-5k, see README) for a
# fixed wall-clock budget: the shared setting of
# tools/benchmarks/method_suite.py (batch 128, 32 px, as the SimCLR /
# MoCo v2 / BYOL / JigClu / instance-classifier budget configs).
_base_ = './detconb_r18_1xb32-200e_coco128.py'

model = dict(backbone=dict(type='ResNet_CIFAR', norm_cfg=dict(type='BN')))
data_root = 'data/cifar10-5k/'
train_pipeline = _base_.train_pipeline
# Felzenszwalb on the fly at 32 px: scale / min_size shrunk so a photo gets
# a few segments (median 5, 10-90% 3-7) that survive the 4x4 feature grid
train_pipeline[1].method_kwargs = dict(scale=200, sigma=0.8, min_size=40)
train_pipeline[2].transforms[0][0].scale = 32
train_pipeline[2].transforms[1][0].scale = 32
train_dataloader = dict(
    batch_size=128,
    dataset=dict(data_root=data_root, data_prefix='train',
                 pipeline=train_pipeline))
optim_wrapper = dict(optimizer=dict(lr=1.0))
max_epochs = 100  # the budget hook stops training long before
param_scheduler = _base_.param_scheduler
param_scheduler[0].end = 1
param_scheduler[1].update(T_max=max_epochs - 1, begin=1, end=max_epochs)
train_cfg = dict(max_epochs=max_epochs)
auto_scale_lr = dict(base_batch_size=128)
custom_hooks = [dict(type='TrainBudgetHook', seconds=300)]
default_hooks = dict(logger=dict(interval=10))

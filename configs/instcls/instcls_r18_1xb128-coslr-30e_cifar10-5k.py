# Instance classifier, ResNet-18 (CIFAR stem) on the 5,000 real 32 px photos
# of data/cifar10-5k (a link to ../shared/data/cifar10-5k; 5,000 classes),
# batch 128.
_base_ = './instcls_r50_64xb64-coslr-200e_in1k.py'

num_instances = 5000
cifar = dict(type='CustomDataset', data_root='data/cifar10-5k/',
             data_prefix='train', with_label=False)
train_pipeline = _base_.train_pipeline
train_pipeline[1].transforms[0][0].update(scale=32,
                                          crop_ratio_range=(0.2, 1.))
train_pipeline[1].transforms[0][2].transforms[0].update(
    brightness=0.4, contrast=0.4, saturation=0.4, hue=0.1)
train_pipeline[1].transforms[0].pop(4)  # no blur at 32 px
train_dataloader = dict(
    batch_size=128, num_workers=2, pin_memory=False,
    dataset=dict(dataset=dict(_delete_=True, pipeline=train_pipeline,
                              **cifar)))
model = dict(
    backbone=dict(type='ResNet_CIFAR', depth=18, norm_cfg=dict(type='BN')),
    neck=dict(in_channels=512, hid_channels=512),
    head=dict(num_classes=num_instances))
optim_wrapper = dict(optimizer=dict(lr=0.48 * 128 / 4096 * 4))
max_epochs = 30
param_scheduler = _base_.param_scheduler
param_scheduler[0].end = 1
param_scheduler[1].update(T_max=max_epochs - 1, begin=1, end=max_epochs)
train_cfg = dict(max_epochs=max_epochs)
auto_scale_lr = dict(base_batch_size=128)
init_pipeline = _base_.init_pipeline
del init_pipeline[1:3]  # the 32 px photos as they are
custom_hooks = _base_.custom_hooks
custom_hooks[0].dataloader.num_workers = 2
custom_hooks[0].dataloader.dataset.dataset = dict(pipeline=init_pipeline,
                                                  **cifar)
default_hooks = dict(logger=dict(interval=10),
                     checkpoint=dict(interval=1, max_keep_ckpts=2))
randomness = dict(seed=0)

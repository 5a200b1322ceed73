# mmpretrain's SimCLR, CIFAR-sized: ResNet-18 (CIFAR stem), 32 px views,
# batch 128, SGD; budget-matched to configs/jigclu/*_cifar10-5k.py. Data:
# data/cifar10-5k, a link to ../shared/data/cifar10-5k.
_base_ = 'mmpretrain::simclr/simclr_resnet50_16xb256-coslr-200e_in1k.py'
custom_imports = dict(imports=['mmssl'], allow_failed_imports=False)

model = dict(
    backbone=dict(type='ResNet_CIFAR', depth=18, norm_cfg=dict(type='BN')),
    neck=dict(in_channels=512, hid_channels=512, out_channels=128),
    head=dict(temperature=0.1))
view_pipeline = _base_.view_pipeline
view_pipeline[0].update(scale=32, crop_ratio_range=(0.2, 1.))
view_pipeline[2].transforms[0].update(brightness=0.4, contrast=0.4,
                                      saturation=0.4, hue=0.1)
view_pipeline.pop(4)  # no blur at 32 px
train_pipeline = _base_.train_pipeline
train_pipeline[1].transforms = [view_pipeline]
train_dataloader = dict(
    # _delete_: the collate_fn of an mmpretrain:: base carries a _scope_ key
    # that MMEngine 0.10.7 would pass on to default_collate
    collate_fn=dict(_delete_=True, type='default_collate'),
    batch_size=128, num_workers=2, persistent_workers=True, drop_last=True,
    dataset=dict(_delete_=True, type='CustomDataset',
                 data_root='data/cifar10-5k/', data_prefix='train',
                 with_label=False, pipeline=train_pipeline))
optim_wrapper = dict(
    _delete_=True, type='OptimWrapper',
    optimizer=dict(type='SGD', lr=0.06, momentum=0.9, weight_decay=1e-4))
max_epochs = 100  # the budget hook stops training long before
param_scheduler = [
    dict(type='CosineAnnealingLR', T_max=max_epochs, by_epoch=True, begin=0,
         end=max_epochs, convert_to_iter_based=True)
]
train_cfg = dict(max_epochs=max_epochs)
auto_scale_lr = dict(base_batch_size=128)
custom_hooks = [dict(type='mmssl.TrainBudgetHook', seconds=240)]
default_hooks = dict(
    logger=dict(interval=10),
    checkpoint=dict(type='mmssl.AtomicCheckpointHook', interval=1,
                    max_keep_ckpts=2),
    non_finite=dict(type='mmssl.NonFiniteCheckHook'))
randomness = dict(seed=0)

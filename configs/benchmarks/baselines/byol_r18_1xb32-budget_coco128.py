# mmpretrain's BYOL as the baseline to DetCon-B: same ResNet-18, projector /
# predictor sizes, 128 px views, batch, optimiser and wall-clock budget as
# configs/detcon/detconb_r18_1xb32-budget_coco128.py. Data: data/coco128, a
# link to ../shared/data/coco128.
_base_ = 'mmpretrain::byol/byol_resnet50_16xb256-coslr-200e_in1k.py'
custom_imports = dict(imports=['mmssl'], allow_failed_imports=False)

model = dict(
    base_momentum=0.004,  # DetCon-B's target momentum 0.996
    backbone=dict(depth=18),
    neck=dict(in_channels=512, hid_channels=1024),
    head=dict(predictor=dict(hid_channels=1024)))
crop = dict(scale=128, crop_ratio_range=(0.2, 1.0))
view_pipeline1 = _base_.view_pipeline1
view_pipeline1[0].update(crop)
view_pipeline1.pop(5)  # no solarisation in view 1, as DetCon-B's
view_pipeline2 = _base_.view_pipeline2
view_pipeline2[0].update(crop)
train_pipeline = _base_.train_pipeline
train_pipeline[1].transforms = [view_pipeline1, view_pipeline2]
train_dataloader = dict(
    # _delete_: the collate_fn of an mmpretrain:: base carries a _scope_ key
    # that MMEngine 0.10.7 would pass on to default_collate
    collate_fn=dict(_delete_=True, type='default_collate'),
    batch_size=32, num_workers=2, drop_last=True,
    dataset=dict(_delete_=True, type='CustomDataset',
                 data_root='data/coco128/', data_prefix='images',
                 with_label=False, pipeline=train_pipeline))
optim_wrapper = dict(
    # leaves the EMA target network out in one log line
    constructor='mmssl.TrainableOptimWrapperConstructor',
    optimizer=dict(lr=0.8, weight_decay=1.5e-6))
# DetCon-B's warm-up and cosine (the budget stops training long before)
max_epochs = 200
param_scheduler = _base_.param_scheduler
param_scheduler[0].update(start_factor=1e-2, end=2)
param_scheduler[1].update(T_max=max_epochs - 2, begin=2, end=max_epochs,
                          eta_min=0., convert_to_iter_based=True)
train_cfg = dict(max_epochs=max_epochs)
auto_scale_lr = dict(base_batch_size=32)
custom_hooks = [dict(type='mmssl.TrainBudgetHook', seconds=420)]
default_hooks = dict(
    logger=dict(interval=5),
    checkpoint=dict(type='mmssl.AtomicCheckpointHook', interval=1,
                    max_keep_ckpts=2),
    non_finite=dict(type='mmssl.NonFiniteCheckHook'))
randomness = dict(seed=0)

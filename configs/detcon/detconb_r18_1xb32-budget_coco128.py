# DetCon-B R18 on the 128 real COCO photos of data/coco128 (a link to
# ../shared/data/coco128) for a fixed wall-clock budget
# (tools/benchmarks/detcon_coco128.py), with the same 128 px views, batch and
# optimiser as the BYOL baseline. Masks: Felzenszwalb with the paper's
# full-resolution setting, pre-computed by tools/misc/generate_masks.py.
_base_ = './detconb_r50_8xb512-1000e_in1k.py'

data_root = 'data/coco128/'
model = dict(
    backbone=dict(depth=18),
    neck=dict(projector=dict(in_channels=512, hid_channels=1024)),
    head=dict(predictor=dict(hid_channels=1024)))
train_pipeline = _base_.train_pipeline
train_pipeline[1].update(
    img_root=data_root + 'images',
    mask_dir='work_dirs/benchmarks/detcon_coco128/masks_felzenszwalb')
train_pipeline[2].transforms[0][0].update(scale=128,
                                          crop_ratio_range=(0.2, 1.0))
train_pipeline[2].transforms[1][0].update(scale=128,
                                          crop_ratio_range=(0.2, 1.0))
train_dataloader = dict(
    batch_size=32, num_workers=2, pin_memory=False, drop_last=True,
    dataset=dict(_delete_=True, type='CustomDataset', data_root=data_root,
                 data_prefix='images', with_label=False,
                 pipeline=train_pipeline))
optim_wrapper = dict(optimizer=dict(lr=0.8))
# the BYOL baseline's schedule (the budget stops both early)
max_epochs = 200
param_scheduler = _base_.param_scheduler
param_scheduler[0].update(start_factor=1e-2, end=2)
param_scheduler[1].update(T_max=max_epochs - 2, begin=2, end=max_epochs)
train_cfg = dict(max_epochs=max_epochs)
auto_scale_lr = dict(base_batch_size=32)
custom_hooks = [dict(type='TrainBudgetHook', seconds=420)]
default_hooks = dict(logger=dict(interval=5),
                     checkpoint=dict(interval=1, max_keep_ckpts=2))
randomness = dict(seed=0)

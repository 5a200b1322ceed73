# DetCon-B with ResNet-18 at 128 px on the 128 real COCO photos of
# data/coco128 (a link to ../shared/data/coco128): batch 32 on one device,
# LARS lr 0.8, 2 warm-up epochs then cosine over 200 (the settings of the
# demo and of the BYOL baseline it is compared with). Felzenszwalb masks
# on the fly with the paper's setting. The CPU-sized parent of the demo and
# the wall-clock budget configs.
_base_ = './detconb_r50_8xb512-1000e_in1k.py'

data_root = 'data/coco128/'
model = dict(
    backbone=dict(depth=18),
    neck=dict(projector=dict(in_channels=512, hid_channels=1024)),
    head=dict(predictor=dict(hid_channels=1024)))
train_pipeline = _base_.train_pipeline
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
max_epochs = 200
param_scheduler = _base_.param_scheduler
param_scheduler[0].update(start_factor=1e-2, end=2)
param_scheduler[1].update(T_max=max_epochs - 2, begin=2, end=max_epochs)
train_cfg = dict(max_epochs=max_epochs)
auto_scale_lr = dict(base_batch_size=32)
default_hooks = dict(logger=dict(interval=5),
                     checkpoint=dict(interval=1, max_keep_ckpts=2))
randomness = dict(seed=0)

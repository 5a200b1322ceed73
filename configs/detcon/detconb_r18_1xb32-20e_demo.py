# CPU demo: DetCon-B with ResNet-18 on the embedded demo images
# (python tools/misc/make_demo_data.py data/demo). A few minutes on 2 cores.
_base_ = './detconb_r50_8xb512-1000e_in1k.py'

data_root = 'data/demo/'
model = dict(
    backbone=dict(depth=18),
    neck=dict(projector=dict(in_channels=512, hid_channels=1024)),
    head=dict(predictor=dict(hid_channels=1024)))
train_pipeline = _base_.train_pipeline
# 128 px images: Felzenszwalb's min_size scaled down from the paper's 1000
# at full resolution; 128 px crops of at least 20% of the image
train_pipeline[1].method_kwargs = dict(scale=300, sigma=0.8, min_size=60)
train_pipeline[2].transforms[0][0].update(scale=128,
                                          crop_ratio_range=(0.2, 1.0))
train_pipeline[2].transforms[1][0].update(scale=128,
                                          crop_ratio_range=(0.2, 1.0))
train_dataloader = dict(
    batch_size=32, num_workers=2, pin_memory=False, drop_last=True,
    dataset=dict(_delete_=True, type='CustomDataset', data_root=data_root,
                 data_prefix='images/train', with_label=False,
                 pipeline=train_pipeline))
optim_wrapper = dict(optimizer=dict(lr=0.8))
max_epochs = 20
param_scheduler = _base_.param_scheduler
param_scheduler[0].update(start_factor=1e-2, end=2)
param_scheduler[1].update(T_max=max_epochs - 2, begin=2, end=max_epochs)
train_cfg = dict(max_epochs=max_epochs)
auto_scale_lr = dict(base_batch_size=32)
default_hooks = dict(
    logger=dict(interval=5),
    checkpoint=dict(interval=max_epochs, max_keep_ckpts=2))
randomness = dict(seed=0)

# CPU demo: instance classifier R18 on the 160 embedded demo images
# (tools/misc/make_demo_data.py), 96 px views.
_base_ = './instcls_r50_64xb64-coslr-200e_in1k.py'

num_instances = 160
demo = dict(type='CustomDataset', data_root='data/demo/',
            data_prefix='images/train', with_label=False)
train_pipeline = _base_.train_pipeline
train_pipeline[1].transforms[0][0].scale = 96
train_pipeline[1].transforms[0].pop(4)  # no blur
train_dataloader = dict(
    batch_size=32, num_workers=2, pin_memory=False,
    dataset=dict(dataset=dict(_delete_=True, pipeline=train_pipeline,
                              **demo)))
model = dict(
    backbone=dict(depth=18),
    neck=dict(in_channels=512, hid_channels=512),
    head=dict(num_classes=num_instances, num_hard_classes=5))
optim_wrapper = dict(optimizer=dict(lr=0.48 * 32 / 4096 * 8))
max_epochs = 20
param_scheduler = _base_.param_scheduler
param_scheduler[0].end = 1
param_scheduler[1].update(T_max=max_epochs - 1, begin=1, end=max_epochs)
train_cfg = dict(max_epochs=max_epochs)
auto_scale_lr = dict(base_batch_size=32)
init_pipeline = [_base_.init_pipeline[0],
                 dict(type='Resize', scale=(96, 96), backend='pillow'),
                 _base_.init_pipeline[-1]]
custom_hooks = _base_.custom_hooks
custom_hooks[0].dataloader.update(batch_size=32, num_workers=2)
custom_hooks[0].dataloader.dataset.dataset = dict(pipeline=init_pipeline,
                                                  **demo)
default_hooks = dict(logger=dict(interval=5),
                     checkpoint=dict(interval=max_epochs, max_keep_ckpts=2))
randomness = dict(seed=0)

# CPU demo: JigClu R18 on the embedded demo images; 64 px patches tile into
# 128 px montages.
_base_ = './jigclu_r50_8xb32-200e_in1k.py'

data_root = 'data/demo/'
train_pipeline = _base_.train_pipeline
train_pipeline[1].transforms[0].scale = 64
train_dataloader = dict(
    batch_size=32,
    num_workers=2,
    pin_memory=False,
    dataset=dict(_delete_=True, type='CustomDataset', data_root=data_root,
                 data_prefix='images/train', with_label=False,
                 pipeline=train_pipeline))
model = dict(
    backbone=dict(depth=18),
    head=dict(in_channels=512, hid_channels=512))
max_epochs = 20
param_scheduler = _base_.param_scheduler
param_scheduler[0].update(T_max=max_epochs, end=max_epochs,
                          convert_to_iter_based=True)
train_cfg = dict(max_epochs=max_epochs)
optim_wrapper = dict(optimizer=dict(lr=0.03 * 32 / 256 * 4))
auto_scale_lr = dict(base_batch_size=32)
default_hooks = dict(logger=dict(interval=5),
                     checkpoint=dict(interval=max_epochs, max_keep_ckpts=2))
randomness = dict(seed=0)

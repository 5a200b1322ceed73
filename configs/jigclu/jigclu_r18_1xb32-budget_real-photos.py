# JigClu in the transfer suite: ImageNet-stem ResNet-18, a 2 x 2 montage of
# 64 px pieces (128 px, the other entries' view size; the paper's 112 px
# pieces make 224), batch 32 (lr 0.03 x 32 / 256), on the unlabelled real
# photos of data/real_photos; the budget hook stops the cosine early.
_base_ = './jigclu_r50_8xb32-200e_in1k.py'

train_pipeline = _base_.train_pipeline
train_pipeline[1].transforms[0].scale = 64
train_dataloader = dict(
    batch_size=32, num_workers=2, pin_memory=False,
    dataset=dict(_delete_=True, type='CustomDataset',
                 data_root='data/real_photos/', data_prefix='',
                 with_label=False, pipeline=train_pipeline))
model = dict(backbone=dict(depth=18, norm_cfg=dict(type='BN')),
             head=dict(in_channels=512, hid_channels=512))
optim_wrapper = dict(optimizer=dict(lr=0.03 * 32 / 256))
auto_scale_lr = dict(base_batch_size=32)
param_scheduler = _base_.param_scheduler
param_scheduler[0].convert_to_iter_based = True
custom_hooks = [dict(type='TrainBudgetHook', seconds=600)]
default_hooks = dict(logger=dict(interval=5),
                     checkpoint=dict(interval=1, max_keep_ckpts=2))
randomness = dict(seed=0)

# EMP-SSL in the transfer suite: the ImageNet-100 recipe (ImageNet-stem
# ResNet-18, fixed-scale patches) with 8 patches of 96 px per image and
# 16 images per step (128 backbone passes, about DetCon-B's pixels per
# step), lr scaled linearly, on the unlabelled real photos.
_base_ = './empssl_r18_1xb100-20p-10e_in100.py'

patch_pipeline = _base_.patch_pipeline
patch_pipeline[0].scale = 96
train_pipeline = _base_.train_pipeline
train_pipeline[1].update(num_views=8, transforms=[patch_pipeline])
train_dataloader = dict(
    batch_size=16, num_workers=2, persistent_workers=True,
    dataset=dict(data_root='data/real_photos/', data_prefix='',
                 pipeline=train_pipeline))
model = dict(backbone=dict(norm_cfg=dict(type='BN')), micro_batch=None)
optim_wrapper = dict(optimizer=dict(lr=0.3 * 16 / 100))
custom_hooks = [dict(type='TrainBudgetHook', seconds=600)]

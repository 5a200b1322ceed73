# mmpretrain's SimCLR in the transfer suite: the cifar10-5k budget recipe
# (SGD, cosine, temperature 0.1) with the ImageNet-stem ResNet-18, 128 px
# views (with blur, as at ImageNet scale), batch 32 (lr scaled linearly) on
# the unlabelled real photos of data/real_photos.
_base_ = './simclr_r18_1xb128-budget_cifar10-5k.py'

model = dict(backbone=dict(type='ResNet'))
view_pipeline = _base_.view_pipeline
view_pipeline[0].scale = 128
# the blur the cifar10-5k parent removes, as mmpretrain's base has it
view_pipeline.append(dict(type='GaussianBlur', magnitude_range=(0.1, 2.0),
                          magnitude_std='inf', prob=0.5))
train_pipeline = _base_.train_pipeline
train_pipeline[1].transforms = [view_pipeline]
train_dataloader = dict(batch_size=32, dataset=dict(
    data_root='data/real_photos/', data_prefix='', pipeline=train_pipeline))
optim_wrapper = dict(optimizer=dict(lr=0.06 * 32 / 128))
auto_scale_lr = dict(base_batch_size=32)
custom_hooks = [dict(type='mmssl.TrainBudgetHook', seconds=600)]

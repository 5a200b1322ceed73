# The instance classifier in the transfer suite: one class per image of
# data/real_photos (384), ImageNet-stem ResNet-18, 128 px views, batch 32
# (the paper's lr 0.48 at 4096 scaled linearly, x 4 as the cifar10-5k
# config), raw-feature init from 128 px centre crops.
_base_ = './instcls_r50_64xb64-coslr-200e_in1k.py'

num_instances = 384
photos = dict(type='CustomDataset', data_root='data/real_photos/',
              data_prefix='', with_label=False)
train_pipeline = _base_.train_pipeline
train_pipeline[1].transforms[0][0].update(scale=128,
                                          crop_ratio_range=(0.2, 1.))
train_dataloader = dict(
    batch_size=32, num_workers=2, pin_memory=False,
    dataset=dict(dataset=dict(_delete_=True, pipeline=train_pipeline,
                              **photos)))
model = dict(backbone=dict(depth=18, norm_cfg=dict(type='BN')),
             neck=dict(in_channels=512, hid_channels=512),
             head=dict(num_classes=num_instances))
optim_wrapper = dict(optimizer=dict(lr=0.48 * 32 / 4096 * 4))
auto_scale_lr = dict(base_batch_size=32)
init_pipeline = _base_.init_pipeline
init_pipeline[1].scale = 146
init_pipeline[2].crop_size = 128
custom_hooks = _base_.custom_hooks
custom_hooks[0].dataloader.update(batch_size=64, num_workers=2)
custom_hooks[0].dataloader.dataset.dataset = dict(pipeline=init_pipeline,
                                                  **photos)
custom_hooks.insert(0, dict(type='TrainBudgetHook', seconds=600))
default_hooks = dict(logger=dict(interval=5),
                     checkpoint=dict(interval=1, max_keep_ckpts=2))
randomness = dict(seed=0)

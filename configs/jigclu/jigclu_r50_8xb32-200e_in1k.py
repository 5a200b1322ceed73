# JigClu R50, ImageNet, 200 epochs, total batch 256 (Chen et al. 2021).
_base_ = [
    '../_base_/datasets/imagenet_jigclu.py',
    '../_base_/default_runtime.py',
]

model = dict(
    type='JigClu',
    grid=2,
    backbone=dict(type='ResNet', depth=50, norm_cfg=dict(type='SyncBN'),
                  zero_init_residual=False),
    head=dict(
        type='JigCluHead', in_channels=2048, hid_channels=2048,
        out_channels=128, grid=2, location_weight=1.0,
        # official SupCluLoss: T = 0.3 (--loss-t), scaled by T / 0.07
        cluster_loss=dict(type='ClusterContrastiveLoss', temperature=0.3,
                          base_temperature=0.07)))

optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(type='SGD', lr=0.03, momentum=0.9, weight_decay=1e-4))
max_epochs = 200
# the official adjust_learning_rate sets a cosine lr once per epoch
param_scheduler = [
    dict(type='CosineAnnealingLR', T_max=max_epochs, by_epoch=True, begin=0,
         end=max_epochs)
]
# resumes mid-epoch at the saved iteration (mmssl.engine.loops)
train_cfg = dict(type='ResumableEpochBasedTrainLoop', max_epochs=max_epochs)
auto_scale_lr = dict(base_batch_size=256)
default_hooks = dict(checkpoint=dict(interval=10, max_keep_ckpts=3))

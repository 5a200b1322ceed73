# One-million-way instance classifier (Liu et al., AAAI 2021): ResNet-50,
# ImageNet-1k (1,281,167 classes, one per image), 64 GPUs x 64 = batch 4096,
# SGD lr 0.48, 10 warm-up epochs then cosine, 200 epochs. The N x 128
# classifier is sharded over the ranks (N/64 rows each).
_base_ = [
    '../_base_/datasets/imagenet_instcls.py',
    '../_base_/schedules/warmup_coslr.py',
    '../_base_/default_runtime.py',
]

num_instances = 1281167  # must equal len(train_dataloader.dataset)
model = dict(
    type='InstanceClassifier',
    backbone=dict(type='ResNet', depth=50, norm_cfg=dict(type='SyncBN'),
                  zero_init_residual=False),
    neck=dict(type='NonLinearNeck', in_channels=2048, hid_channels=2048,
              out_channels=128, num_layers=2, with_avg_pool=True),
    head=dict(type='ShardedInstanceClassifierHead',
              num_classes=num_instances, in_channels=128, temperature=0.15,
              smoothing=0.2, num_hard_classes=10, refresh_interval=1,
              # interpretation: 'weight' (w_y . w_c) or 'feature' (z_i . w_c)
              hard_classes_by='weight'))

# Every classifier row gets a dense gradient each step (the softmax runs
# over all N classes), so weight decay shrinks all N rows every step; the
# paper does not say whether the classifier is decayed. decay_mult=1 decays
# it like the network; set 0 to exempt it.
optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(type='SGD', lr=0.48, momentum=0.9, weight_decay=1e-4),
    paramwise_cfg=dict(custom_keys={'head.weight': dict(decay_mult=1.)}))
max_epochs = 200  # 10 warm-up epochs from 1e-3 of the lr
param_scheduler = _base_.param_scheduler
param_scheduler[0].start_factor = 1e-3
param_scheduler[1].update(T_max=max_epochs - 10, end=max_epochs)
train_cfg = dict(max_epochs=max_epochs)
custom_hooks = [
    dict(type='RawFeatureInitHook', dataloader=_base_.init_dataloader,
         bn_stats='batch'),
    dict(type='ShardedClassifierCheckpointHook'),
]
default_hooks = dict(checkpoint=dict(interval=10, max_keep_ckpts=3))

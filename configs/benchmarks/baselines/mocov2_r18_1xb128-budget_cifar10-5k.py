# mmpretrain's MoCo v2, CIFAR-sized and budget-matched like the SimCLR one.
_base_ = './simclr_r18_1xb128-budget_cifar10-5k.py'

model = dict(
    _delete_=True,
    type='MoCo',
    queue_len=4096,  # < the 5,000 training images
    feat_dim=128,
    momentum=0.001,
    backbone=dict(type='ResNet_CIFAR', depth=18, norm_cfg=dict(type='BN'),
                  zero_init_residual=False),
    neck=dict(type='MoCoV2Neck', in_channels=512, hid_channels=512,
              out_channels=128, with_avg_pool=True),
    head=dict(type='ContrastiveHead',
              loss=dict(type='CrossEntropyLoss'), temperature=0.2),
    data_preprocessor=_base_.data_preprocessor)

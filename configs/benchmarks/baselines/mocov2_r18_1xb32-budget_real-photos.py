# mmpretrain's MoCo v2 in the transfer suite: SimCLR's real-photos data and
# optimiser with the cifar10-5k MoCo v2 model on an ImageNet-stem
# ResNet-18; a queue of 256 keys (< the 384 images, so a key is never
# contrasted with an older copy of itself within one epoch).
_base_ = './simclr_r18_1xb32-budget_real-photos.py'

model = dict(
    _delete_=True, type='MoCo', queue_len=256, feat_dim=128, momentum=0.001,
    backbone=dict(type='ResNet', depth=18, norm_cfg=dict(type='BN'),
                  zero_init_residual=False),
    neck=dict(type='MoCoV2Neck', in_channels=512, hid_channels=512,
              out_channels=128, with_avg_pool=True),
    head=dict(type='ContrastiveHead', loss=dict(type='CrossEntropyLoss'),
              temperature=0.2),
    data_preprocessor=_base_.data_preprocessor)

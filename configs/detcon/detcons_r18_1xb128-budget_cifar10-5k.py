# DetCon-S (SimCLR-style: one network, no predictor, no EMA target) in the
# shared CIFAR budget setting of detconb_r18_1xb128-budget_cifar10-5k.py.
_base_ = './detconb_r18_1xb128-budget_cifar10-5k.py'

model = dict(
    _delete_=True,
    type='DetConS',
    num_masks=16,
    backbone=dict(type='ResNet_CIFAR', depth=18, norm_cfg=dict(type='BN'),
                  zero_init_residual=False),
    neck=dict(
        type='MaskPoolingNeck',
        projector=dict(type='NonLinearNeck', in_channels=512,
                       hid_channels=1024, out_channels=256, num_layers=2,
                       with_bias=True, with_last_bn=False,
                       with_avg_pool=False,
                       # the base's SyncBN: BN over (image, mask) vectors
                       norm_cfg=dict(type='SyncBN'))),
    head=dict(type='DetConHead',
              loss=dict(type='DetConLoss', temperature=0.1)))

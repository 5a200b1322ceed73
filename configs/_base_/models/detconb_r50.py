# DetCon-B (Hénaff et al. 2021): ResNet-50, projector 2048-4096-256,
# predictor 256-4096-256 (official MLP: Linear-BN-ReLU-Linear, the last
# layer without bias: NonLinearNeck's with_bias spares the last layer),
# 16 masks per image, temperature 0.1,
# target momentum 0.996 -> 1 (cosine).
model = dict(
    type='DetConB',
    num_masks=16,
    base_momentum=0.004,
    backbone=dict(type='ResNet', depth=50, norm_cfg=dict(type='SyncBN'),
                  zero_init_residual=False),
    neck=dict(
        type='MaskPoolingNeck',
        # official DetCon-B: each C5 cell belongs to the id covering most of
        # it; 'soft' weights cells by covered area (the paper's wording)
        pooling='hard',
        projector=dict(type='NonLinearNeck', in_channels=2048,
                       hid_channels=4096, out_channels=256, num_layers=2,
                       with_bias=True, with_last_bn=False,
                       with_avg_pool=False,
                       norm_cfg=dict(type='SyncBN'))),
    head=dict(
        type='DetConHead',
        predictor=dict(type='NonLinearNeck', in_channels=256,
                       hid_channels=4096, out_channels=256, num_layers=2,
                       with_bias=True, with_last_bn=False,
                       with_avg_pool=False,
                       norm_cfg=dict(type='SyncBN')),
        loss=dict(type='DetConLoss', temperature=0.1)))

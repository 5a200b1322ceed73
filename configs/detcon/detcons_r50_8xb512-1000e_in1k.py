_base_ = './detconb_r50_8xb512-1000e_in1k.py'
# DetCon-S: SimCLR-style, one network, no predictor, no EMA target.
model = dict(
    _delete_=True,
    type='DetConS',
    num_masks=16,
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
                       with_avg_pool=False, norm_cfg=dict(type='SyncBN'))),
    head=dict(type='DetConHead',
              loss=dict(type='DetConLoss', temperature=0.1)))

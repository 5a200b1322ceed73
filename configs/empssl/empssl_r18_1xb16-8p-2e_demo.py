# CPU demo: EMP-SSL R18 on the embedded demo images, 8 patches of 32 px,
# a cosine over the two epochs it trains.
_base_ = './empssl_r18_1xb100-20p-1e_cifar10.py'

train_pipeline = _base_.train_pipeline
train_pipeline[1].num_views = 8
train_dataloader = dict(
    batch_size=16, num_workers=2, persistent_workers=False,
    dataset=dict(data_root='data/demo/', data_prefix='images/train',
                 pipeline=train_pipeline))
model = dict(backbone=dict(norm_cfg=dict(type='BN')),
             neck=dict(hid_channels=512, out_channels=128))
optim_wrapper = dict(optimizer=dict(lr=0.3 * 16 / 100))
train_cfg = dict(max_epochs=2)

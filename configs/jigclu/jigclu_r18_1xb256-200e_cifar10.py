# JigClu R18 for 32-96 px images (CIFAR stem): 16 px patches of 32 px
# images tile into 32 px montages; no blur on 16 px patches.
_base_ = './jigclu_r50_8xb32-200e_in1k.py'

data_root = 'data/cifar10/'
train_pipeline = _base_.train_pipeline
train_pipeline[1].transforms[0].scale = 16
train_pipeline[1].transforms.pop(3)  # GaussianBlur
train_dataloader = dict(
    batch_size=256,
    num_workers=4,
    dataset=dict(_delete_=True, type='CustomDataset', data_root=data_root,
                 data_prefix='train', with_label=False,
                 pipeline=train_pipeline))
model = dict(
    backbone=dict(type='ResNet_CIFAR', depth=18,
                  norm_cfg=dict(type='SyncBN')),
    head=dict(in_channels=512, hid_channels=512))

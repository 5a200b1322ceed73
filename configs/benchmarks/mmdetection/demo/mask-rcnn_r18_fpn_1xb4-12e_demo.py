# CPU demo transfer: Mask R-CNN R18-FPN on the embedded demo set
# (tools/misc/make_demo_data.py data/demo), a few minutes on 2 cores.
_base_ = '../coco/mask-rcnn_r50_fpn_1x_coco.py'

data_root = 'data/demo/'
metainfo = dict(classes=('disc', 'rectangle', 'triangle'))
img_scale = (128, 128)  # native size of the demo images
model = dict(
    backbone=dict(
        depth=18,
        init_cfg=dict(checkpoint='work_dirs/demo_detcon/epoch_20.pth')),
    # 128-channel FPN and heads: a CPU-sized Mask R-CNN, same structure
    neck=dict(in_channels=[64, 128, 256, 512], out_channels=128),
    rpn_head=dict(in_channels=128, feat_channels=128),
    roi_head=dict(
        bbox_roi_extractor=dict(out_channels=128),
        bbox_head=dict(num_classes=3, in_channels=128, conv_out_channels=128,
                       fc_out_channels=512),
        mask_roi_extractor=dict(out_channels=128),
        mask_head=dict(num_classes=3, in_channels=128,
                       conv_out_channels=128)),
    # fewer proposals and RoIs than COCO's: a few objects per small image,
    # and a CPU budget
    train_cfg=dict(
        rpn_proposal=dict(nms_pre=1000, max_per_img=300),
        rcnn=dict(sampler=dict(num=128))),
    test_cfg=dict(
        rpn=dict(nms_pre=500, max_per_img=300),
        rcnn=dict(max_per_img=50)))

train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='LoadAnnotations', with_bbox=True, with_mask=True),
    dict(type='Resize', scale=img_scale, keep_ratio=True),
    dict(type='RandomFlip', prob=0.5),
    dict(type='PackDetInputs')
]
test_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='Resize', scale=img_scale, keep_ratio=True),
    dict(type='LoadAnnotations', with_bbox=True, with_mask=True),
    dict(type='PackDetInputs',
         meta_keys=('img_id', 'img_path', 'ori_shape', 'img_shape',
                    'scale_factor'))
]
train_dataloader = dict(
    batch_size=4,
    num_workers=2,
    dataset=dict(
        data_root=data_root, metainfo=metainfo,
        ann_file='annotations/instances_train.json',
        data_prefix=dict(img='images/'), pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=4,
    num_workers=2,
    dataset=dict(
        data_root=data_root, metainfo=metainfo,
        ann_file='annotations/instances_val.json',
        data_prefix=dict(img='images/'), pipeline=test_pipeline))
test_dataloader = val_dataloader
val_evaluator = dict(ann_file=data_root + 'annotations/instances_val.json')
test_evaluator = val_evaluator

max_epochs = 12
train_cfg = dict(max_epochs=max_epochs, val_interval=max_epochs)
param_scheduler = [
    dict(type='LinearLR', start_factor=0.01, by_epoch=False, begin=0,
         end=40),
    dict(type='MultiStepLR', begin=0, end=max_epochs, by_epoch=True,
         milestones=[9, 11], gamma=0.1)
]
optim_wrapper = dict(optimizer=dict(lr=0.02))
default_hooks = dict(logger=dict(interval=10),
                     checkpoint=dict(interval=max_epochs, max_keep_ckpts=1))
randomness = dict(seed=0)

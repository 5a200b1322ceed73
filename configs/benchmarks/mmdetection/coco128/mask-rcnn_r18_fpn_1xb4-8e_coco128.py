# Mask R-CNN R18-FPN (CPU-sized heads, as the demo) on the real COCO photos
# of ../shared/data/coco128: 96 train / 32 val images, 80 classes.
_base_ = '../demo/mask-rcnn_r18_fpn_1xb4-12e_demo.py'

data_root = '../shared/data/coco128/'
img_scale = (256, 256)
model = dict(roi_head=dict(bbox_head=dict(num_classes=80),
                           mask_head=dict(num_classes=80)))
train_dataloader = dict(
    dataset=dict(data_root=data_root, metainfo=None,
                 data_prefix=dict(img='images/'),
                 pipeline=[
                     dict(type='LoadImageFromFile'),
                     dict(type='LoadAnnotations', with_bbox=True,
                          with_mask=True),
                     dict(type='Resize', scale=img_scale, keep_ratio=True),
                     dict(type='RandomFlip', prob=0.5),
                     dict(type='PackDetInputs')
                 ]))
test_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='Resize', scale=img_scale, keep_ratio=True),
    dict(type='LoadAnnotations', with_bbox=True, with_mask=True),
    dict(type='PackDetInputs',
         meta_keys=('img_id', 'img_path', 'ori_shape', 'img_shape',
                    'scale_factor'))
]
val_dataloader = dict(
    dataset=dict(data_root=data_root, metainfo=None,
                 data_prefix=dict(img='images/'), pipeline=test_pipeline))
test_dataloader = val_dataloader
val_evaluator = dict(ann_file=data_root + 'annotations/instances_val.json')
test_evaluator = val_evaluator
max_epochs = 8
train_cfg = dict(max_epochs=max_epochs, val_interval=max_epochs)
param_scheduler = [
    dict(type='LinearLR', start_factor=0.01, by_epoch=False, begin=0,
         end=40),
    dict(type='MultiStepLR', begin=0, end=max_epochs, by_epoch=True,
         milestones=[6], gamma=0.1)
]
default_hooks = dict(checkpoint=dict(interval=max_epochs))

# CPU demo transfer: Mask R-CNN R18-FPN on the embedded demo set
# (tools/misc/make_demo_data.py data/demo), a few minutes on 2 cores.
_base_ = '../coco/mask-rcnn_r18_fpn-128c_1x_coco.py'

data_root = 'data/demo/'
metainfo = dict(classes=('disc', 'rectangle', 'triangle'))
model = dict(
    backbone=dict(init_cfg=dict(
        checkpoint='work_dirs/demo/pretrain/epoch_20.pth')),
    roi_head=dict(bbox_head=dict(num_classes=3),
                  mask_head=dict(num_classes=3)))
train_pipeline = _base_.train_pipeline
train_pipeline[2].scale = (128, 128)  # native size of the demo images
test_pipeline = _base_.test_pipeline
test_pipeline[1].scale = (128, 128)
train_dataloader = dict(
    batch_size=4, num_workers=2,
    dataset=dict(data_root=data_root, metainfo=metainfo,
                 ann_file='annotations/instances_train.json',
                 data_prefix=dict(img='images/'), pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=4, num_workers=2,
    dataset=dict(data_root=data_root, metainfo=metainfo,
                 ann_file='annotations/instances_val.json',
                 data_prefix=dict(img='images/'), pipeline=test_pipeline))
test_dataloader = val_dataloader
val_evaluator = dict(ann_file=data_root + 'annotations/instances_val.json')
test_evaluator = val_evaluator
max_epochs = 12
train_cfg = dict(max_epochs=max_epochs, val_interval=max_epochs)
param_scheduler = _base_.param_scheduler
param_scheduler[0].update(start_factor=0.01, end=40)
param_scheduler[1].update(end=max_epochs, milestones=[9, 11])
default_hooks = dict(checkpoint=dict(interval=max_epochs, max_keep_ckpts=2))

# Mask R-CNN R18-FPN (CPU-sized heads) on the real COCO photos of
# data/coco128 (a link to ../shared/data/coco128): 96 train / 32 val
# images, 80 classes, 256 px.
_base_ = '../coco/mask-rcnn_r18_fpn-128c_1x_coco.py'

data_root = 'data/coco128/'
train_pipeline = _base_.train_pipeline
train_pipeline[2].scale = (256, 256)
test_pipeline = _base_.test_pipeline
test_pipeline[1].scale = (256, 256)
train_dataloader = dict(
    batch_size=4, num_workers=2,
    dataset=dict(data_root=data_root,
                 ann_file='annotations/instances_train.json',
                 data_prefix=dict(img='images/'), pipeline=train_pipeline))
val_dataloader = dict(
    batch_size=4, num_workers=2,
    dataset=dict(data_root=data_root,
                 ann_file='annotations/instances_val.json',
                 data_prefix=dict(img='images/'), pipeline=test_pipeline))
test_dataloader = val_dataloader
val_evaluator = dict(ann_file=data_root + 'annotations/instances_val.json')
test_evaluator = val_evaluator
max_epochs = 8
train_cfg = dict(max_epochs=max_epochs, val_interval=max_epochs)
param_scheduler = _base_.param_scheduler
param_scheduler[0].update(start_factor=0.01, end=40)
param_scheduler[1].update(end=max_epochs, milestones=[6])
default_hooks = dict(checkpoint=dict(interval=max_epochs, max_keep_ckpts=2))

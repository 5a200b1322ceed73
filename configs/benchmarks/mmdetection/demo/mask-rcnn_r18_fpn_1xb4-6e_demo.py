# CPU demo transfer: Mask R-CNN R18-FPN on the embedded demo set
# (tools/misc/make_demo_data.py data/demo): the coco128 transfer config
# (CPU-sized heads) at the demo images' native 128 px, on a 6-epoch
# schedule (240 iterations, lr steps after 4 and 5, as the raccoon and
# Penn-Fudan leaves), so that the demo fine-tunes twice (DetCon-B and random
# init) within about 20 minutes on 2 cores.
_base_ = '../coco128/mask-rcnn_r18_fpn_1xb4-8e_coco128.py'

data_root = 'data/demo/'
metainfo = dict(classes=('disc', 'rectangle', 'triangle'))
model = dict(
    backbone=dict(init_cfg=dict(
        checkpoint='work_dirs/demo/pretrain/epoch_20.pth')),
    roi_head=dict(bbox_head=dict(num_classes=3),
                  mask_head=dict(num_classes=3)))
train_pipeline = _base_.train_pipeline
train_pipeline[2].scale = (128, 128)
test_pipeline = _base_.test_pipeline
test_pipeline[1].scale = (128, 128)
train_dataloader = dict(dataset=dict(data_root=data_root, metainfo=metainfo,
                                     pipeline=train_pipeline))
val_dataloader = dict(dataset=dict(data_root=data_root, metainfo=metainfo,
                                   pipeline=test_pipeline))
test_dataloader = val_dataloader
val_evaluator = dict(ann_file=data_root + 'annotations/instances_val.json')
test_evaluator = val_evaluator

max_epochs = 6
train_cfg = dict(max_epochs=max_epochs, val_interval=max_epochs)
param_scheduler = _base_.param_scheduler
param_scheduler[1].update(end=max_epochs, milestones=[4, 5])
default_hooks = dict(checkpoint=dict(interval=max_epochs))

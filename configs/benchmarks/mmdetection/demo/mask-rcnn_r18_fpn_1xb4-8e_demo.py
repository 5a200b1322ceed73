# CPU demo transfer: Mask R-CNN R18-FPN on the embedded demo set
# (tools/misc/make_demo_data.py data/demo): the coco128 transfer config
# (CPU-sized heads, 8 epochs, lr steps after 6) at the demo images' native
# 128 px, so that the demo fine-tunes twice (DetCon-B and random init).
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

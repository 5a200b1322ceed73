# Mask R-CNN R18-FPN (CPU-sized heads) on the Penn-Fudan street photos of
# data/pennfudan (a link to ../shared/data/pennfudan): 128 train / 42 val
# images, one class (person), 256 px, batch 4, 12 epochs; COCO bbox / segm
# AP. Sized so that a CPU trains even a random-init backbone to non-zero AP
# (README, transfer evidence); run_transfer.py --seeds N repeats it.
_base_ = '../coco128/mask-rcnn_r18_fpn_1xb4-8e_coco128.py'

data_root = 'data/pennfudan/'
metainfo = dict(classes=('person', ))
model = dict(roi_head=dict(bbox_head=dict(num_classes=1),
                           mask_head=dict(num_classes=1)))
train_dataloader = dict(dataset=dict(data_root=data_root, metainfo=metainfo))
val_dataloader = dict(dataset=dict(data_root=data_root, metainfo=metainfo))
test_dataloader = val_dataloader
val_evaluator = dict(ann_file=data_root + 'annotations/instances_val.json')
test_evaluator = val_evaluator
max_epochs = 12
train_cfg = dict(max_epochs=max_epochs, val_interval=max_epochs)
param_scheduler = _base_.param_scheduler
param_scheduler[1].update(end=max_epochs, milestones=[9, 11])
default_hooks = dict(checkpoint=dict(interval=max_epochs))

# Transfer to Faster R-CNN R50-C4 on PASCAL VOC 07+12 trainval, tested on
# VOC07 test: the protocol of the published self-supervised VOC tables
# (MoCo, mmselfsup, DetCon): 24k iterations of batch 16 (8 GPUs x 2), lr
# 0.02, steps at 18k / 22k; multi-scale training (short side 480-800, step
# 32), 800 at test; SyncBN everywhere; res5 (in the RoI head) followed by
# an extra norm; AP = mean of 11-point VOC07 AP over IoU 0.5:0.95, with AP50
# and AP75. Every pretrained weight (res2-res4 in the backbone, res5 in
# roi_head.shared_head) comes from PRETRAIN_CKPT; run with
#   python tools/benchmarks/mmdetection/run_transfer.py THIS_CONFIG \
#       PRETRAIN_CKPT --gpus 8     (sets both init_cfg checkpoints)
_base_ = [
    'mmdet::_base_/models/faster-rcnn_r50-caffe-c4.py',
    'mmdet::_base_/datasets/voc0712.py',
    'mmdet::_base_/default_runtime.py',
    '../_base_/ssl_c4.py',
]

model = _base_.ssl_c4_model
model.roi_head.bbox_head = dict(num_classes=20)

ms_resize = dict(type='RandomChoiceResize', keep_ratio=True,
                 scales=[(1333, short) for short in range(480, 801, 32)])
voc = _base_.train_dataloader.dataset.dataset.datasets
voc[0].pipeline[2] = ms_resize  # VOC2007 trainval
voc[1].pipeline[2] = ms_resize  # VOC2012 trainval
train_dataloader = dict(dataset=dict(dataset=dict(datasets=voc)))
test_pipeline = _base_.test_pipeline
test_pipeline[1].scale = (1333, 800)
val_dataloader = dict(dataset=dict(pipeline=test_pipeline))
test_dataloader = val_dataloader
val_evaluator = dict(iou_thrs=[0.5 + 0.05 * i for i in range(10)])
test_evaluator = val_evaluator

train_cfg = dict(_delete_=True, type='IterBasedTrainLoop', max_iters=24000,
                 val_interval=2000)
param_scheduler = [
    dict(type='LinearLR', start_factor=0.001, by_epoch=False, begin=0,
         end=100),
    dict(type='MultiStepLR', begin=0, end=24000, by_epoch=False,
         milestones=[18000, 22000], gamma=0.1)
]
optim_wrapper = dict(
    type='OptimWrapper',
    optimizer=dict(type='SGD', lr=0.02, momentum=0.9, weight_decay=0.0001))
default_hooks = dict(
    checkpoint=dict(type='AtomicCheckpointHook', by_epoch=False,
                    interval=2000, max_keep_ckpts=2),
    non_finite=dict(type='NonFiniteCheckHook'),
    pretrained_check=dict(type='PretrainedBackboneCheckHook'))
log_processor = dict(by_epoch=False)
auto_scale_lr = dict(enable=False, base_batch_size=16)

# Transfer to Mask R-CNN R50-C4, 1x schedule, COCO, multi-scale training
# (short side 640-800, step 32): the C4 row of mmselfsup's COCO table, so
# our numbers can stand beside it. res2-res4 (backbone) and res5
# (roi_head.shared_head, followed by an extra norm) load from the
# pretraining checkpoint; SyncBN everywhere. Run with
#   python tools/benchmarks/mmdetection/run_transfer.py THIS_CONFIG \
#       PRETRAIN_CKPT --gpus 8     (sets both init_cfg checkpoints)
_base_ = [
    'mmdet::mask_rcnn/mask-rcnn_r50-caffe-c4_1x_coco.py',
    '../_base_/ssl_c4.py',
]

model = _base_.ssl_c4_model
train_pipeline = _base_.train_pipeline
train_pipeline[2] = dict(type='RandomChoiceResize', keep_ratio=True,
                         scales=[(1333, s) for s in range(640, 801, 32)])
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
default_hooks = dict(
    checkpoint=dict(type='AtomicCheckpointHook'),
    non_finite=dict(type='NonFiniteCheckHook'),
    pretrained_check=dict(type='PretrainedBackboneCheckHook'))

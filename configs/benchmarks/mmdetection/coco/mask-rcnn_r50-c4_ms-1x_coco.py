# Transfer to Mask R-CNN R50-C4, 1x schedule, COCO, multi-scale training
# (short side 640-800, step 32): the C4 row of mmselfsup's COCO table, so
# our numbers can stand beside it. res2-res4 (backbone) and res5
# (roi_head.shared_head, followed by an extra norm) load from the
# pretraining checkpoint; SyncBN everywhere. Run with
#   python tools/benchmarks/mmdetection/run_transfer.py THIS_CONFIG \
#       PRETRAIN_CKPT --gpus 8     (sets both init_cfg checkpoints)
_base_ = 'mmdet::mask_rcnn/mask-rcnn_r50-caffe-c4_1x_coco.py'
# mmpretrain's ResLayerExtraNorm (registered in mmdet's registry)
custom_imports = dict(
    imports=['mmssl', 'mmpretrain.models.utils.res_layer_extra_norm'],
    allow_failed_imports=False)

norm_cfg = dict(type='SyncBN', requires_grad=True)
pretrained = dict(type='Pretrained', prefix='backbone.',
                  checkpoint='work_dirs/pretrain/epoch_last.pth')
model = dict(
    # a self-supervised torchvision-style ResNet expects RGB, pytorch style
    data_preprocessor=dict(
        mean=[123.675, 116.28, 103.53], std=[58.395, 57.12, 57.375],
        bgr_to_rgb=True),
    backbone=dict(style='pytorch', frozen_stages=-1, norm_cfg=norm_cfg,
                  norm_eval=False, init_cfg=pretrained),
    roi_head=dict(shared_head=dict(
        type='ResLayerExtraNorm', style='pytorch', norm_cfg=norm_cfg,
        norm_eval=False, init_cfg=pretrained)))
train_pipeline = _base_.train_pipeline
train_pipeline[2] = dict(type='RandomChoiceResize', keep_ratio=True,
                         scales=[(1333, s) for s in range(640, 801, 32)])
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
default_hooks = dict(
    checkpoint=dict(type='AtomicCheckpointHook'),
    non_finite=dict(type='NonFiniteCheckHook'),
    pretrained_check=dict(type='PretrainedBackboneCheckHook'))

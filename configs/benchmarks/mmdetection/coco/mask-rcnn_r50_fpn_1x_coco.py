# Transfer a self-supervised ResNet-50 (any mmssl or mmpretrain pretraining
# checkpoint) to Mask R-CNN R50-FPN, 1x schedule, COCO. Run with
#   tools/benchmarks/mmdetection/train.sh THIS_CONFIG PRETRAIN_CKPT 8
# or tools/dist_train.sh THIS_CONFIG 8 \
#   --cfg-options model.backbone.init_cfg.checkpoint=PRETRAIN_CKPT
_base_ = 'mmdet::mask_rcnn/mask-rcnn_r50_fpn_1x_coco.py'
custom_imports = dict(imports=['mmssl'], allow_failed_imports=False)

# Settings that make self-supervised transfer match published AP: SyncBN
# everywhere (BN statistics of a self-supervised backbone are not
# ImageNet-supervised ones), all stages trainable, BN in train mode, and the
# whole pretraining checkpoint loaded with its 'backbone.' prefix.
norm_cfg = dict(type='SyncBN', requires_grad=True)
model = dict(
    backbone=dict(
        frozen_stages=-1,
        norm_cfg=norm_cfg,
        norm_eval=False,
        init_cfg=dict(
            type='Pretrained',
            checkpoint='work_dirs/pretrain/epoch_last.pth',
            prefix='backbone.')),
    neck=dict(norm_cfg=norm_cfg),
    roi_head=dict(
        bbox_head=dict(type='Shared4Conv1FCBBoxHead', conv_out_channels=256,
                       norm_cfg=norm_cfg),
        mask_head=dict(norm_cfg=norm_cfg)))
default_hooks = dict(
    checkpoint=dict(type='AtomicCheckpointHook'),
    non_finite=dict(type='NonFiniteCheckHook'),
    # stop before training when the backbone did not get the checkpoint
    pretrained_check=dict(type='PretrainedBackboneCheckHook'))

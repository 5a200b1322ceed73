# Transfer to Faster R-CNN R50-C4 on PASCAL VOC 07+12 trainval, tested on
# VOC07 test, 24k iterations of batch 16 (the MoCo / DetCon protocol).
_base_ = [
    'mmdet::_base_/models/faster-rcnn_r50-caffe-c4.py',
    'mmdet::_base_/datasets/voc0712.py',
    'mmdet::_base_/default_runtime.py',
]
custom_imports = dict(imports=['mmssl'], allow_failed_imports=False)

norm_cfg = dict(type='SyncBN', requires_grad=True)
model = dict(
    # a self-supervised torchvision-style ResNet expects RGB, pytorch style
    data_preprocessor=dict(
        mean=[123.675, 116.28, 103.53], std=[58.395, 57.12, 57.375],
        bgr_to_rgb=True),
    backbone=dict(
        style='pytorch',
        frozen_stages=-1,
        norm_cfg=norm_cfg,
        norm_eval=False,
        init_cfg=dict(
            type='Pretrained',
            checkpoint='work_dirs/pretrain/epoch_last.pth',
            prefix='backbone.')),
    roi_head=dict(
        shared_head=dict(style='pytorch', norm_cfg=norm_cfg, norm_eval=False),
        bbox_head=dict(num_classes=20)))

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
    non_finite=dict(type='NonFiniteCheckHook'))
log_processor = dict(by_epoch=False)
auto_scale_lr = dict(enable=False, base_batch_size=16)

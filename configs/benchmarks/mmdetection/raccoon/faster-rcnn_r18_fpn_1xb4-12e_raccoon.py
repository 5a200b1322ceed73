# Faster R-CNN R18-FPN on the one-class raccoon photos of data/raccoon-voc
# (a link to ../shared/data/raccoon-voc; VOC layout): 160 trainval / 40 test
# images fitted into 256 x 256, batch 4, 12 epochs (lr 0.02, steps at 9 and
# 11), VOC AP50 ('area'). The transfer settings of every mmssl detection
# config (SyncBN in backbone, neck and head, all stages trainable, BN in
# train mode, the whole checkpoint loaded with prefix 'backbone.') with
# CPU-sized 128-channel FPN / heads and 128 sampled RoIs.
_base_ = [
    'mmdet::_base_/models/faster-rcnn_r50_fpn.py',
    'mmdet::_base_/datasets/voc0712.py',
    'mmdet::_base_/schedules/schedule_1x.py',
    'mmdet::_base_/default_runtime.py',
]
custom_imports = dict(imports=['mmssl'], allow_failed_imports=False)

norm_cfg = dict(type='SyncBN', requires_grad=True)
model = dict(
    # a self-supervised torchvision-style ResNet expects RGB
    data_preprocessor=dict(bgr_to_rgb=True),
    backbone=dict(
        depth=18, frozen_stages=-1, norm_cfg=norm_cfg, norm_eval=False,
        init_cfg=dict(type='Pretrained', prefix='backbone.',
                      checkpoint='work_dirs/pretrain/epoch_last.pth')),
    neck=dict(in_channels=[64, 128, 256, 512], out_channels=128,
              norm_cfg=norm_cfg),
    rpn_head=dict(in_channels=128, feat_channels=128),
    roi_head=dict(
        bbox_roi_extractor=dict(out_channels=128),
        bbox_head=dict(type='Shared4Conv1FCBBoxHead', in_channels=128,
                       conv_out_channels=128, fc_out_channels=512,
                       norm_cfg=norm_cfg, num_classes=1)),
    train_cfg=dict(rpn_proposal=dict(nms_pre=1000, max_per_img=300),
                   rcnn=dict(sampler=dict(num=128))),
    test_cfg=dict(rpn=dict(nms_pre=500, max_per_img=300)))

data_root = 'data/raccoon-voc/'
metainfo = dict(classes=('raccoon', ))
train_pipeline = _base_.train_pipeline
train_pipeline[2].scale = (256, 256)
test_pipeline = _base_.test_pipeline
test_pipeline[1].scale = (256, 256)
voc = dict(type='VOCDataset', data_root=data_root, metainfo=metainfo,
           data_prefix=dict(sub_data_root='VOC2007/'))
train_dataloader = dict(
    batch_size=4, num_workers=2,
    dataset=dict(_delete_=True, **voc, pipeline=train_pipeline,
                 ann_file='VOC2007/ImageSets/Main/trainval.txt',
                 filter_cfg=dict(filter_empty_gt=True, min_size=8)))
val_dataloader = dict(
    dataset=dict(**voc, ann_file='VOC2007/ImageSets/Main/test.txt',
                 pipeline=test_pipeline))
test_dataloader = val_dataloader
val_evaluator = dict(eval_mode='area')
test_evaluator = val_evaluator
max_epochs = 12
train_cfg = dict(max_epochs=max_epochs, val_interval=max_epochs)
param_scheduler = _base_.param_scheduler
param_scheduler[0].update(start_factor=0.01, end=40)
param_scheduler[1].update(end=max_epochs, milestones=[9, 11])
optim_wrapper = dict(optimizer=dict(lr=0.02))
default_hooks = dict(
    logger=dict(interval=10),
    checkpoint=dict(type='AtomicCheckpointHook', interval=max_epochs,
                    max_keep_ckpts=2),
    non_finite=dict(type='NonFiniteCheckHook'),
    pretrained_check=dict(type='PretrainedBackboneCheckHook'))
randomness = dict(seed=0)
auto_scale_lr = dict(enable=False, base_batch_size=4)

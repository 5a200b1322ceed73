# What transfer of a self-supervised ResNet-50 changes in mmdet's C4
# detectors (Faster / Mask R-CNN R50-C4), as the published VOC and COCO C4
# protocols do: RGB input and pytorch-style blocks (a torchvision-style
# ResNet), SyncBN, all stages trainable with BN in train mode, res2-res4
# (backbone) and res5 (roi_head.shared_head, followed by mmpretrain's extra
# norm) loaded from the pretraining checkpoint with prefix 'backbone.'.
# A C4 transfer config lists this file after mmdet's bases and sets
# `model = _base_.ssl_c4_model`.
custom_imports = dict(
    imports=['mmssl', 'mmpretrain.models.utils.res_layer_extra_norm'],
    allow_failed_imports=False)
ssl_norm_cfg = dict(type='SyncBN', requires_grad=True)
ssl_pretrained = dict(type='Pretrained', prefix='backbone.',
                      checkpoint='work_dirs/pretrain/epoch_last.pth')
ssl_c4_model = dict(
    data_preprocessor=dict(
        mean=[123.675, 116.28, 103.53], std=[58.395, 57.12, 57.375],
        bgr_to_rgb=True),
    backbone=dict(style='pytorch', frozen_stages=-1, norm_cfg=ssl_norm_cfg,
                  norm_eval=False, init_cfg=ssl_pretrained),
    roi_head=dict(shared_head=dict(
        type='ResLayerExtraNorm', style='pytorch', norm_cfg=ssl_norm_cfg,
        norm_eval=False, init_cfg=ssl_pretrained)))

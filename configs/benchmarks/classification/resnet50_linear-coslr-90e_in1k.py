# Linear evaluation of an mmssl ResNet-50 on ImageNet-1k with mmpretrain's
# SimCLR / BYOL protocol (frozen backbone, LARS, batch 4096, cosine, 90
# epochs), loading our checkpoint. Run with
#   tools/dist_train.sh THIS_CONFIG 8 \
#       --cfg-options model.backbone.init_cfg.checkpoint=PRETRAIN_CKPT
_base_ = 'mmpretrain::simclr/benchmarks/resnet50_8xb512-linear-coslr-90e_in1k.py'  # noqa: E501
custom_imports = dict(imports=['mmssl'], allow_failed_imports=False)

model = dict(backbone=dict(init_cfg=dict(
    checkpoint='work_dirs/pretrain/epoch_last.pth')))

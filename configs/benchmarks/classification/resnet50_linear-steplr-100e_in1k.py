# Linear evaluation of an mmssl ResNet-50 on ImageNet-1k with mmpretrain's
# MoCo protocol (frozen backbone, SGD lr 30, 100 epochs, steps): a child of
# mmpretrain's config that loads our checkpoint. Run with
#   tools/dist_train.sh THIS_CONFIG 8 \
#       --cfg-options model.backbone.init_cfg.checkpoint=PRETRAIN_CKPT
_base_ = 'mmpretrain::mocov2/benchmarks/resnet50_8xb32-linear-steplr-100e_in1k.py'  # noqa: E501
custom_imports = dict(imports=['mmssl'], allow_failed_imports=False)

model = dict(backbone=dict(init_cfg=dict(
    checkpoint='work_dirs/pretrain/epoch_last.pth')))

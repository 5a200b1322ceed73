# BA-SSL on mmpretrain's MoCo v3 (ResNet-50, ImageNet-1k, 8 x 512, 100
# epochs, AMP), the framework of the authors' earlier code: batch fusion of
# each rank's 512 images on the second view (symmetric loss, so it learns).
_base_ = [
    'mmpretrain::mocov3/mocov3_resnet50_8xb512-amp-coslr-100e_in1k.py',
    '../_base_/models/batch_fusion.py',
]
custom_imports = dict(imports=['mmssl'], allow_failed_imports=False)

model = dict(_delete_=True, type='mmssl.BatchAdaptive', algorithm=_base_.model,
             fusion=dict(_base_.fusion,
                         batch_size=_base_.train_dataloader.batch_size))
train_dataloader = dict(drop_last=True)  # full batches only

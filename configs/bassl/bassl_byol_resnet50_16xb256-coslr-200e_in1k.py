# BA-SSL on mmpretrain's BYOL (ResNet-50, ImageNet-1k, 16 x 256, 200
# epochs): batch fusion of each rank's 256 images on the second view.
_base_ = [
    'mmpretrain::byol/byol_resnet50_16xb256-coslr-200e_in1k.py',
    '../_base_/models/batch_fusion.py',
]
custom_imports = dict(imports=['mmssl'], allow_failed_imports=False)

model = dict(_delete_=True, type='mmssl.BatchAdaptive', algorithm=_base_.model,
             fusion=dict(_base_.fusion,
                         batch_size=_base_.train_dataloader.batch_size))
train_dataloader = dict(drop_last=True)  # full batches only

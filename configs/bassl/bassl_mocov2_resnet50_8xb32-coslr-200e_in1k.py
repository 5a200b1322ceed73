# BA-SSL on mmpretrain's MoCo v2 (ResNet-50, ImageNet-1k, 8 x 32, 200
# epochs). MoCo v2's second view is the key, encoded by the momentum network
# without gradient, so the fusion goes on the query view (fused_view=0):
# on the key it would never learn.
_base_ = [
    'mmpretrain::mocov2/mocov2_resnet50_8xb32-coslr-200e_in1k.py',
    '../_base_/models/batch_fusion.py',
]
custom_imports = dict(imports=['mmssl'], allow_failed_imports=False)

model = dict(_delete_=True, type='mmssl.BatchAdaptive', fused_view=0,
             algorithm=_base_.model, fusion=dict(
                 _base_.fusion,
                 batch_size=_base_.train_dataloader.batch_size))

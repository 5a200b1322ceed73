# BA-SSL on DetCon-B (ResNet-50, ImageNet-1k, 8 x 512, 1000 epochs): batch
# fusion on the second view. It changes pixel values, not geometry, so the
# view's mask still marks the same pixels.
_base_ = [
    '../detcon/detconb_r50_8xb512-1000e_in1k.py',
    '../_base_/models/batch_fusion.py',
]

model = dict(_delete_=True, type='BatchAdaptive', algorithm=_base_.model,
             fusion=dict(_base_.fusion,
                         batch_size=_base_.train_dataloader.batch_size))
train_dataloader = dict(drop_last=True)  # full batches only

# BA-SSL on DetCon-B (ResNet-50, ImageNet-1k, 8 x 512, 1000 epochs): batch
# fusion on the second view. It changes pixel values, not geometry, so the
# view's mask still marks the same pixels.
_base_ = '../detcon/detconb_r50_8xb512-1000e_in1k.py'

model = dict(
    _delete_=True, type='BatchAdaptive', algorithm=_base_.model,
    fusion=dict(type='BatchFusion', patch_size=16,
                batch_size=_base_.train_dataloader.batch_size))
train_dataloader = dict(drop_last=True)  # the fusion needs full batches

# BA-SSL in front of DetCon-B in the transfer suite: 8 px patches at 128 px
# (16 x 16 patches, near the paper's 14 x 14 of 16 px at 224 px; the patch
# sizes of configs/bassl/README.md).
_base_ = '../detcon/detconb_r18_1xb32-budget_real-photos.py'

model = dict(
    _delete_=True, type='BatchAdaptive', algorithm=_base_.model,
    fusion=dict(type='BatchFusion', patch_size=8,
                batch_size=_base_.train_dataloader.batch_size))

# BA-SSL in front of mmpretrain's BYOL in the transfer suite (8 px patches
# at 128 px, as DetCon-B's BA-SSL variant).
_base_ = '../benchmarks/baselines/byol_r18_1xb32-budget_real-photos.py'

model = dict(
    _delete_=True, type='mmssl.BatchAdaptive', algorithm=_base_.model,
    fusion=dict(type='BatchFusion', patch_size=8,
                batch_size=_base_.train_dataloader.batch_size))

# BA-SSL on the shared CIFAR budget setting of mmpretrain's MoCo v2, fusion
# on the query view (the key gets no gradient), 4 px patches at 32 px.
_base_ = '../benchmarks/baselines/mocov2_r18_1xb128-budget_cifar10-5k.py'

model = dict(
    _delete_=True, type='mmssl.BatchAdaptive', algorithm=_base_.model,
    fused_view=0, fusion=dict(type='BatchFusion', patch_size=4,
                              batch_size=_base_.train_dataloader.batch_size))

# BA-SSL on the shared CIFAR budget setting of mmpretrain's SimCLR
# (tools/benchmarks/method_suite.py): 128 images of 32 px per step fused in
# 4 px patches (an 8 x 8 grid of 48-value patches; README of this folder).
_base_ = '../benchmarks/baselines/simclr_r18_1xb128-budget_cifar10-5k.py'

model = dict(
    _delete_=True, type='mmssl.BatchAdaptive', algorithm=_base_.model,
    fusion=dict(type='BatchFusion', patch_size=4,
                batch_size=_base_.train_dataloader.batch_size))

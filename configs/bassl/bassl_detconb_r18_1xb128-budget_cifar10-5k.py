# BA-SSL on DetCon-B in the shared CIFAR budget setting: second view fused
# (geometry, hence the masks, unchanged), 4 px patches at 32 px.
_base_ = '../detcon/detconb_r18_1xb128-budget_cifar10-5k.py'

model = dict(
    _delete_=True, type='BatchAdaptive', algorithm=_base_.model,
    fusion=dict(type='BatchFusion', patch_size=4,
                batch_size=_base_.train_dataloader.batch_size))

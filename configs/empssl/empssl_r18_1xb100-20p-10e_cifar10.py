# EMP-SSL, ten epochs (the paper's 91.5% linear setting).
_base_ = './empssl_r18_1xb100-20p-1e_cifar10.py'

max_epochs = 10
param_scheduler = [
    dict(type='CosineAnnealingLR', T_max=max_epochs, by_epoch=True, begin=0,
         end=max_epochs, convert_to_iter_based=True)
]
train_cfg = dict(max_epochs=max_epochs)

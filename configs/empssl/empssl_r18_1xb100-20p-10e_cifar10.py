# EMP-SSL, ten epochs (the paper's 91.5% linear setting). The official
# multi-epoch figures come from one 30-epoch cosine run (README:
# main.py --epoch 30); this config stops that schedule after ten epochs.
_base_ = './empssl_r18_1xb100-20p-1e_cifar10.py'

max_epochs = 10
schedule_epochs = 30
param_scheduler = [
    dict(type='CosineAnnealingLR', T_max=schedule_epochs, by_epoch=True,
         begin=0, end=schedule_epochs, convert_to_iter_based=True)
]
train_cfg = dict(max_epochs=max_epochs)

# EMP-SSL, ten epochs (the paper's 91.5% linear setting). The official
# multi-epoch figures come from one 30-epoch cosine run (README:
# main.py --epoch 30); this config stops that schedule after ten epochs.
_base_ = './empssl_r18_1xb100-20p-1e_cifar10.py'

param_scheduler = _base_.param_scheduler
param_scheduler[0].update(T_max=30, end=30)
train_cfg = dict(max_epochs=10)

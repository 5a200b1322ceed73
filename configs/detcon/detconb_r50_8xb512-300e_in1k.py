# DetCon-B, 300 epochs: lr = 0.3 x batch / 256, 1% warm-up.
_base_ = './detconb_r50_8xb512-1000e_in1k.py'

optim_wrapper = dict(optimizer=dict(lr=4.8))
max_epochs = 300
warmup_epochs = 3
param_scheduler = _base_.param_scheduler
param_scheduler[0].end = warmup_epochs
param_scheduler[1].update(T_max=max_epochs - warmup_epochs,
                          begin=warmup_epochs, end=max_epochs)
train_cfg = dict(max_epochs=max_epochs)

_base_ = './detconb_r50_8xb512-1000e_in1k.py'
# 300-epoch schedule: lr = 0.3 x batch / 256.
optim_wrapper = dict(optimizer=dict(lr=4.8))
max_epochs = 300
warmup_epochs = 3
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-4, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs,
         eta_min=0., by_epoch=True, begin=warmup_epochs, end=max_epochs,
         convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=max_epochs)

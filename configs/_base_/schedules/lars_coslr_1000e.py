# DetCon schedule: LARS, lr = 0.2 x batch / 256 (batch 4096 -> 3.2),
# weight decay 1.5e-6, bias and norm excluded from decay and adaptation,
# 1% linear warmup then cosine decay, 1000 epochs.
optimizer = dict(type='LARS', lr=3.2, momentum=0.9, weight_decay=1.5e-6)
optim_wrapper = dict(
    type='OptimWrapper',
    # leaves the EMA target network out in one log line
    constructor='TrainableOptimWrapperConstructor',
    optimizer=optimizer,
    paramwise_cfg=dict(
        custom_keys={
            'bn': dict(decay_mult=0, lars_exclude=True),
            'bias': dict(decay_mult=0, lars_exclude=True),
            'downsample.1': dict(decay_mult=0, lars_exclude=True),
            'norm': dict(decay_mult=0, lars_exclude=True),
        }))
max_epochs = 1000
warmup_epochs = 10
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-4, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs,
         eta_min=0., by_epoch=True, begin=warmup_epochs, end=max_epochs,
         convert_to_iter_based=True),
]
# resumes mid-epoch at the saved iteration (mmssl.engine.loops)
train_cfg = dict(type='ResumableEpochBasedTrainLoop', max_epochs=max_epochs)
auto_scale_lr = dict(base_batch_size=4096)

# DetCon schedule: LARS, lr = 0.2 x batch / 256 (batch 4096 -> 3.2),
# weight decay 1.5e-6, bias and norm excluded from decay and adaptation,
# 1% linear warmup then cosine decay, 1000 epochs.
_base_ = './warmup_coslr.py'  # 10 warm-up epochs of 1000
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

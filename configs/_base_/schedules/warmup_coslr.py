# Linear warm-up, then cosine decay to 0, stepped per iteration, with the
# epoch loop that resumes mid-epoch (mmssl.engine.loops): the schedule of
# the DetCon (lars_coslr_1000e.py) and instance-classifier roots, which
# edit its epochs and start factor in place.
max_epochs = 1000
warmup_epochs = 10
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-4, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs,
         eta_min=0., by_epoch=True, begin=warmup_epochs, end=max_epochs,
         convert_to_iter_based=True),
]
train_cfg = dict(type='ResumableEpochBasedTrainLoop', max_epochs=max_epochs)
auto_scale_lr = dict(base_batch_size=4096)

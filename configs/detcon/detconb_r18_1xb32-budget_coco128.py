# DetCon-B R18 on the 128 real COCO photos of ../shared/data/coco128 for a
# fixed wall-clock budget (tools/benchmarks/detcon_coco128.py).
# Masks: Felzenszwalb with the paper's full-resolution setting, pre-computed
# by tools/misc/generate_masks.py into mask_dir.
_base_ = './detconb_r18_1xb32-20e_demo.py'

data_root = '../shared/data/coco128/'
mask_dir = 'work_dirs/benchmarks/coco128_masks/felzenszwalb'
train_pipeline = [
    dict(type='LoadImageFromFile'),
    dict(type='LoadDetConMask', method='felzenszwalb', mask_dir=mask_dir,
         img_root=data_root + 'images',
         method_kwargs=dict(scale=1000, sigma=0.8, min_size=1000)),
    dict(type='MultiViewWithMasks', num_views=[1, 1],
         transforms=[{{_base_.view_pipeline1}},
                     {{_base_.view_pipeline2}}]),
    dict(type='PackInputs', algorithm_keys=['view_masks']),
]
train_dataloader = dict(
    dataset=dict(data_root=data_root, data_prefix='images',
                 pipeline=train_pipeline))
budget_seconds = 420
custom_hooks = [dict(type='TrainBudgetHook', seconds=budget_seconds)]
# the same schedule as the BYOL baseline (the budget stops both early)
max_epochs = 200
warmup_epochs = 2
param_scheduler = [
    dict(type='LinearLR', start_factor=1e-2, by_epoch=True, begin=0,
         end=warmup_epochs, convert_to_iter_based=True),
    dict(type='CosineAnnealingLR', T_max=max_epochs - warmup_epochs,
         eta_min=0., by_epoch=True, begin=warmup_epochs, end=max_epochs,
         convert_to_iter_based=True),
]
train_cfg = dict(max_epochs=max_epochs)
default_hooks = dict(checkpoint=dict(interval=1, max_keep_ckpts=1))

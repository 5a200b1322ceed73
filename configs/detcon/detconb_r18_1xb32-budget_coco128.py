# DetCon-B R18 on data/coco128 for a fixed wall-clock budget
# (tools/benchmarks/detcon_coco128.py), with the same 128 px views, batch and
# optimiser as the BYOL baseline. Masks: Felzenszwalb with the paper's
# full-resolution setting, pre-computed by tools/misc/generate_masks.py.
_base_ = './detconb_r18_1xb32-200e_coco128.py'

train_pipeline = _base_.train_pipeline
train_pipeline[1].update(
    img_root=_base_.data_root + 'images',
    mask_dir='work_dirs/benchmarks/detcon_coco128/masks_felzenszwalb')
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))
# the BYOL baseline's schedule; the budget stops both early
custom_hooks = [dict(type='TrainBudgetHook', seconds=420)]

# DetCon-B R18 (ImageNet stem, 128 px views) for a wall-clock budget on the
# transfer suite's unlabelled real photos: data/real_photos, the training
# images of coco128, raccoon-voc and pennfudan resized to <= 448 px and
# their Felzenszwalb masks (the paper's parameters), both written by
# tools/benchmarks/transfer_suite.py (mmssl.benchmarks.real_photos).
_base_ = './detconb_r18_1xb32-budget_coco128.py'

data_root = 'data/real_photos/'
train_pipeline = _base_.train_pipeline
train_pipeline[1].update(img_root=data_root,
                         mask_dir='data/real_photos_masks/felzenszwalb')
train_dataloader = dict(dataset=dict(data_root=data_root, data_prefix='',
                                     pipeline=train_pipeline))
custom_hooks = [dict(type='TrainBudgetHook', seconds=600)]

# mmpretrain's BYOL beside DetCon-B in the transfer suite: the coco128
# baseline (same R18, 128 px views, batch, optimiser as DetCon-B) on the
# unlabelled real photos of data/real_photos (see
# configs/detcon/detconb_r18_1xb32-budget_real-photos.py).
_base_ = './byol_r18_1xb32-budget_coco128.py'

train_dataloader = dict(dataset=dict(data_root='data/real_photos/',
                                     data_prefix=''))
custom_hooks = [dict(type='mmssl.TrainBudgetHook', seconds=600)]

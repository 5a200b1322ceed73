# The 1x transfer config on mmdet's 2x schedule (24 epochs, steps 16 / 22).
_base_ = './mask-rcnn_r50_fpn_1x_coco.py'

max_epochs = 24
train_cfg = dict(max_epochs=max_epochs)
param_scheduler = _base_.param_scheduler
param_scheduler[1].update(end=max_epochs, milestones=[16, 22])

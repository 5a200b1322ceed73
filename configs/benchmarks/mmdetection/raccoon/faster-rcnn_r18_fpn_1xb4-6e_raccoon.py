# The raccoon fine-tuning of the transfer suite: the 12-epoch config on a
# 6-epoch schedule (240 iterations, lr steps after 4 and 5), about 6 min
# on 2 cores, so that three seeds of every entry fit in a CPU session.
_base_ = './faster-rcnn_r18_fpn_1xb4-12e_raccoon.py'

max_epochs = 6
train_cfg = dict(max_epochs=max_epochs, val_interval=max_epochs)
param_scheduler = _base_.param_scheduler
param_scheduler[1].update(end=max_epochs, milestones=[4, 5])
default_hooks = dict(checkpoint=dict(interval=max_epochs))

# DetCon-B (Hénaff et al. 2021): ResNet-50, ImageNet, 1000 epochs, 8 GPUs x
# 512 = 4096 images per step, LARS lr 0.2 x batch / 256.
_base_ = [
    '../_base_/models/detconb_r50.py',
    '../_base_/datasets/imagenet_detcon.py',
    '../_base_/schedules/lars_coslr_1000e.py',
    '../_base_/default_runtime.py',
]
train_dataloader = dict(batch_size=512)
default_hooks = dict(checkpoint=dict(interval=10, max_keep_ckpts=3))

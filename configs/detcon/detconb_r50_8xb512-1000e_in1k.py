_base_ = [
    '../_base_/models/detconb_r50.py',
    '../_base_/datasets/imagenet_detcon.py',
    '../_base_/schedules/lars_coslr_1000e.py',
    'mmpretrain::_base_/default_runtime.py',
]
default_scope = 'mmssl'
custom_imports = dict(imports=['mmssl'], allow_failed_imports=False)

# 8 GPUs x 512 = 4096 images per step
train_dataloader = dict(batch_size=512)
default_hooks = dict(checkpoint=dict(interval=10, max_keep_ckpts=3))

# CPU demo: DetCon-B with ResNet-18 on the embedded demo images
# (python tools/misc/make_demo_data.py data/demo). A few minutes on 2 cores.
_base_ = './detconb_r18_1xb32-200e_coco128.py'

data_root = 'data/demo/'
train_pipeline = _base_.train_pipeline
# 128 px images: Felzenszwalb's min_size scaled down from the paper's 1000
# at full resolution
train_pipeline[1].method_kwargs = dict(scale=300, sigma=0.8, min_size=60)
train_dataloader = dict(dataset=dict(
    data_root=data_root, data_prefix='images/train',
    pipeline=train_pipeline))
max_epochs = 20
param_scheduler = _base_.param_scheduler
param_scheduler[1].update(T_max=max_epochs - 2, end=max_epochs)
train_cfg = dict(max_epochs=max_epochs)
default_hooks = dict(checkpoint=dict(interval=max_epochs))

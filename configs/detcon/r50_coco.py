# DetCon-B on COCO train2017 images (no labels), Felzenszwalb masks.
#   tools/dist_train.sh configs/detcon/r50_coco.py 8
# Pre-compute masks once (resumable, shardable):
#   python tools/misc/generate_masks.py data/coco/train2017 \
#       data/coco/masks/felzenszwalb --workers 16
_base_ = './detconb_r50_8xb512-1000e_in1k.py'

data_root = 'data/coco/'
train_pipeline = _base_.train_pipeline
train_pipeline[1].update(mask_dir=data_root + 'masks/felzenszwalb',
                         img_root=data_root + 'train2017')
train_dataloader = dict(
    batch_size=128,
    dataset=dict(_delete_=True, type='CustomDataset', data_root=data_root,
                 data_prefix='train2017', with_label=False,
                 pipeline=train_pipeline))
# 118k images, batch 8 x 128 = 1024: lr = 0.2 x 1024 / 256
optim_wrapper = dict(optimizer=dict(lr=0.8))
auto_scale_lr = dict(base_batch_size=1024)

# Mask R-CNN R50-FPN 1x transfer with multi-scale training (short side
# 640-800, step 32): the FPN row of mmselfsup's COCO table.
_base_ = './mask-rcnn_r50_fpn_1x_coco.py'

train_pipeline = _base_.train_pipeline
train_pipeline[2] = dict(type='RandomChoiceResize', keep_ratio=True,
                         scales=[(1333, s) for s in range(640, 801, 32)])
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))

# DetCon-B on COCO train2017 with COCO's ground-truth instance masks (the
# paper's upper bound) in place of Felzenszwalb: the whole switch. Each
# loader worker reads the annotation file once; for many workers pre-compute
# instead (generate_masks.py ... --method coco-gt --ann ANN) and set
# mask_dir to the output.
_base_ = './r50_coco.py'

train_pipeline = _base_.train_pipeline
train_pipeline[1].update(
    method='coco-gt', mask_dir=None,
    ann_file='data/coco/annotations/instances_train2017.json')
train_dataloader = dict(dataset=dict(pipeline=train_pipeline))

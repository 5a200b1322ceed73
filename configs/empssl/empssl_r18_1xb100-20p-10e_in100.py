# EMP-SSL on ImageNet-100: ImageNet stem ResNet-18, 224 px bicubic patches
# of 25% of the area with torchvision's default aspect ratios (3/4 to 4/3;
# the official aug4img.py sets no ratio), normalised with mean = std = 0.5.
# Ten epochs of a 30-epoch cosine, as the CIFAR config.
_base_ = './empssl_r18_1xb100-20p-10e_cifar10.py'

data_root = 'data/imagenet100/'
patch_pipeline = _base_.patch_pipeline
patch_pipeline[0].update(scale=224, aspect_ratio_range=(3. / 4., 4. / 3.),
                         interpolation='bicubic')
train_pipeline = _base_.train_pipeline
train_pipeline[1].transforms = [patch_pipeline]
train_dataloader = dict(
    dataset=dict(data_root=data_root, pipeline=train_pipeline))
model = dict(backbone=dict(type='ResNet', depth=18), micro_batch=500)

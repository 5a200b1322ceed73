# DetCon-S (SimCLR-style: one network, no predictor, no EMA target) in the
# shared CIFAR budget setting of detconb_r18_1xb128-budget_cifar10-5k.py.
_base_ = './detconb_r18_1xb128-budget_cifar10-5k.py'

model = _base_.model
model.type = 'DetConS'
model.pop('base_momentum')
model.head.pop('predictor')
model['_delete_'] = True  # drop the base's predictor and momentum

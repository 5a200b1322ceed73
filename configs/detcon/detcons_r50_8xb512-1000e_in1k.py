# DetCon-S: SimCLR-style, one network, no predictor, no EMA target.
_base_ = './detconb_r50_8xb512-1000e_in1k.py'

model = _base_.model
model.type = 'DetConS'
model.pop('base_momentum')
model.head.pop('predictor')
model['_delete_'] = True  # drop the base's predictor and momentum

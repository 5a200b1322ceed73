# DetCon-S (SimCLR-style, no predictor or target network) in the transfer
# suite: DetCon-B's real-photos config with DetCon-S's model.
_base_ = './detconb_r18_1xb32-budget_real-photos.py'

model = _base_.model
model.type = 'DetConS'
model.pop('base_momentum')
model.head.pop('predictor')
model['_delete_'] = True  # drop the base's predictor and momentum

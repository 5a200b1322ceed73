import torch
from mmengine.model import BaseModel

from mmssl.engine import SyncBNAwareRunner, count_sync_bn
from mmssl.registry import MODELS


@MODELS.register_module(force=True)
class _SyncBNNet(BaseModel):

    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(3, 4, 3)
        self.bn = torch.nn.SyncBatchNorm(4)

    def forward(self, inputs, data_samples=None, mode='tensor'):
        return self.bn(self.conv(inputs))


def test_single_process_runner_reverts_sync_bn(tmp_path):
    runner = SyncBNAwareRunner(model=dict(type='_SyncBNNet'),
                               work_dir=str(tmp_path),
                               default_scope='mmssl',
                               experiment_name='syncbn_revert')
    assert count_sync_bn(runner.model) == 0
    # and the converted model runs (SyncBN would fail without a group)
    runner.model.train()
    out = runner.model(torch.randn(2, 3, 8, 8))
    assert out.shape == (2, 4, 6, 6)
    # parameters survive the conversion
    assert runner.model.bn.weight.shape == (4, )


def test_unknown_top_level_cfg_options_are_found():
    from mmengine.config import Config

    from mmssl.engine.runner import unknown_top_level_options
    cfg = Config(dict(train_cfg=dict(max_epochs=3), model=dict(type='X')))
    assert unknown_top_level_options(
        cfg, {'max_epochs': 1, 'train_cfg.max_epochs': 1,
              'model.type': 'Y'}) == ['max_epochs']
    assert unknown_top_level_options(cfg, None) == []

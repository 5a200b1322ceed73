"""The cost harness measures what a direct timing and a hand count give on
a model whose cost is known."""
import time

import torch
from mmengine.model import BaseModel

from mmssl.registry import DATASETS, MODELS

SLEEP = 0.03


@MODELS.register_module(force=True)
class _KnownCostNet(BaseModel):
    """Two backbone passes per image (like two views) and a fixed sleep."""

    def __init__(self):
        super().__init__()
        self.backbone = torch.nn.Linear(8, 4)

    def forward(self, inputs, data_samples=None, mode='loss'):
        time.sleep(SLEEP)
        z = self.backbone(inputs) + self.backbone(inputs.flip(0))
        return dict(loss=z.pow(2).mean())


@DATASETS.register_module(force=True)
class _VectorSet(torch.utils.data.Dataset):

    def __len__(self):
        return 64

    def __getitem__(self, i):
        g = torch.Generator().manual_seed(i)
        return dict(inputs=torch.randn(8, generator=g),
                    data_samples=torch.zeros(1))


CONFIG = """
default_scope = 'mmssl'
model = dict(type='_KnownCostNet')
train_dataloader = dict(batch_size=16, num_workers=0,
                        sampler=dict(type='DefaultSampler', shuffle=False),
                        collate_fn=dict(type='default_collate'),
                        dataset=dict(type='_VectorSet'))
optim_wrapper = dict(optimizer=dict(type='SGD', lr=0.1))
train_cfg = dict(by_epoch=True, max_epochs=1)
"""


def test_harness_matches_direct_timing_and_counts(tmp_path):
    from mmssl.benchmarks.cost import measure
    config = tmp_path / 'known_cost.py'
    config.write_text(CONFIG)
    results = measure([f'known={config}'], rounds=5, steps=3,
                      loader_batches=2, work_dir=str(tmp_path))
    r = results['known']

    # direct timing of the same work, outside the harness
    model = _KnownCostNet()
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    x = torch.randn(16, 8)
    t0 = time.perf_counter()
    for _ in range(10):
        loss = model(x)['loss']
        opt.zero_grad()
        loss.backward()
        opt.step()
    direct = (time.perf_counter() - t0) / 10
    assert abs(r['step_time_s'] / direct - 1) < 0.25, (r['step_time_s'],
                                                        direct)
    assert r['step_time_s'] >= SLEEP
    assert r['batch_size'] == 16
    assert r['images_per_s'] == 16 / r['step_time_s']
    assert r['backbone_forwards_per_image'] == 2
    # per image and pass: 2*8*4 multiply-adds forward + the same for the
    # weight gradient (the input needs no gradient)
    assert r['gflops_per_image'] * 1e9 == 2 * (2 * 8 * 4 + 2 * 8 * 4)
    assert r['loader_images_per_s'] > 0
    assert r['step_time_ratio_vs_known'] == 1.0


def test_interleaved_takes_turns_and_times_each_function():
    from mmssl.benchmarks.cost import interleaved
    calls = []
    times = interleaved({'a': lambda: (calls.append('a'), time.sleep(.01)),
                         'b': lambda: (calls.append('b'), time.sleep(.03))},
                        rounds=3, per_round=2)
    # one warm-up each, then a, a, b, b per round
    assert calls == ['a', 'b'] + ['a', 'a', 'b', 'b'] * 3
    assert len(times['a']) == len(times['b']) == 3
    assert all(.01 <= t < .02 for t in times['a'])
    assert all(.03 <= t < .045 for t in times['b'])

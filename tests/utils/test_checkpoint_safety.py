import builtins
import io
import pickle

import numpy as np
import pytest
import torch
from mmengine.dataset import DefaultSampler
from mmengine.hooks import Hook
from mmengine.logging import HistoryBuffer, MessageHub
from mmengine.model import BaseModel
from mmengine.runner import Runner
from torch.utils.data import Dataset

from mmssl.registry import DATASETS, MODELS
from mmssl.utils import checkpoint_safe_globals


@MODELS.register_module(force=True)
class _ToyRegressor(BaseModel):

    def __init__(self):
        super().__init__()
        self.linear = torch.nn.Linear(4, 1)
        self.bn = torch.nn.BatchNorm1d(4)

    def forward(self, inputs, targets=None, mode='tensor'):
        x = torch.stack(inputs) if isinstance(inputs, list) else inputs
        pred = self.linear(self.bn(x))
        if mode == 'loss':
            y = torch.stack(targets) if isinstance(targets, list) else targets
            return dict(loss=((pred.squeeze(1) - y)**2).mean())
        return pred


@DATASETS.register_module(force=True)
class _ToyData(Dataset):

    def __init__(self, n=24):
        g = torch.Generator().manual_seed(0)
        self.x = torch.randn(n, 4, generator=g)
        self.y = self.x @ torch.tensor([1., -2., .5, 3.]) + 0.1

    def __len__(self):
        return len(self.x)

    def __getitem__(self, i):
        return dict(inputs=self.x[i], targets=self.y[i])


class _Interrupted(Exception):
    pass


class _CrashAfterEpoch(Hook):
    """Simulates a job killed right after its epoch-``epoch`` checkpoint."""
    priority = 'LOWEST'  # after CheckpointHook has saved

    def __init__(self, epoch):
        self.epoch = epoch

    def after_train_epoch(self, runner):
        if runner.epoch == self.epoch:
            raise _Interrupted


def make_runner(work_dir, max_epochs=3, resume=False, crash_after=None):
    hooks = [_CrashAfterEpoch(crash_after)] if crash_after else []
    return Runner(
        model=dict(type='_ToyRegressor'),
        work_dir=str(work_dir),
        train_dataloader=dict(
            dataset=dict(type='_ToyData'), batch_size=4, num_workers=0,
            sampler=dict(type=DefaultSampler, shuffle=True, seed=7),
            collate_fn=dict(type='default_collate')),
        optim_wrapper=dict(optimizer=dict(type='SGD', lr=0.05,
                                          momentum=0.9)),
        param_scheduler=dict(type='CosineAnnealingLR', T_max=3, by_epoch=True),
        train_cfg=dict(by_epoch=True, max_epochs=max_epochs),
        default_hooks=dict(checkpoint=dict(type='CheckpointHook', interval=1),
                           logger=dict(type='LoggerHook', interval=1)),
        custom_hooks=hooks,
        randomness=dict(seed=0),
        resume=resume,
        default_scope='mmssl',
        experiment_name=f'toy_{work_dir.name}_{resume}')


def test_resume_equals_uninterrupted_run(tmp_path):
    full = make_runner(tmp_path / 'full')
    full.train()
    expected = {k: v.clone() for k, v in full.model.state_dict().items()}

    part = make_runner(tmp_path / 'part', crash_after=2)
    with pytest.raises(_Interrupted):
        part.train()
    ckpt_path = tmp_path / 'part' / 'epoch_2.pth'
    # what torch>=2.6 does by default: only allow-listed types
    ckpt = torch.load(ckpt_path, weights_only=True)
    assert isinstance(ckpt['message_hub']['log_scalars']['train/loss'],
                      HistoryBuffer)

    resumed = make_runner(tmp_path / 'part', resume=True)
    resumed.train()
    assert resumed.iter == full.iter == 18
    for k, v in resumed.model.state_dict().items():
        torch.testing.assert_close(v, expected[k], msg=k)
    assert resumed.message_hub.get_scalar('train/loss').current() == \
        pytest.approx(full.message_hub.get_scalar('train/loss').current())


def test_history_buffer_pickles_as_plain_data():
    buf = HistoryBuffer()
    buf.update(1.5)
    buf.update(np.float64(2.5))
    data = pickle.dumps(buf)
    assert b'getattr' not in data and b'statistics_methods' not in data
    loaded = torch.load(io.BytesIO(_torch_save(buf)), weights_only=True)
    assert loaded.mean() == pytest.approx(2.0)
    assert loaded.max() == 2.5  # statistics restored from the class


def _torch_save(obj):
    f = io.BytesIO()
    torch.save(obj, f)
    return f.getvalue()


def test_allow_list_holds_data_types_only():
    allowed = checkpoint_safe_globals()
    assert HistoryBuffer in allowed
    assert builtins.getattr not in allowed
    assert all(not callable(a) or isinstance(a, type) or
               a.__name__ in ('_reconstruct', 'scalar', 'encode')
               for a in allowed)
    assert all(g is not builtins.getattr
               for g in torch.serialization.get_safe_globals())


def test_message_hub_state_loads_with_weights_only():
    hub = MessageHub.get_instance('safety_test')
    hub.update_scalar('train/loss', np.float32(0.25))
    hub.update_info('epoch', 3)
    state = torch.load(io.BytesIO(_torch_save(hub.state_dict())),
                       weights_only=True)
    assert state['log_scalars']['train/loss'].current() == pytest.approx(.25)


@pytest.mark.parametrize('content,message', [
    (b'', 'is empty'),
    (b'hello, I am a text file', 'cannot be loaded'),
])
def test_unreadable_checkpoint_files_are_named(tmp_path, content, message):
    from mmssl.utils import load_prefixed_state_dict
    path = tmp_path / 'bad.pth'
    path.write_bytes(content)
    with pytest.raises(ValueError, match=f'bad.pth {message}'):
        load_prefixed_state_dict(str(path))


def test_a_pickled_list_is_not_a_checkpoint(tmp_path):
    import torch

    from mmssl.utils import load_prefixed_state_dict
    path = tmp_path / 'list.pth'
    torch.save([1, 2, 3], path)
    with pytest.raises(ValueError, match='list.pth holds a list'):
        load_prefixed_state_dict(str(path))


def test_history_buffer_state_never_installs_statistics_methods():
    from mmssl.utils import enable_safe_checkpoint_loading
    enable_safe_checkpoint_loading()
    buf = HistoryBuffer()
    buf.update(1.0)
    evil = dict(buf.__dict__, statistics_methods={'mean': print})
    restored = HistoryBuffer.__new__(HistoryBuffer)
    restored.__setstate__(evil)
    assert 'statistics_methods' not in restored.__dict__
    assert HistoryBuffer._statistics_methods['mean'] is HistoryBuffer.mean
    assert restored.mean() == 1.0

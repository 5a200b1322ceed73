import types

import cv2
import numpy as np
import pytest
import torch
from mmengine.logging import MessageHub, MMLogger

from mmssl.engine.hooks import KNNEvalHook


def colour_folders(root):
    rng = np.random.default_rng(0)
    for split, n in (('train', 6), ('test', 3)):
        for cls, colour in (('red', (0, 0, 200)), ('blue', (200, 0, 0))):
            d = root / split / cls
            d.mkdir(parents=True)
            for i in range(n):
                img = np.clip(np.array(colour) + rng.normal(0, 20, (8, 8, 3)),
                              0, 255).astype(np.uint8)
                cv2.imwrite(str(d / f'{i}.png'), img)


class MeanColour(torch.nn.Module):

    def __init__(self):
        super().__init__()
        self.dummy = torch.nn.Parameter(torch.zeros(1))

    def forward(self, x):
        return (x.mean(dim=(2, 3)) + self.dummy, )


def fake_runner(epoch, max_epochs):
    from mmpretrain.models.utils import SelfSupDataPreprocessor
    model = types.SimpleNamespace(
        backbone=MeanColour(),
        # the hook normalises with the model's own statistics
        data_preprocessor=SelfSupDataPreprocessor(
            mean=[123.675, 116.28, 103.53], std=[58.395, 57.12, 57.375],
            to_rgb=True))
    model.parameters = model.backbone.parameters
    model.training = True
    model.train = lambda mode=True: None
    return types.SimpleNamespace(
        model=model, epoch=epoch, max_epochs=max_epochs, iter=10 * epoch,
        visualizer=types.SimpleNamespace(add_scalars=lambda *a, **k: None),
        train_loop=types.SimpleNamespace(max_epochs=max_epochs),
        message_hub=MessageHub.get_instance(f'knn_hook_{epoch}'),
        logger=MMLogger.get_instance('knn_hook_test'))


def test_hook_logs_knn_on_its_interval(tmp_path):
    colour_folders(tmp_path)
    hook = KNNEvalHook(str(tmp_path), interval=2, size=8, k=3, workers=0)
    runner = fake_runner(epoch=0, max_epochs=4)  # epoch 1 of 4: skipped
    hook.after_train_epoch(runner)
    assert 'knn/top1' not in runner.message_hub.log_scalars
    runner = fake_runner(epoch=1, max_epochs=4)  # epoch 2: evaluated
    hook.after_train_epoch(runner)
    # colours separate the classes perfectly
    assert runner.message_hub.get_scalar('knn/top1').current() == 100.0


def test_missing_folder_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match='train'):
        KNNEvalHook(str(tmp_path / 'nowhere'))


def test_knn_reaches_the_written_logs_with_its_epoch(tmp_path):
    """Read back from vis_data/scalars.json, the file TensorBoard / W&B
    backends and tools/analysis_tools/plot_logs.py are fed from."""
    import glob

    from mmengine.model import BaseModel

    from mmssl.testing import toy_runner
    from mmssl.utils.logs import read_scalars

    class Model(BaseModel):

        def __init__(self):
            super().__init__(data_preprocessor=dict(
                type='ImgDataPreprocessor', mean=[0.] * 3, std=[1.] * 3))
            self.backbone = MeanColour()

        def forward(self, inputs, data_samples=None, mode='loss'):
            return dict(loss=self.backbone(inputs)[0].mean() * 0 +
                        self.backbone.dummy.square().sum())

    colour_folders(tmp_path / 'folders')
    data = [dict(inputs=torch.rand(3, 8, 8)) for _ in range(3)]
    runner = toy_runner(
        Model(), tmp_path / 'work', data, 'knn', epochs=3,
        custom_hooks=[dict(type='KNNEvalHook',
                           data_root=str(tmp_path / 'folders'), interval=2,
                           size=8, k=3, workers=0)])
    runner.train()
    scalars = glob.glob(str(tmp_path / 'work' / '*' / 'vis_data' /
                            'scalars.json'))
    series = read_scalars(scalars[0])
    # epoch 2 (interval) and epoch 3 (last), at the iterations done by then
    assert series['knn/top1'] == ([6, 9], [100.0, 100.0])
    log = open(glob.glob(str(tmp_path / 'work' / '*' / '*.log'))[0]).read()
    assert 'Epoch 2: kNN top1 100.00' in log
    assert 'Epoch 3: kNN top1 100.00' in log and 'Epoch 1: kNN' not in log

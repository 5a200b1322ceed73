import os.path as osp

from mmengine.hooks import Hook

from mmssl.registry import HOOKS
from .utils import unwrap_model


@HOOKS.register_module()
class KNNEvalHook(Hook):
    """Online weighted kNN (k=20, T=0.07) of the backbone every ``interval``
    epochs and after the last one, logged as ``knn/top1`` (message hub,
    console and every visualizer backend: ``vis_data/scalars.json``,
    TensorBoard, W&B, at the current iteration, with the epoch).

    Features are extracted from ImageNet-style ``data_root/{train,test}``
    folders (resized to ``size``, normalised by the model's own data
    preprocessor statistics), each rank encoding its share of the images;
    every rank then holds all features and computes the same result.
    """
    priority = 'LOW'

    def __init__(self, data_root: str, interval: int = 10, size: int = 32,
                 train: str = 'train', test: str = 'test', k: int = 20,
                 temperature: float = 0.07, batch_size: int = 256,
                 workers: int = 2) -> None:
        for split in (train, test):
            if not osp.isdir(osp.join(data_root, split)):
                raise FileNotFoundError(
                    f'KNNEvalHook: {osp.join(data_root, split)} does not '
                    'exist')
        self.data_root, self.interval, self.size = data_root, interval, size
        self.splits = (train, test)
        self.k, self.temperature = k, temperature
        self.batch_size, self.workers = batch_size, workers

    def evaluate(self, backbone, device, preprocessing=None):
        from mmssl.evaluation import extract_folder_features, knn_accuracy
        feats = [
            extract_folder_features(backbone,
                                    osp.join(self.data_root, split),
                                    self.size, self.batch_size, self.workers,
                                    device, preprocessing=preprocessing)
            for split in self.splits
        ]
        return knn_accuracy(feats[0][0], feats[0][1], feats[1][0],
                            feats[1][1], self.k, self.temperature)

    def after_train_epoch(self, runner) -> None:
        if not (self.every_n_epochs(runner, self.interval)
                or self.is_last_train_epoch(runner)):
            return
        model = unwrap_model(runner.model)
        device = next(model.parameters()).device
        was_training = model.training
        pre = model.data_preprocessor
        # the model's own normalisation (mean/std buffers, RGB or BGR)
        preprocessing = dict(mean=pre.mean.flatten().tolist(),
                             std=pre.std.flatten().tolist(),
                             to_rgb=bool(getattr(pre, '_channel_conversion',
                                                 False)))
        result = self.evaluate(model.backbone, device, preprocessing)
        model.train(was_training)
        # after_train_epoch runs before the loop counts the epoch: epoch
        # (0-based) is the one just finished, iter the iterations done
        epoch = runner.epoch + 1
        scalars = {f'knn/{key}': value for key, value in result.items()}
        for key, value in scalars.items():
            runner.message_hub.update_scalar(key, value)
        # straight to the visualizer's backends (scalars.json, TensorBoard,
        # W&B) at the iteration axis of the loss: the log processor only
        # forwards train/ and val/ scalars
        runner.visualizer.add_scalars(dict(scalars, epoch=epoch),
                                      step=runner.iter)
        runner.logger.info(f'Epoch {epoch}: kNN ' + ', '.join(
            f'{k} {v:.2f}' for k, v in result.items()))

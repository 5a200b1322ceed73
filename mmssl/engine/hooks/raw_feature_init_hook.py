import copy

import torch
from mmengine.dist import is_main_process
from mmengine.hooks import Hook
from mmengine.utils import ProgressBar

from mmssl.models.algorithms.instance_classifier import instance_ids
from mmssl.models.utils import all_reduce_sum, gather_no_grad
from mmssl.registry import HOOKS
from .utils import unwrap_model


@HOOKS.register_module()
class RawFeatureInitHook(Hook):
    """Before the first iteration, set each instance's classifier row to the
    network's L2-normalised embedding of that image (Liu et al. 2021, raw
    feature initialisation).

    The images come from ``dataloader`` (an un-augmented pipeline over an
    ``InstanceIdDataset`` of the same images as the training set); its
    sampler splits them over ranks, features and ids are all-gathered and each
    rank writes the rows of its own shard. Runs resumed past iteration 0 skip
    it: the checkpoint holds the classifier.

    Args:
        dataloader: dataloader config (built with ``Runner.build_dataloader``).
        use_running_stats: BN normalises with its running statistics (eval
            mode; the paper's variant). ``False`` uses each batch's statistics
            instead; the running statistics are restored afterwards either way.
    """
    priority = 'HIGH'

    def __init__(self, dataloader: dict, use_running_stats: bool = True):
        self.dataloader_cfg = dataloader
        self.use_running_stats = use_running_stats

    @torch.no_grad()
    def initialise(self, model, dataloader) -> int:
        head = model.head
        saved = copy.deepcopy(
            {k: v for k, v in model.state_dict().items()
             if not k.startswith('head.')})
        was_training = model.training
        model.train(not self.use_running_stats)
        bar = ProgressBar(len(dataloader)) if is_main_process() else None
        written = torch.zeros((), dtype=torch.long)
        for data in dataloader:
            data = model.data_preprocessor(data, False)
            img = model.first_view(data['inputs'])
            ids = instance_ids(data['data_samples'], img.device)
            feats = model.embed(img)
            written += head.write_rows(gather_no_grad(ids),
                                       gather_no_grad(feats))
            if bar is not None:
                bar.update()
        model.load_state_dict(saved, strict=False)
        model.train(was_training)
        return int(all_reduce_sum(written))

    def before_train(self, runner) -> None:
        if runner.iter > 0:
            runner.logger.info('RawFeatureInitHook: resumed at iteration '
                               f'{runner.iter}, keeping the classifier')
            return
        model = unwrap_model(runner.model)
        loader = runner.build_dataloader(self.dataloader_cfg,
                                         seed=runner.seed)
        dataset = loader.dataset
        if len(dataset) != model.head.num_classes:
            raise ValueError(
                f'RawFeatureInitHook: the dataset has {len(dataset)} images '
                f'but the classifier has {model.head.num_classes} classes')
        runner.logger.info('RawFeatureInitHook: writing raw features of '
                           f'{len(dataset)} images into the classifier')
        # the sampler pads to a multiple of the world size: rows written
        # twice get the same feature
        written = self.initialise(model, loader)
        if written < model.head.num_classes:
            raise RuntimeError(
                f'RawFeatureInitHook: only {written} of '
                f'{model.head.num_classes} classifier rows were written')

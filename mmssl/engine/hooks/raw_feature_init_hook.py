import copy

import torch
from mmengine.dist import is_main_process
from mmengine.hooks import Hook
from mmengine.utils import ProgressBar

from mmssl.datasets.instance_dataset import instance_ids
from mmssl.models.utils import all_reduce_sum, gather_no_grad
from mmssl.registry import HOOKS
from .utils import unwrap_model


@torch.no_grad()
def accumulate_bn_statistics(model, dataloader) -> None:
    """Replace every BN layer's running statistics with the cumulative
    average over one pass of ``dataloader`` in train mode."""
    bns = [m for m in model.modules()
           if isinstance(m, torch.nn.modules.batchnorm._BatchNorm)]
    momenta = [bn.momentum for bn in bns]
    for bn in bns:
        bn.reset_running_stats()
        bn.momentum = None  # cumulative moving average
    model.train()
    for data in dataloader:
        data = model.data_preprocessor(data, False)
        model.embed(model.first_view(data['inputs']))
    for bn, momentum in zip(bns, momenta):
        bn.momentum = momentum


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
        bn_stats: how BatchNorm normalises while the rows are computed.

            * ``'batch'`` (default): each batch with its own statistics
              (train-mode BN). Rows of a freshly initialised network are
              near-orthogonal (mean pairwise cosine about 0.01).
            * ``'accumulated'``: one pass over the data first accumulates
              running statistics (cumulative average), then eval-mode BN
              uses them: rows do not depend on how images are batched.
            * ``'initial'``: the running statistics as they are. At
              initialisation these are (0, 1), so every row is nearly the
              same vector (mean pairwise cosine 0.99 for R18 on real
              photos): kept only to show that degenerate case.

            The network's BN running statistics and mode are restored
            afterwards in every mode.
    """
    priority = 'HIGH'
    BN_STATS = ('batch', 'accumulated', 'initial')

    def __init__(self, dataloader: dict, bn_stats: str = 'batch'):
        if bn_stats not in self.BN_STATS:
            raise ValueError(f'RawFeatureInitHook: bn_stats={bn_stats!r}, '
                             f'expected one of {self.BN_STATS}')
        self.dataloader_cfg = dataloader
        self.bn_stats = bn_stats

    @staticmethod
    def _embed_all(model, dataloader, bar=None):
        for data in dataloader:
            data = model.data_preprocessor(data, False)
            img = model.first_view(data['inputs'])
            if bar is not None:
                bar.update()
            yield instance_ids(data['data_samples'], img.device), \
                model.embed(img)

    @torch.no_grad()
    def initialise(self, model, dataloader) -> int:
        head = model.head
        saved = copy.deepcopy(
            {k: v for k, v in model.state_dict().items()
             if not k.startswith('head.')})
        was_training = model.training
        if self.bn_stats == 'accumulated':
            accumulate_bn_statistics(model, dataloader)
        model.train(self.bn_stats == 'batch')
        bar = ProgressBar(len(dataloader)) if is_main_process() else None
        written = torch.zeros((), dtype=torch.long)
        for ids, feats in self._embed_all(model, dataloader, bar):
            written += head.write_rows(gather_no_grad(ids),
                                       gather_no_grad(feats))
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
                           f'{len(dataset)} images into the classifier '
                           f'(BN statistics: {self.bn_stats})')
        # the sampler pads to a multiple of the world size: rows written
        # twice get the same feature
        written = self.initialise(model, loader)
        if written < model.head.num_classes:
            raise RuntimeError(
                f'RawFeatureInitHook: only {written} of '
                f'{model.head.num_classes} classifier rows were written')

"""EMP-SSL's published evaluation protocol (official ``evaluate.py``), by
name next to the fast probe used elsewhere in mmssl.

``empssl-official``: the feature of an image is the projector's 4096-d
*pre-feature* (Linear-BN-ReLU after the backbone, ``EMPSSLNeck``'s ``h``)
averaged over 128 patches drawn with the full *training* augmentation, the
network in eval mode; the linear classifier is trained by SGD (momentum 0.9,
weight decay 5e-5, batch 100, lr 0.03, cosine over 100 epochs) on the raw
(un-standardised) features.

``fast``: backbone GAP features (whole image or a bag of plain random
patches, :mod:`mmssl.evaluation.bag_of_patches`) with the L-BFGS probe of
:func:`mmssl.evaluation.linear_probe`. Every reported number says which.
"""
import copy
from typing import Dict, Tuple

import torch
import torch.nn.functional as F

PROTOCOLS = ('empssl-official', 'fast')


def _with_num_views(pipeline: list, num_views: int) -> list:
    pipeline = copy.deepcopy(list(pipeline))
    views = [t for t in pipeline if t.get('type') == 'MultiView']
    if len(views) != 1:
        raise ValueError('the bag-of-patches protocol needs a training '
                         'pipeline with exactly one MultiView transform, got '
                         f'{[t.get("type") for t in pipeline]}')
    views[0]['num_views'] = num_views
    pack = [t for t in pipeline if t.get('type') == 'PackInputs']
    for t in pack:
        t.pop('algorithm_keys', None)
    return pipeline


def patch_dataset(train_pipeline: list, data_root: str, split: str,
                  num_patches: int = 128):
    """A labelled class-folder dataset whose samples are ``num_patches``
    patches made by the training pipeline (its ``MultiView`` count
    replaced)."""
    from mmengine.registry import DefaultScope

    from mmssl.registry import DATASETS
    # the pipeline's transforms resolve in mmssl's scope (and its parents)
    # whatever scope the caller is in
    with DefaultScope.overwrite_default_scope('mmssl'):
        return DATASETS.build(dict(
            type='mmpretrain.CustomDataset', data_root=data_root,
            data_prefix=split, with_label=True,
            pipeline=_with_num_views(train_pipeline, num_patches)))


@torch.no_grad()
def bag_of_prefeatures(model, dataset, batch_size: int = 8,
                       workers: int = 2, seed: int = 0
                       ) -> Tuple[torch.Tensor, torch.Tensor]:
    """``(N, hid)`` mean pre-feature over each sample's patches, and labels.

    ``model`` is an :class:`~mmssl.models.EMPSSL` (``model.embed`` returns
    ``(h, z)``); it runs in eval mode (BN with running statistics), so a
    patch's feature does not depend on the rest of the batch.
    """
    from mmengine.dataset import default_collate
    was_training = model.training
    model.eval()
    generator = torch.Generator().manual_seed(seed)
    loader = torch.utils.data.DataLoader(
        dataset, batch_size=batch_size, num_workers=workers, shuffle=False,
        collate_fn=default_collate, generator=generator,
        worker_init_fn=_seed_worker(seed))
    if workers == 0:
        _seed_worker(seed)(0)
    feats, labels = [], []
    for data in loader:
        data = model.data_preprocessor(data, False)
        views = data['inputs']
        n, b = len(views), views[0].shape[0]
        h = model.embed(torch.cat(views))[0]
        feats.append(h.view(n, b, -1).mean(dim=0).cpu())
        labels.append(torch.stack([ds.gt_label[0]
                                   for ds in data['data_samples']]).cpu())
    model.train(was_training)
    return torch.cat(feats), torch.cat(labels)


def _seed_worker(seed: int):
    def init(worker_id: int) -> None:
        import random

        import numpy as np
        random.seed(seed + worker_id)
        np.random.seed(seed + worker_id)
        torch.manual_seed(seed + worker_id)
    return init


def sgd_linear_probe(train_x: torch.Tensor, train_y: torch.Tensor,
                     test_x: torch.Tensor, test_y: torch.Tensor,
                     lr: float = 0.03, epochs: int = 100,
                     batch_size: int = 100, momentum: float = 0.9,
                     weight_decay: float = 5e-5, seed: int = 0
                     ) -> Dict[str, float]:
    """The official EMP-SSL linear evaluation: ``Linear(d, classes)`` on the
    raw features, SGD with momentum and weight decay, batch 100 (shuffled,
    last partial batch dropped), cosine lr stepped once per epoch over
    ``epochs``; test top-1 (%) after the last epoch and the best epoch
    (the official prints both)."""
    g = torch.Generator().manual_seed(seed)
    classes = int(max(train_y.max(), test_y.max())) + 1
    torch.manual_seed(seed)
    linear = torch.nn.Linear(train_x.shape[1], classes)
    opt = torch.optim.SGD(linear.parameters(), lr=lr, momentum=momentum,
                          weight_decay=weight_decay)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, epochs)
    n = len(train_x) - len(train_x) % batch_size
    if n == 0:
        raise ValueError(f'sgd_linear_probe: {len(train_x)} training '
                         f'features are fewer than one batch of {batch_size}')
    accs = []
    for _ in range(epochs):
        order = torch.randperm(len(train_x), generator=g)[:n]
        for idx in order.split(batch_size):
            loss = F.cross_entropy(linear(train_x[idx]), train_y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
        sched.step()
        with torch.no_grad():
            accs.append(100 * float(
                (linear(test_x).argmax(1) == test_y).float().mean()))
    return dict(top1=accs[-1], best_top1=max(accs), epochs=epochs, lr=lr)


def evaluate_empssl(config: str, checkpoint: str, data_root: str,
                    protocol: str = 'empssl-official', num_patches: int = 128,
                    train: str = 'train', test: str = 'test',
                    per_class: int = 0, epochs: int = 100,
                    batch_size: int = 8, workers: int = 2,
                    seed: int = 0, probe_batch_size: int = 100) -> Dict:
    """Evaluate an EMP-SSL checkpoint with a named protocol.

    ``empssl-official``: bag of ``num_patches`` training-augmented patches'
    pre-features (the whole model, eval mode) and the SGD probe.
    ``per_class > 0`` keeps the first N training images of each class (the
    test split is always whole), for CPU-sized runs; the result says so.
    ``fast``: :func:`mmssl.evaluation.knn_and_linear` (backbone GAP
    features, kNN and L-BFGS).
    """
    import os
    import os.path as osp

    from mmengine.config import Config
    from mmengine.runner import load_checkpoint

    from mmssl.registry import MODELS
    from mmssl.utils import register_all_modules
    if protocol not in PROTOCOLS:
        raise ValueError(f'protocol {protocol!r}: choose one of {PROTOCOLS}')
    if protocol == 'fast':
        from .frozen import knn_and_linear
        return dict(knn_and_linear(config, checkpoint, data_root),
                    protocol='fast')
    register_all_modules(init_default_scope=False)
    cfg = Config.fromfile(config)
    model = MODELS.build(cfg.model)
    load_checkpoint(model, checkpoint, map_location='cpu', strict=True)
    feats = {}
    for split in (train, test):
        dataset = patch_dataset(cfg.train_pipeline, data_root, split,
                                num_patches)
        if per_class and split == train:
            keep, count = [], {}
            for i in range(len(dataset)):
                label = int(dataset.get_data_info(i)['gt_label'])
                count[label] = count.get(label, 0) + 1
                if count[label] <= per_class:
                    keep.append(i)
            dataset = torch.utils.data.Subset(dataset, keep)
        feats[split] = bag_of_prefeatures(model, dataset, batch_size,
                                          workers, seed)
    (trx, try_), (tex, tey) = feats[train], feats[test]
    result = sgd_linear_probe(trx, try_, tex, tey, epochs=epochs,
                              batch_size=probe_batch_size, seed=seed)
    result.update(protocol=protocol, num_patches=num_patches,
                  num_train=len(trx), num_test=len(tex),
                  train_per_class=per_class, checkpoint=checkpoint,
                  data=osp.abspath(data_root), cpu_count=os.cpu_count())
    return result

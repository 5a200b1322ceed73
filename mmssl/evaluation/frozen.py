"""Frozen-feature evaluation of a pretraining checkpoint: features of an
image-folder split, cached, then weighted kNN and a linear probe."""
import hashlib
import os
import os.path as osp
from typing import Optional

import torch

from .features import backbone_of_config, extract_folder_features
from .knn import knn_accuracy
from .linear_probe import linear_probe


def _cached(backbone, root, size, tag, cache_dir, batch_size, workers,
            device, bag_patches, preprocessing):
    from mmengine.dist import is_main_process
    key = hashlib.sha1(f'{tag}|{osp.abspath(root)}|{size}|bag{bag_patches}'
                       f'|{sorted(preprocessing.items())}'.encode())
    path = osp.join(cache_dir, key.hexdigest()[:16] + '.pt')
    if osp.exists(path):
        data = torch.load(path)
        return data['feats'], data['labels']
    feats, labels = extract_folder_features(
        backbone, root, size, batch_size, workers, device, bag_patches,
        preprocessing=preprocessing)
    if is_main_process():
        os.makedirs(cache_dir, exist_ok=True)
        torch.save(dict(feats=feats, labels=labels), path)
    return feats, labels


def frozen_features(config: str, checkpoint: Optional[str], data_root: str,
                    size: int = 32, train: str = 'train', test: str = 'test',
                    batch_size: int = 256, workers: int = 2,
                    cache_dir: str = 'work_dirs/feature_cache',
                    seed: int = 0, bag_patches: int = 0):
    """Cached ``((train_feats, train_labels), (test_feats, test_labels))`` of
    the config's backbone with ``checkpoint`` (``None``: random init, from
    ``seed``), images normalised as the config's data preprocessor does;
    ``bag_patches > 0``: EMP-SSL's bag-of-patches features instead."""
    device = 'cuda' if torch.cuda.is_available() else 'cpu'
    backbone, preprocessing = backbone_of_config(config, checkpoint, seed)
    if checkpoint:
        stat = os.stat(checkpoint)
        tag = f'{osp.abspath(checkpoint)}|{stat.st_mtime}|{stat.st_size}'
    else:
        tag = f'random|{config}|{seed}'
    return tuple(
        _cached(backbone, osp.join(data_root, split), size, tag, cache_dir,
                batch_size, workers, device, bag_patches, preprocessing)
        for split in (train, test))


def knn_and_linear(config: str, checkpoint: Optional[str], data_root: str,
                   size: int = 32, k: int = 20, temperature: float = 0.07,
                   weight_decay: float = 1e-4, probes=('knn', 'linear'),
                   linear_batch_size: int = 0, **feature_kwargs) -> dict:
    """kNN top-1 (weighted, cosine, ``k``, ``temperature``) and linear-probe
    top-1 (L-BFGS, standardised features, ``weight_decay``; mini-batched
    SGD when ``linear_batch_size`` > 0, for ImageNet-sized feature sets) on
    the same cached frozen features; ``probes`` picks which."""
    (trx, try_), (tex, tey) = frozen_features(config, checkpoint, data_root,
                                              size, **feature_kwargs)
    result = dict(checkpoint=checkpoint, size=size, num_train=len(trx),
                  num_test=len(tex),
                  bag_patches=feature_kwargs.get('bag_patches', 0))
    if 'knn' in probes:
        result.update(knn_top1=knn_accuracy(trx, try_, tex, tey, k,
                                            temperature)['top1'],
                      k=k, temperature=temperature)
    if 'linear' in probes:
        result.update(linear_top1=linear_probe(
            trx, try_, tex, tey, weight_decay,
            batch_size=linear_batch_size or None)['top1'],
            weight_decay=weight_decay)
        if linear_batch_size:
            result['linear_batch_size'] = linear_batch_size
    return result

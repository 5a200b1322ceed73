"""Weighted kNN (k=20, T=0.07, cosine) on frozen backbone features.

    python tools/benchmarks/knn.py CONFIG [--checkpoint CKPT] \
        --data-root ../shared/data/cifar10-5k [--train train --test test]

Several processes share the extraction:
``torchrun --nproc_per_node 8 tools/benchmarks/knn.py ... --launcher pytorch``.

CONFIG gives ``model.backbone`` (any mmssl or mmpretrain pretraining
config); without ``--checkpoint`` the backbone is randomly initialised (the
baseline). Data are ImageNet-style folders. Features are cached under
``--cache-dir`` keyed by checkpoint, data, input size and ``--bag-patches``
(EMP-SSL's bag-of-patches feature when > 0).
"""
import argparse
import hashlib
import json
import os
import os.path as osp

import torch
from mmengine.config import Config

from mmengine.dist import init_dist, is_main_process

from mmssl.evaluation import (build_backbone_from_checkpoint,
                              extract_folder_features, knn_accuracy)
from mmssl.utils import register_all_modules


def cached_features(backbone, root, size, args, tag, bag_patches=0):
    key = hashlib.sha1(
        f'{tag}|{osp.abspath(root)}|{size}|bag{bag_patches}'.encode())
    path = osp.join(args.cache_dir, key.hexdigest()[:16] + '.pt')
    if osp.exists(path):
        data = torch.load(path)
        return data['feats'], data['labels']
    feats, labels = extract_folder_features(
        backbone, root, size, args.batch_size, args.workers, args.device,
        bag_patches)
    if is_main_process():
        os.makedirs(args.cache_dir, exist_ok=True)
        torch.save(dict(feats=feats, labels=labels), path)
    return feats, labels


def frozen_features(config, checkpoint, data_root, size=64, train='train',
                    test='test', batch_size=256, workers=2,
                    cache_dir='work_dirs/feature_cache', seed=0,
                    bag_patches=0):
    """Cached ``((train_feats, train_labels), (test_feats, test_labels))`` of
    the config's backbone with ``checkpoint`` (``None``: random init);
    ``bag_patches > 0``: EMP-SSL's bag-of-patches features instead."""
    device = 'cuda' if torch.cuda.is_available() else 'cpu'
    args = argparse.Namespace(batch_size=batch_size, workers=workers,
                              cache_dir=cache_dir, device=device)
    register_all_modules(init_default_scope=False)
    cfg = Config.fromfile(config)
    torch.manual_seed(seed)
    backbone = build_backbone_from_checkpoint(cfg.model.backbone, checkpoint)
    if checkpoint:
        stat = os.stat(checkpoint)
        tag = f'{osp.abspath(checkpoint)}|{stat.st_mtime}|{stat.st_size}'
    else:
        tag = f'random|{config}|{seed}'
    return tuple(
        cached_features(backbone, osp.join(data_root, split), size, args, tag,
                        bag_patches) for split in (train, test))


def evaluate(config, checkpoint, data_root, size=64, k=20, temperature=0.07,
             train='train', test='test', batch_size=256, workers=2,
             cache_dir='work_dirs/feature_cache', seed=0, bag_patches=0):
    tr, te = frozen_features(config, checkpoint, data_root, size, train,
                             test, batch_size, workers, cache_dir, seed,
                             bag_patches)
    result = knn_accuracy(tr[0], tr[1], te[0], te[1], k, temperature)
    result.update(k=k, temperature=temperature, size=size,
                  bag_patches=bag_patches,
                  checkpoint=checkpoint, num_train=len(tr[0]),
                  num_test=len(te[0]))
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('config')
    parser.add_argument('--checkpoint')
    parser.add_argument('--data-root', required=True)
    parser.add_argument('--train', default='train')
    parser.add_argument('--test', default='test')
    parser.add_argument('--size', type=int, default=64)
    parser.add_argument('--k', type=int, default=20)
    parser.add_argument('--temperature', type=float, default=0.07)
    parser.add_argument('--batch-size', type=int, default=256)
    parser.add_argument('--workers', type=int, default=2)
    parser.add_argument('--cache-dir', default='work_dirs/feature_cache')
    parser.add_argument('--bag-patches', type=int, default=0,
                        help='EMP-SSL bag-of-patches features: the mean over '
                        'this many random patches per image (0: whole image)')
    parser.add_argument('--out', help='write the result as json')
    parser.add_argument('--launcher', choices=['none', 'pytorch', 'slurm'],
                        default='none',
                        help='split feature extraction over the processes '
                        'of torchrun / srun (results equal one process)')
    args = parser.parse_args()
    if args.launcher != 'none':
        init_dist(args.launcher,
                  backend='nccl' if torch.cuda.is_available() else 'gloo')
    result = evaluate(args.config, args.checkpoint, args.data_root,
                      args.size, args.k, args.temperature, args.train,
                      args.test, args.batch_size, args.workers,
                      args.cache_dir, bag_patches=args.bag_patches)
    if not is_main_process():
        return
    print(json.dumps(result, indent=2))
    if args.out:
        with open(args.out, 'w') as f:
            json.dump(result, f, indent=2)


if __name__ == '__main__':
    main()

"""Linear probe (multinomial logistic regression, L-BFGS, standardised
features) on frozen backbone features of any mmssl / mmpretrain checkpoint.

    python tools/benchmarks/linear_probe.py CONFIG [--checkpoint CKPT] \
        --data-root ../shared/data/cifar10-5k --size 32

Features are extracted once (data-loader worker processes) and cached in
``--cache-dir``, shared with ``tools/benchmarks/knn.py``.
"""
import argparse
import json
import os.path as osp
import sys

sys.path.insert(0, osp.dirname(osp.abspath(__file__)))
from knn import frozen_features  # noqa: E402

from mmssl.evaluation import linear_probe  # noqa: E402


def evaluate(config, checkpoint, data_root, size=32, weight_decay=1e-4,
             workers=2, cache_dir='work_dirs/feature_cache', bag_patches=0):
    tr, te = frozen_features(config, checkpoint, data_root, size,
                             workers=workers, cache_dir=cache_dir,
                             bag_patches=bag_patches)
    result = linear_probe(tr[0], tr[1], te[0], te[1], weight_decay)
    result.update(size=size, checkpoint=checkpoint, num_train=len(tr[0]),
                  num_test=len(te[0]), weight_decay=weight_decay,
                  bag_patches=bag_patches)
    return result


def knn_and_linear(config, checkpoint, data_root, size, cache_dir,
                   bag_patches=0):
    """kNN top-1 (k=20, T=0.07) and linear-probe top-1 (wd 1e-4) on the same
    cached frozen features."""
    from mmssl.evaluation import knn_accuracy
    (trx, try_), (tex, tey) = frozen_features(
        config, checkpoint, data_root, size, cache_dir=cache_dir,
        bag_patches=bag_patches)
    return dict(
        knn_top1=knn_accuracy(trx, try_, tex, tey, 20, 0.07)['top1'],
        linear_top1=linear_probe(trx, try_, tex, tey, 1e-4)['top1'])


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('config')
    p.add_argument('--checkpoint')
    p.add_argument('--data-root', required=True)
    p.add_argument('--size', type=int, default=32)
    p.add_argument('--weight-decay', type=float, default=1e-4)
    p.add_argument('--workers', type=int, default=2)
    p.add_argument('--cache-dir', default='work_dirs/feature_cache')
    p.add_argument('--bag-patches', type=int, default=0,
                   help='EMP-SSL bag-of-patches features (0: whole image)')
    p.add_argument('--out')
    args = p.parse_args()
    result = evaluate(args.config, args.checkpoint, args.data_root,
                      args.size, args.weight_decay, workers=args.workers,
                      cache_dir=args.cache_dir, bag_patches=args.bag_patches)
    print(json.dumps(result, indent=2))
    if args.out:
        json.dump(result, open(args.out, 'w'), indent=2)


if __name__ == '__main__':
    main()

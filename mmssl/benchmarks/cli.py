"""Argument sets shared by the thin CLIs in ``tools/``."""
import argparse
import json


def frozen_eval_parser(description: str) -> argparse.ArgumentParser:
    """The flags of ``tools/benchmarks/{knn,linear_probe}.py`` (one set,
    one set of defaults)."""
    p = argparse.ArgumentParser(
        description=description,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('config', help='any mmssl / mmpretrain pretraining '
                   'config (its model.backbone and data_preprocessor)')
    p.add_argument('--checkpoint', help='omit for a randomly initialised '
                   'backbone (the baseline)')
    p.add_argument('--data-root', required=True,
                   help='ImageNet-style folders DATA_ROOT/{train,test}')
    p.add_argument('--train', default='train')
    p.add_argument('--test', default='test')
    p.add_argument('--size', type=int, default=32, help='input size (px)')
    p.add_argument('--k', type=int, default=20)
    p.add_argument('--temperature', type=float, default=0.07)
    p.add_argument('--weight-decay', type=float, default=1e-4)
    p.add_argument('--linear-batch-size', type=int, default=0,
                   help='linear probe by mini-batched SGD with this batch '
                   '(0: full-batch L-BFGS; use e.g. 4096 for ImageNet)')
    p.add_argument('--batch-size', type=int, default=256)
    p.add_argument('--workers', type=int, default=2)
    p.add_argument('--seed', type=int, default=0,
                   help='initialisation of the random baseline')
    p.add_argument('--cache-dir', default='work_dirs/feature_cache')
    p.add_argument('--bag-patches', type=int, default=0,
                   help='EMP-SSL bag-of-patches features (fast protocol): '
                   'the mean over this many random patches (0: whole image)')
    p.add_argument('--launcher', choices=['none', 'pytorch', 'slurm'],
                   default='none', help='split feature extraction over the '
                   'processes of torchrun / srun (results equal one process)')
    p.add_argument('--out', help='also write the result as JSON')
    return p


def run_frozen_eval(args, probes) -> dict:
    import torch
    from mmengine.dist import init_dist, is_main_process

    from mmssl.evaluation import knn_and_linear
    if args.launcher != 'none':
        init_dist(args.launcher,
                  backend='nccl' if torch.cuda.is_available() else 'gloo')
    result = knn_and_linear(
        args.config, args.checkpoint, args.data_root, args.size, args.k,
        args.temperature, args.weight_decay, probes,
        linear_batch_size=args.linear_batch_size, train=args.train,
        test=args.test, batch_size=args.batch_size, workers=args.workers,
        cache_dir=args.cache_dir, seed=args.seed,
        bag_patches=args.bag_patches)
    if is_main_process():
        print(json.dumps(result, indent=2))
        if args.out:
            with open(args.out, 'w') as f:
                json.dump(result, f, indent=2)
    return result

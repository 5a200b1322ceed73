"""Weighted kNN (cosine, k=20, T=0.07) on frozen backbone features of any
mmssl / mmpretrain checkpoint.

    python tools/benchmarks/knn.py CONFIG [--checkpoint CKPT] \
        --data-root ../shared/data/cifar10-5k --size 32

Images are normalised with the config's data-preprocessor statistics;
features are cached in --cache-dir (shared with linear_probe.py). Several
processes share the extraction with
``torchrun --nproc_per_node N tools/benchmarks/knn.py ... --launcher pytorch``.
"""
from mmssl.benchmarks.cli import frozen_eval_parser, run_frozen_eval

if __name__ == '__main__':
    run_frozen_eval(frozen_eval_parser(__doc__).parse_args(), ('knn', ))

"""Linear probe (multinomial logistic regression, L-BFGS, standardised
features) on frozen backbone features of any mmssl / mmpretrain checkpoint.

    python tools/benchmarks/linear_probe.py CONFIG [--checkpoint CKPT] \
        --data-root ../shared/data/cifar10-5k --size 32

Same flags and feature cache as knn.py. EMP-SSL's published protocol
(bag of pre-features, SGD probe) is ``mmssl.evaluation.empssl_protocol``.
"""
from mmssl.benchmarks.cli import frozen_eval_parser, run_frozen_eval

if __name__ == '__main__':
    run_frozen_eval(frozen_eval_parser(__doc__).parse_args(), ('linear', ))

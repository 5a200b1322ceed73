"""Evaluate an EMP-SSL checkpoint with a named protocol: ``empssl-official``
(the published one: 4096-d pre-features averaged over 128 training-augmented
patches, eval mode, SGD linear probe for 100 epochs) or ``fast``
(backbone GAP features, kNN and L-BFGS). See
``mmssl.evaluation.empssl_protocol``.

    python tools/benchmarks/empssl_eval.py CONFIG CKPT \
        --data-root data/cifar10-5k [--patches 128] [--per-class 100]
"""
import argparse
import json

from mmssl.evaluation.empssl_protocol import PROTOCOLS, evaluate_empssl

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument('config')
    p.add_argument('checkpoint')
    p.add_argument('--data-root', required=True)
    p.add_argument('--protocol', choices=PROTOCOLS, default=PROTOCOLS[0])
    p.add_argument('--train', default='train', help='DATA_ROOT subfolder')
    p.add_argument('--test', default='test', help='DATA_ROOT subfolder')
    p.add_argument('--patches', type=int, default=128)
    p.add_argument('--per-class', type=int, default=0,
                   help='first N training images per class (0: all)')
    p.add_argument('--epochs', type=int, default=100)
    p.add_argument('--workers', type=int, default=2)
    p.add_argument('--out', help='also write the result as JSON')
    a = p.parse_args()
    result = evaluate_empssl(a.config, a.checkpoint, a.data_root,
                             a.protocol, a.patches, train=a.train,
                             test=a.test, per_class=a.per_class,
                             epochs=a.epochs, workers=a.workers)
    print(json.dumps(result, indent=2))
    if a.out:
        with open(a.out, 'w') as f:
            json.dump(result, f, indent=2)

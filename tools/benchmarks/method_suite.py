"""Every method and every mmpretrain baseline at one shared setting, in one
run: cost side by side, then kNN / linear probe at wall-clock budget marks
(learning-efficiency curves). See ``mmssl.benchmarks.suite``.

    python tools/benchmarks/method_suite.py --budget 300 --marks 100 200 \
        --data-root ../shared/data/cifar10-5k --out docs/benchmarks/suite
"""
import argparse

from mmssl.benchmarks.suite import METHODS, run_suite


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument('--methods', nargs='+', default=list(METHODS),
                   choices=list(METHODS), metavar='METHOD',
                   help=f'from {list(METHODS)}')
    p.add_argument('--budget', type=float, default=300)
    p.add_argument('--marks', type=float, nargs='*', default=[100, 200],
                   help='checkpoint times for the curves (the budget is '
                   'always one)')
    p.add_argument('--data-root', default='../shared/data/cifar10-5k')
    p.add_argument('--size', type=int, default=32)
    p.add_argument('--bag-patches', type=int, default=8)
    p.add_argument('--cost-batch', type=int, default=64)
    p.add_argument('--cost-rounds', type=int, default=3)
    p.add_argument('--cost-steps', type=int, default=2)
    p.add_argument('--skip-cost', action='store_true')
    p.add_argument('--rerun', action='store_true',
                   help='measure METHODS again even if OUT.json holds them '
                   'at this budget')
    p.add_argument('--random-seeds', type=int, default=3,
                   help='random initialisations for the floor (mean, std)')
    p.add_argument('--work-dir', default='work_dirs/benchmarks/suite',
                   help='one per budget: a budget run is reused when its '
                   'checkpoints are there')
    p.add_argument('--out', default='docs/benchmarks/suite')
    a = p.parse_args()
    run_suite(a.methods, a.budget, a.marks, a.data_root, a.size,
              a.bag_patches, a.cost_batch, a.cost_rounds, a.cost_steps,
              a.skip_cost, a.work_dir, a.out, a.rerun,
              tuple(range(a.random_seeds)))


if __name__ == '__main__':
    main()

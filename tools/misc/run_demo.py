"""mmssl's main job on the embedded demo data: generate the demo set (no
download), pretrain a ResNet-18 with DetCon-B, fine-tune Mask R-CNN from it
and from random init (same schedule and seed), and print COCO bbox / segm
AP side by side. See ``mmssl.benchmarks.demo``.

    python tools/misc/run_demo.py [--work-dir work_dirs/demo] [--seed 1]
    # the gain across seeds (README): 2 pretraining x 3 detector seeds
    python tools/misc/run_demo.py --across-seeds
"""
import argparse

from mmssl.benchmarks.demo import demo_across_seeds, run_demo

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('--work-dir', default='work_dirs/demo')
    p.add_argument('--data-root', default='data/demo')
    p.add_argument('--pretrain-epochs', type=int,
                   help="DetCon-B epochs (default: the config's 20)")
    p.add_argument('--det-epochs', type=int,
                   help="Mask R-CNN epochs (default: the config's 6; the lr "
                   'steps stay after epochs 4 and 5)')
    p.add_argument('--seed', type=int, default=0, help='detector seed')
    p.add_argument('--pretrain-seed', type=int, default=0)
    p.add_argument('--no-random-init', action='store_true',
                   help='skip the random-init row (halves the transfer)')
    p.add_argument('--across-seeds', action='store_true',
                   help='measure the gain over pretraining seeds 0 1 and '
                   'detector seeds 0 1 2 into docs/benchmarks/'
                   'demo_seeds.json (about 75 min on 2 cores)')
    a = p.parse_args()
    if a.across_seeds:
        demo_across_seeds(data_root=a.data_root)
    else:
        run_demo(a.work_dir, a.data_root, a.pretrain_epochs, a.det_epochs,
                 a.seed, a.pretrain_seed, not a.no_random_init)

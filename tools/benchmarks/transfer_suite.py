"""The transfer suite: every method, mmpretrain baseline and random init
pretrained for the same wall-clock budget on the unlabelled real photos of
../shared/data (training splits only), then the dense linear probe
(Penn-Fudan, coco128) and fine-tuning (raccoon Faster R-CNN, Penn-Fudan
Mask R-CNN) with seeds. See ``mmssl.benchmarks.transfer_suite``.

    python tools/benchmarks/transfer_suite.py --budget 600 --marks 150 300 \
        --entries 'random init' DetCon-B BYOL --tasks dense-pennfudan \
        dense-coco128

Incremental: records already in OUT.json (same entry, config, budget,
seeds) are read back and skipped; run it again, on any machine, to add
entries, tasks or seeds. --max-jobs stops after that many measurements.
"""
import argparse

from mmssl.benchmarks.transfer_suite import ENTRIES, TASKS, run_transfer_suite


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument('--entries', nargs='+', default=list(ENTRIES),
                   choices=list(ENTRIES), metavar='ENTRY',
                   help=f'from {list(ENTRIES)}')
    p.add_argument('--tasks', nargs='+', default=list(TASKS),
                   choices=list(TASKS))
    p.add_argument('--budget', type=float, default=600,
                   help='pretraining wall-clock seconds per entry')
    p.add_argument('--marks', type=float, nargs='*', default=[150, 300],
                   help='earlier checkpoints, dense-probed for the curve')
    p.add_argument('--pretrain-seeds', nargs='*', default=[],
                   metavar='ENTRY=N', help='pretraining seeds of an entry '
                   '(default 2 for DetCon-B and BYOL, 1 for the others)')
    p.add_argument('--dense-seeds', type=int, default=3)
    p.add_argument('--finetune-seeds', type=int, default=3)
    p.add_argument('--max-jobs', type=int, default=0)
    p.add_argument('--shared-root', default='../shared/data')
    p.add_argument('--work-dir', default='work_dirs/benchmarks/transfer_suite')
    p.add_argument('--out', default='docs/benchmarks/transfer_suite')
    a = p.parse_args()
    seeds = {}
    for item in a.pretrain_seeds:
        name, _, n = item.rpartition('=')
        if name not in ENTRIES or not n.isdigit():
            p.error(f'--pretrain-seeds {item!r}: want ENTRY=N with ENTRY '
                    f'from {list(ENTRIES)}')
        seeds[name] = int(n)
    run_transfer_suite(a.entries, a.tasks, a.budget, a.marks, seeds,
                       a.dense_seeds, a.finetune_seeds, a.shared_root,
                       a.work_dir, a.out, a.max_jobs)


if __name__ == '__main__':
    main()

"""Fine-tune a detector from a pretraining checkpoint and record its AP.

    python tools/benchmarks/mmdetection/run_transfer.py \
        configs/benchmarks/mmdetection/coco/mask-rcnn_r50_fpn_1x_coco.py \
        work_dirs/detconb/epoch_1000.pth --gpus 8 \
        [--launcher slurm --partition P] [--results transfer_results.jsonl]

The checkpoint's backbone weights are checked against the detector's
backbone before anything is launched (missing, unexpected and wrong-shape
keys stop the run, named); training uses tools/dist_train.sh (``--gpus`` >
1), tools/slurm_train.sh (``--launcher slurm``) or tools/train.py; the
final checkpoint is tested and one JSON line appended to ``--results``
(with ``--seeds N``: every seed's metrics and their mean and std).
See ``mmssl.benchmarks.transfer``.
"""
import argparse
import json

from mmssl.benchmarks.transfer import run_transfer


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument('config')
    p.add_argument('checkpoint', help="the pretraining checkpoint, or "
                   "'random' for the random-init baseline")
    p.add_argument('--seeds', type=int, default=1,
                   help='fine-tune with seeds 0..N-1; mean and std recorded')
    p.add_argument('--gpus', type=int, default=1)
    p.add_argument('--launcher', choices=['auto', 'slurm'], default='auto')
    p.add_argument('--partition', help='Slurm partition')
    p.add_argument('--work-dir')
    p.add_argument('--results', default='work_dirs/transfer_results.jsonl')
    p.add_argument('--cfg-options', nargs='+', default=[])
    a = p.parse_args()
    if a.launcher == 'slurm' and not a.partition:
        p.error('--launcher slurm needs --partition')
    checkpoint = None if a.checkpoint == 'random' else a.checkpoint
    record = run_transfer(a.config, checkpoint, a.work_dir, a.results,
                          a.cfg_options, a.gpus, a.launcher, a.partition,
                          a.seeds)
    print(json.dumps(record, indent=2))


if __name__ == '__main__':
    main()

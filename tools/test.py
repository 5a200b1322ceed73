"""Evaluate a checkpoint with MMEngine's Runner."""
import argparse
import os.path as osp

from mmengine.config import Config
from torch.distributed.elastic.multiprocessing.errors import record

from mmssl.engine import build_runner
from mmssl.utils import (finish_launch, prepare_launch,
                         register_all_modules)
from mmssl.utils.dist_env import add_launch_arguments, parse_launch_args


def parse_args():
    parser = argparse.ArgumentParser(description='Test a checkpoint')
    parser.add_argument('config', help='test config file path')
    parser.add_argument('checkpoint', help='checkpoint file')
    parser.add_argument('--work-dir', help='the dir to save the results')
    parser.add_argument('--out', help='dump metrics to this json file')
    add_launch_arguments(parser)
    return parse_launch_args(parser)


@record  # torchrun's failure summary then shows the root error
def main():
    args = parse_args()
    register_all_modules(init_default_scope=False)
    cfg = Config.fromfile(args.config)
    if args.cfg_options is not None:
        cfg.merge_from_dict(args.cfg_options)
    cfg.launcher = args.launcher
    cfg.work_dir = args.work_dir or cfg.get('work_dir') or osp.join(
        './work_dirs', osp.splitext(osp.basename(args.config))[0])
    cfg.load_from = args.checkpoint
    prepare_launch(cfg, args.launcher)
    runner = build_runner(cfg)
    metrics = runner.test()
    if args.out and runner.rank == 0:
        import json
        with open(args.out, 'w') as f:
            json.dump({k: float(v) for k, v in metrics.items()}, f, indent=2)
    finish_launch()


if __name__ == '__main__':
    main()

"""Train a model with MMEngine's Runner (any mmssl, mmpretrain or mmdet
config)."""
import argparse
import os.path as osp
import sys

import torch
from mmengine.config import Config
from torch.distributed.elastic.multiprocessing.errors import record

from mmssl.engine import build_runner
from mmssl.engine.runner import (find_loadable_checkpoint,
                                 unknown_top_level_options)
from mmssl.utils import (finish_launch, prepare_launch,
                         register_all_modules)
from mmssl.utils.dist_env import add_launch_arguments, parse_launch_args


def parse_args():
    parser = argparse.ArgumentParser(description='Train a model')
    parser.add_argument('config', help='train config file path')
    parser.add_argument('--work-dir', help='the dir to save logs and models')
    parser.add_argument(
        '--resume', nargs='?', type=str, const='auto',
        help='resume from the given checkpoint, or (no value) from the '
        'latest checkpoint in the work dir')
    parser.add_argument('--amp', action='store_true',
                        help='automatic mixed precision training')
    parser.add_argument('--auto-scale-lr', action='store_true',
                        help='scale the lr by actual batch / base batch')
    add_launch_arguments(parser)
    return parse_launch_args(parser)


def build_cfg(args) -> Config:
    cfg = Config.fromfile(args.config)
    for key in unknown_top_level_options(cfg, args.cfg_options):
        print(f'WARNING: --cfg-options {key}: {key.split(".")[0]!r} is not '
              f'a key of {args.config}; it will change nothing (e.g. '
              'max_epochs is read as train_cfg.max_epochs)')
    if args.cfg_options is not None:
        cfg.merge_from_dict(args.cfg_options)
    cfg.launcher = args.launcher
    if args.work_dir is not None:
        cfg.work_dir = args.work_dir
    elif cfg.get('work_dir') is None:
        cfg.work_dir = osp.join('./work_dirs',
                                osp.splitext(osp.basename(args.config))[0])
    if args.amp:
        if not torch.cuda.is_available():
            sys.exit('--amp: mixed precision (AmpOptimWrapper) needs a GPU '
                     'and this machine has none; run without --amp')
        optim_wrapper = cfg.optim_wrapper.get('type', 'OptimWrapper')
        if optim_wrapper == 'AmpOptimWrapper':
            print('AMP is already enabled in the config.')
        else:
            cfg.optim_wrapper.type = 'AmpOptimWrapper'
            cfg.optim_wrapper.setdefault('loss_scale', 'dynamic')
    if args.resume == 'auto':
        # the newest checkpoint that loads, naming those skipped
        cfg.load_from, skipped = find_loadable_checkpoint(cfg.work_dir)
        for path, why in skipped:
            print(f'--resume: skipping {path} ({why})')
        cfg.resume = cfg.load_from is not None
        if not cfg.resume:
            print(f'--resume: no loadable checkpoint in {cfg.work_dir}; '
                  'starting from scratch')
    elif args.resume is not None:
        cfg.resume = True
        cfg.load_from = args.resume
    if args.auto_scale_lr:
        cfg.setdefault('auto_scale_lr', {})['enable'] = True
    prepare_launch(cfg, args.launcher)
    return cfg


@record  # torchrun's failure summary then shows the root error
def main():
    args = parse_args()
    register_all_modules(init_default_scope=False)
    cfg = build_cfg(args)
    runner = build_runner(cfg)
    runner.train()
    finish_launch()


if __name__ == '__main__':
    main()

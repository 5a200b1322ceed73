"""Fine-tune a detector from a pretraining checkpoint and record its AP.

    python tools/benchmarks/mmdetection/run_transfer.py \
        configs/benchmarks/mmdetection/coco/mask-rcnn_r50_fpn_1x_coco.py \
        work_dirs/detconb/epoch_1000.pth --gpus 8 \
        [--launcher slurm --partition P] [--results transfer_results.jsonl]

Before anything is launched, the checkpoint's ``backbone.`` weights are
checked against the config's backbone: a missing or mismatched key stops the
run with the names (mmengine's ``Pretrained`` init would only warn and leave
those weights random). Training uses tools/dist_train.sh (``--gpus`` > 1),
tools/slurm_train.sh (``--launcher slurm``) or tools/train.py; the final
checkpoint is evaluated with tools/test.py and one JSON line (config,
checkpoint, bbox / segm AP) is appended to ``--results``.
"""
import argparse
import json
import os
import os.path as osp
import subprocess
import sys
import time

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.dirname(
    osp.abspath(__file__)))))


def check_backbone(config: str, checkpoint: str) -> int:
    from mmengine.config import Config
    from mmengine.registry import init_default_scope

    from mmssl.utils import load_prefixed_state_dict
    cfg = Config.fromfile(config)
    init_default_scope(cfg.get('default_scope', 'mmdet'))
    from mmdet.registry import MODELS
    backbone_cfg = cfg.model.backbone.copy()
    backbone_cfg.pop('init_cfg', None)
    if backbone_cfg.get('norm_cfg', {}).get('type') == 'SyncBN':
        backbone_cfg['norm_cfg'] = dict(backbone_cfg['norm_cfg'], type='BN')
    expected = MODELS.build(backbone_cfg).state_dict()
    prefix = cfg.model.backbone.get('init_cfg', {}).get('prefix', 'backbone.')
    got = load_prefixed_state_dict(checkpoint, prefix)
    missing = sorted(set(expected) - set(got))
    unexpected = sorted(set(got) - set(expected))
    shape = [k for k in set(expected) & set(got)
             if expected[k].shape != got[k].shape]
    if missing or unexpected or shape:
        raise KeyError(
            f'{checkpoint} does not match the backbone of {config} '
            f"(prefix '{prefix}'): missing {missing[:6]}, unexpected "
            f'{unexpected[:6]}, wrong shape {shape[:6]}')
    return len(got)


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('config')
    p.add_argument('checkpoint')
    p.add_argument('--gpus', type=int, default=1)
    p.add_argument('--launcher', choices=['auto', 'slurm'], default='auto')
    p.add_argument('--partition', help='Slurm partition')
    p.add_argument('--work-dir')
    p.add_argument('--results', default='work_dirs/transfer_results.jsonl')
    p.add_argument('--cfg-options', nargs='+', default=[])
    args = p.parse_args()
    n = check_backbone(args.config, args.checkpoint)
    print(f'{n} backbone tensors match {args.config}', flush=True)
    name = osp.splitext(osp.basename(args.config))[0]
    work = args.work_dir or osp.join('work_dirs', 'transfer', name,
                                     time.strftime('%Y%m%d_%H%M%S'))
    opts = [f'model.backbone.init_cfg.checkpoint={args.checkpoint}',
            *args.cfg_options]
    if args.launcher == 'slurm':
        if not args.partition:
            p.error('--launcher slurm needs --partition')
        cmd = ['bash', 'tools/slurm_train.sh', args.partition, name,
               args.config, work, '--cfg-options', *opts]
        env = dict(os.environ, GPUS=str(args.gpus))
    elif args.gpus > 1:
        cmd = ['bash', 'tools/dist_train.sh', args.config, str(args.gpus),
               '--work-dir', work, '--cfg-options', *opts]
        env = dict(os.environ, PYTHON=sys.executable)
    else:
        cmd = [sys.executable, 'tools/train.py', args.config, '--work-dir',
               work, '--cfg-options', *opts]
        env = os.environ
    subprocess.run(cmd, cwd=ROOT, env=env, check=True)
    with open(osp.join(ROOT, work, 'last_checkpoint')) as f:
        det_ckpt = f.read().strip()
    out = osp.join(work, 'metrics.json')
    subprocess.run([sys.executable, 'tools/test.py', args.config, det_ckpt,
                    '--work-dir', work, '--out', out, '--cfg-options',
                    *args.cfg_options], cwd=ROOT, check=True)
    with open(osp.join(ROOT, out)) as f:
        metrics = json.load(f)
    record = dict(config=args.config, pretrained=args.checkpoint,
                  detector=det_ckpt, metrics=metrics,
                  time=time.strftime('%Y-%m-%d %H:%M:%S'))
    os.makedirs(osp.dirname(osp.abspath(args.results)), exist_ok=True)
    with open(args.results, 'a') as f:
        f.write(json.dumps(record) + '\n')
    print(json.dumps(record, indent=2))


if __name__ == '__main__':
    main()

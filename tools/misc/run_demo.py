"""mmssl's main job on the embedded demo data: pretrain -> detection transfer.

1. generate the demo dataset (deterministic, no download) if missing;
2. pretrain a ResNet-18 with DetCon-B on its images (no labels);
3. fine-tune Mask R-CNN (an ``mmdet::`` config) from that backbone;
4. evaluate COCO bbox / segm AP on the demo val split and print a table.

    python tools/misc/run_demo.py [--work-dir work_dirs/demo]
"""
import argparse
import json
import os
import os.path as osp
import subprocess
import sys
import time

ROOT = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
PRETRAIN_CFG = 'configs/detcon/detconb_r18_1xb32-20e_demo.py'
DET_CFG = 'configs/benchmarks/mmdetection/demo/mask-rcnn_r18_fpn_1xb4-12e_demo.py'


def run(cmd, log_path):
    print(f"[demo] $ {' '.join(cmd)}   (log: {log_path})", flush=True)
    with open(log_path, 'w') as log:
        proc = subprocess.run(cmd, cwd=ROOT, stdout=log,
                              stderr=subprocess.STDOUT)
    if proc.returncode:
        with open(log_path) as f:
            tail = f.readlines()[-30:]
        sys.stderr.write(''.join(tail))
        raise SystemExit(f'[demo] step failed (exit {proc.returncode}); '
                         f'full log: {log_path}')


def last_checkpoint(work_dir):
    with open(osp.join(work_dir, 'last_checkpoint')) as f:
        return f.read().strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--work-dir', default='work_dirs/demo')
    parser.add_argument('--data-root', default='data/demo')
    parser.add_argument('--pretrain-epochs', type=int, default=None)
    parser.add_argument('--det-epochs', type=int, default=None)
    args = parser.parse_args()
    py = sys.executable
    work = osp.join(ROOT, args.work_dir)
    os.makedirs(work, exist_ok=True)
    timings = {}

    t0 = time.time()
    data_root = osp.join(ROOT, args.data_root)
    if not osp.exists(osp.join(data_root, 'annotations',
                               'instances_val.json')):
        run([py, 'tools/misc/make_demo_data.py', data_root],
            osp.join(work, 'make_data.log'))
    timings['data'] = time.time() - t0

    t0 = time.time()
    pre_dir = osp.join(work, 'pretrain')
    opts = [f'train_dataloader.dataset.data_root={data_root}/']
    if args.pretrain_epochs:
        opts += [f'train_cfg.max_epochs={args.pretrain_epochs}']
    run([py, 'tools/train.py', PRETRAIN_CFG, '--work-dir', pre_dir,
         '--cfg-options', *opts], osp.join(work, 'pretrain.log'))
    ckpt = last_checkpoint(pre_dir)
    timings['pretrain'] = time.time() - t0

    t0 = time.time()
    det_dir = osp.join(work, 'mask_rcnn')
    opts = [f'model.backbone.init_cfg.checkpoint={ckpt}',
            f'train_dataloader.dataset.data_root={data_root}/',
            f'val_dataloader.dataset.data_root={data_root}/',
            f'test_dataloader.dataset.data_root={data_root}/',
            f'val_evaluator.ann_file={data_root}/annotations/'
            'instances_val.json',
            f'test_evaluator.ann_file={data_root}/annotations/'
            'instances_val.json']
    if args.det_epochs:
        opts += [f'train_cfg.max_epochs={args.det_epochs}',
                 f'train_cfg.val_interval={args.det_epochs}']
    run([py, 'tools/train.py', DET_CFG, '--work-dir', det_dir,
         '--cfg-options', *opts], osp.join(work, 'mask_rcnn.log'))
    timings['transfer'] = time.time() - t0

    t0 = time.time()
    metrics_path = osp.join(work, 'metrics.json')
    run([py, 'tools/test.py', DET_CFG, last_checkpoint(det_dir), '--work-dir',
         det_dir, '--out', metrics_path, '--cfg-options', *opts[1:]],
        osp.join(work, 'test.log'))
    timings['test'] = time.time() - t0
    with open(metrics_path) as f:
        metrics = json.load(f)

    rows = [('bbox', 'coco/bbox_mAP', 'coco/bbox_mAP_50', 'coco/bbox_mAP_75'),
            ('segm', 'coco/segm_mAP', 'coco/segm_mAP_50', 'coco/segm_mAP_75')]
    print('\nmmssl demo: DetCon-B R18 pretraining -> Mask R-CNN R18-FPN '
          f'on {args.data_root} (val split)')
    print(f"{'task':<6}{'AP':>8}{'AP50':>8}{'AP75':>8}")
    for name, *keys in rows:
        print(f'{name:<6}' + ''.join(f'{100 * metrics[k]:>8.1f}'
                                      for k in keys))
    print('time (s): ' + ', '.join(f'{k} {v:.0f}' for k, v in
                                   timings.items()))
    summary = dict(metrics=metrics, timings=timings, pretrain_ckpt=ckpt)
    with open(osp.join(work, 'summary.json'), 'w') as f:
        json.dump(summary, f, indent=2)


if __name__ == '__main__':
    main()

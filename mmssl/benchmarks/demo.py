"""mmssl's main job on the embedded demo data: pretrain -> detection
transfer -> COCO bbox / segm AP (``tools/misc/run_demo.py``)."""
import os
import os.path as osp
import sys
import time

from .report import write_json
from .runs import project_root, run_logged, run_train
from .transfer import fine_tune_and_test

PRETRAIN_CFG = 'configs/detcon/detconb_r18_1xb32-20e_demo.py'
DET_CFG = ('configs/benchmarks/mmdetection/demo/'
           'mask-rcnn_r18_fpn_1xb4-12e_demo.py')


def run_demo(work_dir='work_dirs/demo', data_root='data/demo',
             pretrain_epochs=None, det_epochs=None) -> dict:
    root = project_root()
    work, data_root = osp.join(root, work_dir), osp.join(root, data_root)
    os.makedirs(work, exist_ok=True)
    timings, t0 = {}, time.time()
    if not osp.exists(osp.join(data_root, 'annotations',
                               'instances_val.json')):
        run_logged([sys.executable, 'tools/misc/make_demo_data.py',
                    data_root], osp.join(work, 'make_data.log'))
    timings['data'] = time.time() - t0
    t0 = time.time()
    opts = [f'train_dataloader.dataset.data_root={data_root}/']
    if pretrain_epochs:
        opts.append(f'train_cfg.max_epochs={pretrain_epochs}')
    ckpt = run_train(PRETRAIN_CFG, osp.join(work, 'pretrain'), opts)
    timings['pretrain'] = time.time() - t0
    t0 = time.time()
    data_opts = [f'{s}_dataloader.dataset.data_root={data_root}/'
                 for s in ('train', 'val', 'test')]
    data_opts += [f'{s}_evaluator.ann_file={data_root}/annotations/'
                  'instances_val.json' for s in ('val', 'test')]
    extra = [f'train_cfg.max_epochs={det_epochs}',
             f'train_cfg.val_interval={det_epochs}'] if det_epochs else []
    metrics = fine_tune_and_test(DET_CFG, ckpt, osp.join(work, 'mask_rcnn'),
                                 data_opts, extra, reuse=False)
    timings['transfer'] = time.time() - t0
    print('\nmmssl demo: DetCon-B R18 pretraining -> Mask R-CNN R18-FPN '
          f'on {data_root} (val split)')
    print(f"{'task':<6}{'AP':>8}{'AP50':>8}{'AP75':>8}")
    for task in ('bbox', 'segm'):
        print(f'{task:<6}' + ''.join(
            f"{100 * metrics[f'coco/{task}_mAP{s}']:>8.1f}"
            for s in ('', '_50', '_75')))
    print('time (s): ' + ', '.join(f'{k} {v:.0f}'
                                   for k, v in timings.items()))
    summary = dict(metrics=metrics, timings=timings, pretrain_ckpt=ckpt)
    write_json(osp.join(work, 'summary.json'), **summary)
    return summary

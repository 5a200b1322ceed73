"""mmssl's main job on the embedded demo data: generate the demo set (no
download), pretrain a ResNet-18 with DetCon-B, fine-tune Mask R-CNN from it
and print COCO bbox / segm AP. See ``mmssl.benchmarks.demo``.

    python tools/misc/run_demo.py [--work-dir work_dirs/demo]
"""
import argparse

from mmssl.benchmarks.demo import run_demo

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('--work-dir', default='work_dirs/demo')
    p.add_argument('--data-root', default='data/demo')
    p.add_argument('--pretrain-epochs', type=int)
    p.add_argument('--det-epochs', type=int)
    a = p.parse_args()
    run_demo(a.work_dir, a.data_root, a.pretrain_epochs, a.det_epochs)

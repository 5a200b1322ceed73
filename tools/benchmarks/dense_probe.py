"""Dense linear probe (per-pixel logistic regression on frozen C3-C5
features at stride 8, mIoU) of any mmssl / mmpretrain checkpoint on a
COCO-format instance set.

    python tools/benchmarks/dense_probe.py CONFIG [--checkpoint CKPT] \
        --data-root ../shared/data/pennfudan --seeds 3 --out dense.json

Without --checkpoint: a randomly initialised backbone (one per seed), the
floor every pretraining has to beat. See ``mmssl.evaluation.dense_probe``.
"""
import argparse
import json

from mmssl.evaluation.dense_probe import evaluate_dense_seeds


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument('config')
    p.add_argument('--checkpoint')
    p.add_argument('--data-root', required=True)
    p.add_argument('--train-ann', default='annotations/instances_train.json')
    p.add_argument('--val-ann', default='annotations/instances_val.json')
    p.add_argument('--img-prefix', default='images')
    p.add_argument('--size', type=int, default=224)
    p.add_argument('--stride', type=int, default=8)
    p.add_argument('--stages', type=int, nargs='+', default=[1, 2, 3],
                   help='0-based ResNet stages (1 2 3 = C3-C5)')
    p.add_argument('--seeds', type=int, default=1)
    p.add_argument('--max-pixels', type=int, default=200000)
    p.add_argument('--out', help='also write the result as JSON')
    a = p.parse_args()
    result = evaluate_dense_seeds(
        a.config, a.checkpoint, a.data_root, a.seeds, train_ann=a.train_ann,
        val_ann=a.val_ann, img_prefix=a.img_prefix, size=a.size,
        stride=a.stride, stages=a.stages, max_pixels=a.max_pixels)
    print(json.dumps({k: v for k, v in result.items() if k != 'runs'},
                     indent=2))
    if a.out:
        with open(a.out, 'w') as f:
            json.dump(result, f, indent=2)


if __name__ == '__main__':
    main()

"""Spread of frozen backbone features (effective rank of image-level and
per-cell C5 features, mean cosine between images) for one or more
checkpoints on a COCO-format image set: a check for dimensional collapse.

    python tools/analysis_tools/feature_spread.py \
        --model random CONFIG none --model BYOL CONFIG CKPT \
        --data-root ../shared/data/pennfudan --out spread.json

``none`` as checkpoint: a randomly initialised backbone, one per
``--random-seeds`` seed. See ``mmssl.evaluation.feature_spread``.
"""
import argparse
import json

from mmssl.evaluation.feature_spread import feature_spread


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument('--model', nargs=3, action='append', required=True,
                   metavar=('NAME', 'CONFIG', 'CHECKPOINT'))
    p.add_argument('--data-root', required=True)
    p.add_argument('--ann', default='annotations/instances_val.json')
    p.add_argument('--img-prefix', default='images')
    p.add_argument('--size', type=int, default=224)
    p.add_argument('--stage', type=int, default=3, help='0-based; 3 = C5')
    p.add_argument('--random-seeds', type=int, nargs='+', default=[0],
                   help='initialisations of each `none` model')
    p.add_argument('--out', help='also write the results as JSON')
    a = p.parse_args()
    results = {}
    print(f'{"model":24s} {"erank images":>12s} {"erank cells":>12s} '
          f'{"mean cos":>9s}')
    runs = []
    for name, config, checkpoint in a.model:
        if checkpoint == 'none':
            runs += [(f'{name} (seed {s})', config, None, s)
                     for s in a.random_seeds]
        else:
            runs.append((name, config, checkpoint, 0))
    for name, config, checkpoint, seed in runs:
        r = feature_spread(config, checkpoint, a.data_root, a.ann,
                           a.img_prefix, a.size, a.stage, seed)
        results[name] = r
        print(f'{name:24s} {r["image_effective_rank"]:12.1f} '
              f'{r["cell_effective_rank"]:12.1f} '
              f'{r["mean_cosine_between_images"]:9.3f}', flush=True)
    if a.out:
        with open(a.out, 'w') as f:
            json.dump(results, f, indent=2)


if __name__ == '__main__':
    main()

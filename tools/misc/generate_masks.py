"""Pre-compute DetCon's unsupervised masks for an image folder or COCO set.

    # Felzenszwalb (the paper's setting) for every image under a folder
    python tools/misc/generate_masks.py data/coco/train2017 \
        data/coco/masks/felzenszwalb --workers 16
    # one shard of 4 (e.g. a Slurm array task)
    python tools/misc/generate_masks.py IMG_DIR OUT_DIR --shard 2/4
    # ground-truth instance masks from COCO annotations (DetCon's upper bound)
    python tools/misc/generate_masks.py data/coco/train2017 OUT_DIR \
        --method coco-gt --ann data/coco/annotations/instances_train2017.json

The layout is ``LoadDetConMask(mask_dir=OUT_DIR, img_root=IMG_DIR)``'s
(``mmssl.datasets.mask_files``). Finished images are skipped, so an
interrupted job resumes; unreadable images are listed at the end (and in
the manifest) and make the exit code non-zero. Method parameters left unset
take the defaults of ``mmssl.datasets.masks`` (Felzenszwalb: the paper's
scale 1000, sigma 0.8, min_size 1000).
"""
import argparse
import os
import sys

from mmssl.datasets.mask_files import generate_masks


def parse_shard(text):
    try:
        k, n = (int(x) for x in text.split('/'))
    except ValueError:
        raise argparse.ArgumentTypeError(f"--shard wants k/N, got '{text}'")
    if not 0 <= k < n:
        raise argparse.ArgumentTypeError(f'--shard {text}: need 0 <= k < N')
    return k, n


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument('img_dir')
    p.add_argument('out_dir')
    p.add_argument('--method', default='felzenszwalb',
                   choices=['felzenszwalb', 'slic', 'grid', 'coco-gt'])
    p.add_argument('--ann', help='COCO json: its images (and, for coco-gt, '
                   'its instance masks)')
    p.add_argument('--scale', type=float)
    p.add_argument('--sigma', type=float)
    p.add_argument('--min-size', type=int)
    p.add_argument('--n-segments', type=int)
    p.add_argument('--grid', type=int)
    p.add_argument('--workers', type=int, default=os.cpu_count())
    p.add_argument('--shard', type=parse_shard, default=(0, 1))
    a = p.parse_args(argv)
    if a.method == 'coco-gt' and not a.ann:
        p.error('--method coco-gt needs --ann')
    params = dict(felzenszwalb=('scale', 'sigma', 'min_size'),
                  slic=('n_segments', ), grid=('grid', )).get(a.method, ())
    kwargs = {k: getattr(a, k) for k in params if getattr(a, k) is not None}
    failures = generate_masks(a.img_dir, a.out_dir, a.method, kwargs,
                              a.workers, a.shard, a.ann)
    if failures:
        print(f'{len(failures)} images failed (listed in the manifest):',
              *failures[:20], sep='\n  ', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())

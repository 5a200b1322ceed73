"""Pre-compute DetCon's unsupervised masks for an image folder or COCO set.

    # Felzenszwalb (the paper's setting) for every image under a folder
    python tools/misc/generate_masks.py data/coco/train2017 \
        data/coco/masks/felzenszwalb --workers 16
    # one shard of 4 (e.g. a Slurm array task)
    python tools/misc/generate_masks.py IMG_DIR OUT_DIR --shard 2/4
    # ground-truth instance masks from COCO annotations (DetCon's upper bound)
    python tools/misc/generate_masks.py data/coco/train2017 OUT_DIR \
        --method coco-gt --ann data/coco/annotations/instances_train2017.json

Masks are uint8 PNG id maps at the image's resolution, at
``OUT_DIR/<image path relative to IMG_DIR>.png``, the layout
``LoadDetConMask(mask_dir=OUT_DIR, img_root=IMG_DIR)`` reads. Finished
images are skipped, so an interrupted job resumes; each shard appends what it
did to ``OUT_DIR/manifest-<k>of<N>.jsonl``. Unreadable images are listed at the
end (and in the manifest) and make the exit code non-zero.
"""
import argparse
import json
import os
import os.path as osp
import sys
import time
from multiprocessing import Pool

import cv2
import numpy as np

from mmssl.datasets.masks import coco_gt_mask, compute_mask

IMG_EXTS = ('.jpg', '.jpeg', '.png', '.bmp', '.webp', '.tif', '.tiff')


def list_images(img_dir):
    found = []
    for root, _, files in os.walk(img_dir):
        for name in files:
            if name.lower().endswith(IMG_EXTS):
                found.append(osp.relpath(osp.join(root, name), img_dir))
    return sorted(found)


def parse_shard(text):
    try:
        k, n = (int(x) for x in text.split('/'))
    except ValueError:
        raise argparse.ArgumentTypeError(f"--shard wants k/N, got '{text}'")
    if not 0 <= k < n:
        raise argparse.ArgumentTypeError(f'--shard {text}: need 0 <= k < N')
    return k, n


def mask_path(out_dir, rel):
    return osp.join(out_dir, osp.splitext(rel)[0] + '.png')


class Worker:
    """Picklable job: one image in, one PNG out (written atomically)."""

    def __init__(self, img_dir, out_dir, method, kwargs, coco_anns):
        self.img_dir, self.out_dir = img_dir, out_dir
        self.method, self.kwargs = method, kwargs
        self.coco_anns = coco_anns

    def __call__(self, rel):
        path = osp.join(self.img_dir, rel)
        img = cv2.imread(path, cv2.IMREAD_COLOR)
        if img is None:
            return dict(image=rel, error=f'cannot read image {path}')
        h, w = img.shape[:2]
        if self.method == 'coco-gt':
            mask = coco_gt_mask(self.coco_anns.get(rel, []), h, w)
        else:
            mask = compute_mask(img[..., ::-1].copy(), self.method,
                                **self.kwargs)
        out = mask_path(self.out_dir, rel)
        os.makedirs(osp.dirname(out), exist_ok=True)
        tmp = out + '.tmp.png'
        if not cv2.imwrite(tmp, mask):
            return dict(image=rel, error=f'cannot write {out}')
        os.replace(tmp, out)
        return dict(image=rel, mask=osp.relpath(out, self.out_dir),
                    num_ids=int(len(np.unique(mask))))


def load_coco(ann_file):
    with open(ann_file) as f:
        coco = json.load(f)
    names = {im['id']: im['file_name'] for im in coco['images']}
    by_file = {}
    for ann in coco['annotations']:
        by_file.setdefault(names[ann['image_id']], []).append(ann)
    return sorted(names.values()), by_file


def main(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument('img_dir')
    parser.add_argument('out_dir')
    parser.add_argument('--method', default='felzenszwalb',
                        choices=['felzenszwalb', 'slic', 'grid', 'coco-gt'])
    parser.add_argument('--ann', help='COCO json: its images (and, for '
                        'coco-gt, its instance masks)')
    parser.add_argument('--scale', type=float, default=1000)
    parser.add_argument('--sigma', type=float, default=0.8)
    parser.add_argument('--min-size', type=int, default=1000)
    parser.add_argument('--n-segments', type=int, default=25)
    parser.add_argument('--grid', type=int, default=4)
    parser.add_argument('--workers', type=int, default=os.cpu_count())
    parser.add_argument('--shard', type=parse_shard, default=(0, 1))
    args = parser.parse_args(argv)

    kwargs = dict(
        felzenszwalb=dict(scale=args.scale, sigma=args.sigma,
                          min_size=args.min_size),
        slic=dict(n_segments=args.n_segments),
        grid=dict(grid=args.grid)).get(args.method, {})
    coco_anns = {}
    if args.ann:
        images, coco_anns = load_coco(args.ann)
    elif args.method == 'coco-gt':
        parser.error('--method coco-gt needs --ann')
    else:
        images = list_images(args.img_dir)
    k, n = args.shard
    shard = images[k::n]
    todo = [r for r in shard if not osp.exists(mask_path(args.out_dir, r))]
    print(f'{len(images)} images, shard {k}/{n}: {len(shard)}, '
          f'{len(shard) - len(todo)} already done, {len(todo)} to do '
          f'({args.method} {kwargs})', flush=True)
    os.makedirs(args.out_dir, exist_ok=True)
    manifest = osp.join(args.out_dir, f'manifest-{k}of{n}.jsonl')
    worker = Worker(args.img_dir, args.out_dir, args.method, kwargs,
                    coco_anns)
    failures, start = [], time.time()
    with open(manifest, 'a') as log, Pool(max(args.workers, 1)) as pool:
        for i, rec in enumerate(pool.imap_unordered(worker, todo,
                                                    chunksize=4), 1):
            rec.update(method=args.method, params=kwargs)
            log.write(json.dumps(rec) + '\n')
            if 'error' in rec:
                failures.append(rec['error'])
            if i % 50 == 0 or i == len(todo):
                rate = i / max(time.time() - start, 1e-9)
                eta = (len(todo) - i) / max(rate, 1e-9)
                print(f'\r[{i}/{len(todo)}] {rate:.1f} img/s, '
                      f'eta {eta / 60:.1f} min', end='', flush=True)
    print()
    if failures:
        print(f'{len(failures)} images failed (listed in {manifest}):',
              *failures[:20], sep='\n  ', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())

"""The one home of the pre-computed DetCon mask layout: what
``tools/misc/generate_masks.py`` writes and ``LoadDetConMask`` reads.

A mask is a uint8 PNG id map at its image's resolution, stored at
``MASK_DIR/<image path relative to IMG_ROOT, suffix .png>``. Writes are
atomic (temporary file, then rename); each shard of a generation job
appends one JSON line per image to ``MASK_DIR/manifest-<k>of<N>.jsonl``.
"""
import json
import os
import os.path as osp
import time
from multiprocessing import Pool
from typing import List, Optional, Tuple

IMG_EXTS = ('.jpg', '.jpeg', '.png', '.bmp', '.webp', '.tif', '.tiff')


def list_images(img_dir: str) -> List[str]:
    """Image paths under ``img_dir``, relative to it, sorted."""
    found = []
    for root, _, files in os.walk(img_dir):
        for name in files:
            if name.lower().endswith(IMG_EXTS):
                found.append(osp.relpath(osp.join(root, name), img_dir))
    return sorted(found)


def mask_path(mask_dir: str, rel_image_path: str) -> str:
    """Where the mask of an image (path relative to the image root) lives."""
    return osp.join(mask_dir, osp.splitext(rel_image_path)[0] + '.png')


class MaskJob:
    """Picklable job: one image in, one mask PNG out (atomic write)."""

    def __init__(self, img_dir, out_dir, method, kwargs, coco_anns=None):
        self.img_dir, self.out_dir = img_dir, out_dir
        self.method, self.kwargs = method, kwargs
        self.coco_anns = coco_anns or {}

    def __call__(self, rel):
        import cv2
        import numpy as np

        from .masks import coco_gt_mask, compute_mask
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


def load_coco_index(ann_file: str) -> Tuple[List[str], dict]:
    """``(file names, {file name: annotations})`` of a COCO json."""
    with open(ann_file) as f:
        coco = json.load(f)
    names = {im['id']: im['file_name'] for im in coco['images']}
    by_file = {}
    for ann in coco['annotations']:
        by_file.setdefault(names[ann['image_id']], []).append(ann)
    return sorted(names.values()), by_file


def generate_masks(img_dir: str, out_dir: str, method: str = 'felzenszwalb',
                   kwargs: Optional[dict] = None, workers: int = 1,
                   shard: Tuple[int, int] = (0, 1),
                   ann_file: Optional[str] = None) -> List[str]:
    """Write the masks of shard ``k/N`` of the images (all under ``img_dir``,
    or those of ``ann_file``), skipping finished ones; returns the errors
    (unreadable images), which are also in the manifest."""
    kwargs = kwargs or {}
    coco_anns = {}
    if ann_file:
        images, coco_anns = load_coco_index(ann_file)
    elif method == 'coco-gt':
        raise ValueError("method 'coco-gt' needs a COCO annotation file")
    else:
        images = list_images(img_dir)
    k, n = shard
    mine = images[k::n]
    todo = [r for r in mine if not osp.exists(mask_path(out_dir, r))]
    print(f'{len(images)} images, shard {k}/{n}: {len(mine)}, '
          f'{len(mine) - len(todo)} already done, {len(todo)} to do '
          f'({method} {kwargs})', flush=True)
    os.makedirs(out_dir, exist_ok=True)
    manifest = osp.join(out_dir, f'manifest-{k}of{n}.jsonl')
    job = MaskJob(img_dir, out_dir, method, kwargs, coco_anns)
    failures, start = [], time.time()
    with open(manifest, 'a') as log, Pool(max(workers, 1)) as pool:
        for i, rec in enumerate(pool.imap_unordered(job, todo, chunksize=4),
                                1):
            rec.update(method=method, params=kwargs)
            log.write(json.dumps(rec) + '\n')
            if 'error' in rec:
                failures.append(rec['error'])
            if i % 50 == 0 or i == len(todo):
                rate = i / max(time.time() - start, 1e-9)
                print(f'\r[{i}/{len(todo)}] {rate:.1f} img/s, eta '
                      f'{(len(todo) - i) / max(rate, 1e-9) / 60:.1f} min',
                      end='', flush=True)
    print()
    return failures

"""The unlabelled pretraining set of the transfer suite: the union of the
real photos in ``../shared/data`` that no transfer evaluation scores.

============  ==========================================  ===========
source        images used (labels never read)             held out
============  ==========================================  ===========
coco128       ``instances_train.json`` (96)               val 32
raccoon-voc   ``ImageSets/Main/trainval.txt`` (160)       test 40
pennfudan     ``instances_train.json`` (128)              val 42
============  ==========================================  ===========

The dense probe and the fine-tuning runs score the held-out images, so no
image a method is evaluated on is seen during pretraining. Only file names
are read from the annotation files.

The images are written once, resized so that their longer side is at most
``max_side`` px (JPEG quality 95), to ``OUT/<source>/<name>.jpg``: the
raccoon photos reach 2000 px, and decoding them every step would make the
loader, not the method, set the step time of a wall-clock budget. At
``max_side=448`` a 128 px crop of 20-100 % of the image sees the content
it would see in the original (the originals are down-sampled to 128 px
either way), and DetCon's Felzenszwalb masks with the paper's parameters
(scale 1000, min_size 1000) run at ImageNet-like resolution, the one they
were chosen for. ``OUT/manifest.json`` lists every image and its source.
"""
import json
import os
import os.path as osp
from typing import Dict, List

SOURCES = ('coco128', 'raccoon-voc', 'pennfudan')


def _coco_files(ann_file: str) -> List[str]:
    if not osp.isfile(ann_file):
        raise FileNotFoundError(f'real photos: {ann_file} does not exist')
    with open(ann_file) as f:
        return sorted(im['file_name'] for im in json.load(f)['images'])


def _voc_ids(voc: str, split: str) -> List[str]:
    ids_file = osp.join(voc, 'ImageSets', 'Main', f'{split}.txt')
    if not osp.isfile(ids_file):
        raise FileNotFoundError(f'real photos: {ids_file} does not exist')
    with open(ids_file) as f:
        return sorted(line.strip() for line in f if line.strip())


def unlabelled_images(shared_root: str) -> Dict[str, List[str]]:
    """``{source: [image path, ...]}`` of the pretraining union (absolute
    paths, sorted), from the training splits only."""
    coco = osp.join(shared_root, 'coco128')
    fudan = osp.join(shared_root, 'pennfudan')
    voc = osp.join(shared_root, 'raccoon-voc', 'VOC2007')
    return {
        'coco128': [osp.join(coco, 'images', n) for n in _coco_files(
            osp.join(coco, 'annotations', 'instances_train.json'))],
        'raccoon-voc': [osp.join(voc, 'JPEGImages', i + '.jpg')
                        for i in _voc_ids(voc, 'trainval')],
        'pennfudan': [osp.join(fudan, 'images', n) for n in _coco_files(
            osp.join(fudan, 'annotations', 'instances_train.json'))],
    }


def held_out_images(shared_root: str) -> Dict[str, List[str]]:
    """The file names the transfer evaluations score (for the check that
    none of them is in the pretraining set)."""
    voc = osp.join(shared_root, 'raccoon-voc', 'VOC2007')
    return {
        'coco128': _coco_files(osp.join(shared_root, 'coco128',
                                        'annotations', 'instances_val.json')),
        'raccoon-voc': [i + '.jpg' for i in _voc_ids(voc, 'test')],
        'pennfudan': _coco_files(osp.join(shared_root, 'pennfudan',
                                          'annotations',
                                          'instances_val.json')),
    }


def prepare_real_photos(shared_root: str, out_dir: str,
                        max_side: int = 448) -> dict:
    """Write the union to ``out_dir`` (see the module docstring); images
    already written are kept, so an interrupted preparation resumes.
    Returns the manifest. Raises naming the file for an unreadable image
    and when a held-out image would enter the set."""
    import cv2
    sources = unlabelled_images(shared_root)
    held_out = held_out_images(shared_root)
    for name, paths in sources.items():
        leaked = {osp.basename(p) for p in paths} & set(held_out[name])
        if leaked:
            raise ValueError(f'real photos: held-out {name} images in the '
                             f'pretraining set: {sorted(leaked)[:5]}')
    manifest = dict(max_side=max_side, shared_root=osp.abspath(shared_root),
                    images={})
    for name, paths in sources.items():
        os.makedirs(osp.join(out_dir, name), exist_ok=True)
        for src in paths:
            rel = osp.join(name, osp.splitext(osp.basename(src))[0] + '.jpg')
            dst = osp.join(out_dir, rel)
            if not osp.exists(dst):
                img = cv2.imread(src, cv2.IMREAD_COLOR)
                if img is None:
                    raise ValueError(f'real photos: cannot read {src}')
                h, w = img.shape[:2]
                scale = max_side / max(h, w)
                if scale < 1:
                    img = cv2.resize(img, (round(w * scale), round(h * scale)),
                                     interpolation=cv2.INTER_AREA)
                tmp = dst + '.tmp.jpg'
                cv2.imwrite(tmp, img, [cv2.IMWRITE_JPEG_QUALITY, 95])
                os.replace(tmp, dst)
            manifest['images'][rel] = src
    with open(osp.join(out_dir, 'manifest.json'), 'w') as f:
        json.dump(manifest, f, indent=1)
    counts = {n: len(p) for n, p in sources.items()}
    print(f'real photos: {sum(counts.values())} images {counts} in '
          f'{out_dir} (longer side <= {max_side} px)', flush=True)
    return manifest

"""Deterministic embedded demo data: no download, no external files.

Objects with exact masks (discs, rectangles, triangles; each with its own
colour and texture) are composited onto crops of the real photographs that
ship inside scikit-image. Writes

* a COCO-format detection + instance-segmentation set
  (``images/{train,val}/*.jpg``, ``annotations/instances_{train,val}.json``,
  masks as exact RLE), and
* optionally an ImageNet-style folder (``<out>/cls/{train,val}/<class>/``)
  where each image shows one object of its class, for kNN / linear demos.

The same ``seed`` always gives byte-identical annotation files.
"""
import json
import os
import os.path as osp
from typing import Dict, List, Tuple

import numpy as np

CATEGORIES = ('disc', 'rectangle', 'triangle')
# Colour photographs and grey textures bundled with scikit-image.
BACKGROUNDS = ('astronaut.png', 'chelsea.png', 'coffee.png', 'rocket.jpg',
               'motorcycle_left.png', 'hubble_deep_field.jpg', 'ihc.png',
               'retina.jpg', 'brick.png', 'grass.png', 'gravel.png',
               'camera.png', 'moon.png')


def load_backgrounds() -> List[np.ndarray]:
    """The bundled photographs as RGB uint8 arrays (those present)."""
    import skimage.data
    from skimage import io
    root = osp.dirname(skimage.data.__file__)
    photos = []
    for name in BACKGROUNDS:
        path = osp.join(root, name)
        if not osp.exists(path):
            continue
        img = io.imread(path)
        if img.ndim == 2:
            img = np.repeat(img[..., None], 3, axis=2)
        photos.append(np.ascontiguousarray(img[..., :3]).astype(np.uint8))
    if len(photos) < 3:
        raise RuntimeError(f'scikit-image in {root} ships too few sample '
                           'photographs for the demo data; reinstall '
                           'scikit-image')
    return photos


def shape_mask(category: str, size: int, rng: np.random.Generator,
               canvas: Tuple[int, int], center: Tuple[float, float]):
    """Boolean mask of one object of ``category`` on a ``canvas``."""
    h, w = canvas
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64) + 0.5
    cy, cx = center
    r = size / 2
    if category == 'disc':
        return (yy - cy)**2 + (xx - cx)**2 <= r**2
    if category == 'rectangle':
        aspect = rng.uniform(0.5, 1.0)
        hh, hw = (r * aspect, r) if rng.random() < 0.5 else (r, r * aspect)
        return (np.abs(yy - cy) <= hh) & (np.abs(xx - cx) <= hw)
    if category == 'triangle':
        angle = rng.uniform(0, 2 * np.pi)
        verts = [(cy + r * np.sin(angle + k * 2 * np.pi / 3),
                  cx + r * np.cos(angle + k * 2 * np.pi / 3))
                 for k in range(3)]
        inside = np.ones((h, w), bool)
        for (y0, x0), (y1, x1) in zip(verts, verts[1:] + verts[:1]):
            # same side of each edge as the centre
            edge = (x1 - x0) * (yy - y0) - (y1 - y0) * (xx - x0)
            ref = (x1 - x0) * (cy - y0) - (y1 - y0) * (cx - x0)
            inside &= edge * np.sign(ref) >= 0
        return inside
    raise ValueError(f'unknown demo category {category!r}')


def _background(photos, rng, size):
    photo = photos[rng.integers(len(photos))]
    side = int(min(photo.shape[:2]) * rng.uniform(0.3, 1.0))
    y = rng.integers(0, photo.shape[0] - side + 1)
    x = rng.integers(0, photo.shape[1] - side + 1)
    crop = photo[y:y + side, x:x + side]
    idx = (np.arange(size) * side / size).astype(int)
    return crop[idx][:, idx].copy()


def _paint(img, mask, rng):
    colour = rng.integers(0, 256, size=3)
    texture = rng.normal(0, 12, size=img.shape)
    painted = np.clip(colour[None, None] + texture, 0, 255)
    img[mask] = painted[mask].astype(np.uint8)


def render_scene(photos, rng, size: int, max_objects: int = 4,
                 min_visible: float = 0.4):
    """One image and its visible objects ``[(category_index, mask)]``."""
    img = _background(photos, rng, size)
    objects = []
    for _ in range(rng.integers(1, max_objects + 1)):
        cat = int(rng.integers(len(CATEGORIES)))
        obj_size = int(rng.uniform(0.2, 0.45) * size)
        margin = obj_size / 2
        center = (rng.uniform(margin, size - margin),
                  rng.uniform(margin, size - margin))
        mask = shape_mask(CATEGORIES[cat], obj_size, rng, (size, size),
                          center)
        _paint(img, mask, rng)
        objects = [(c, m & ~mask, full) for c, m, full in objects]
        objects.append((cat, mask, mask.sum()))
    return img, [(c, m) for c, m, full in objects
                 if m.sum() >= min_visible * full]


def _encode_rle(mask: np.ndarray) -> Dict:
    from pycocotools import mask as mask_utils
    rle = mask_utils.encode(np.asfortranarray(mask.astype(np.uint8)))
    rle['counts'] = rle['counts'].decode('ascii')
    return rle


def _bbox(mask: np.ndarray) -> List[float]:
    ys, xs = np.nonzero(mask)
    x0, y0 = xs.min(), ys.min()
    return [float(x0), float(y0), float(xs.max() - x0 + 1),
            float(ys.max() - y0 + 1)]


def _write_jpg(path, rgb):
    import cv2
    os.makedirs(osp.dirname(path), exist_ok=True)
    cv2.imwrite(path, rgb[..., ::-1], [cv2.IMWRITE_JPEG_QUALITY, 95])


def make_coco_split(out_dir: str, split: str, num_images: int, size: int,
                    rng: np.random.Generator, photos) -> str:
    images, annotations = [], []
    for i in range(num_images):
        img, objects = render_scene(photos, rng, size)
        file_name = f'{split}/{split}_{i:05d}.jpg'
        _write_jpg(osp.join(out_dir, 'images', file_name), img)
        image_id = i + 1
        images.append(dict(id=image_id, file_name=file_name, height=size,
                           width=size))
        for cat, mask in objects:
            annotations.append(dict(
                id=len(annotations) + 1, image_id=image_id,
                category_id=cat + 1, segmentation=_encode_rle(mask),
                area=float(mask.sum()), bbox=_bbox(mask), iscrowd=0))
    ann = dict(
        info=dict(description='mmssl embedded demo (generated)'),
        images=images, annotations=annotations,
        categories=[dict(id=i + 1, name=n, supercategory='shape')
                    for i, n in enumerate(CATEGORIES)])
    path = osp.join(out_dir, 'annotations', f'instances_{split}.json')
    os.makedirs(osp.dirname(path), exist_ok=True)
    with open(path, 'w') as f:
        json.dump(ann, f)
    return path


def make_cls_split(out_dir: str, split: str, per_class: int, size: int,
                   rng: np.random.Generator, photos) -> None:
    for cat, name in enumerate(CATEGORIES):
        for i in range(per_class):
            img = _background(photos, rng, size)
            obj_size = int(rng.uniform(0.4, 0.7) * size)
            margin = obj_size / 2
            center = (rng.uniform(margin, size - margin),
                      rng.uniform(margin, size - margin))
            _paint(img, shape_mask(name, obj_size, rng, (size, size),
                                   center), rng)
            _write_jpg(osp.join(out_dir, 'cls', split, name,
                                f'{name}_{i:04d}.jpg'), img)


def make_demo_dataset(out_dir: str, num_train: int = 160, num_val: int = 40,
                      size: int = 128, cls_per_class: int = 0,
                      seed: int = 0) -> Dict[str, str]:
    """Write the demo dataset under ``out_dir`` and return its paths."""
    rng = np.random.default_rng(seed)
    photos = load_backgrounds()
    paths = dict(root=out_dir)
    for split, n in (('train', num_train), ('val', num_val)):
        paths[split] = make_coco_split(out_dir, split, n, size, rng, photos)
    if cls_per_class:
        make_cls_split(out_dir, 'train', cls_per_class, size, rng, photos)
        make_cls_split(out_dir, 'val', max(cls_per_class // 4, 1), size, rng,
                       photos)
    return paths

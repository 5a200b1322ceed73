"""Transforms that keep a DetCon segment mask aligned with its image."""
import copy
import os.path as osp
from typing import List, Optional, Sequence

import mmcv
import numpy as np
import torch
from mmcv.transforms import BaseTransform, Compose
from mmengine.logging import print_log
from mmpretrain.datasets.transforms import RandomResizedCrop

from mmssl.registry import TRANSFORMS
from ..mask_files import mask_path
from ..masks import IGNORE_ID, MASK_METHODS, compute_mask


def _method_parameters(method: str):
    import inspect
    if method == 'coco-gt':  # the annotations decide, nothing to tune
        return []

    from ..masks import MASK_GENERATORS, grid_mask
    fn = grid_mask if method == 'grid' else MASK_GENERATORS[method]
    return [p for p in inspect.signature(fn).parameters
            if p not in ('img', 'height', 'width')]


@TRANSFORMS.register_module()
class LoadDetConMask(BaseTransform):
    """Load an image's segment id map into ``results['gt_seg_map']``.

    Without ``mask_dir`` the mask is computed on the fly with ``method``
    (logged once per process). With ``mask_dir`` (the output of
    ``tools/misc/generate_masks.py``, layout ``mmssl.datasets.mask_files``)
    every image must have its pre-computed mask:

    * the mask of ``<root>/<rel>`` is ``mask_dir/<rel>.png``; ``img_root``
      gives ``<root>``; by default the longest trailing part of the image
      path that has a mask is used, which finds masks written for the
      dataset's own prefix (e.g. ``<class>/<name>``);
    * a missing mask is an error naming the image and ``mask_dir``;
      ``allow_missing=True`` computes it on the fly instead, with a warning
      and a running count;
    * the method and parameters recorded in ``mask_dir``'s manifests must
      match ``method`` / ``method_kwargs`` (else an error naming both);
    * masks with a single segment are counted and reported (DetCon then
      contrasts whole images only).

    ``method='coco-gt'`` uses COCO's instance masks (the paper's upper
    bound): on the fly from ``ann_file``, or pre-computed in ``mask_dir``
    (``generate_masks.py --method coco-gt --ann ...``).

    Args:
        method (str): 'felzenszwalb', 'slic', 'grid' or 'coco-gt'.
        mask_dir (str, optional): folder of pre-computed masks.
        img_root (str, optional): the image root that mask paths mirror.
        allow_missing (bool): compute missing masks instead of failing.
        method_kwargs (dict): the mask function's parameters (checked
            against its signature when the transform is built).
        ann_file (str, optional): COCO instances json for ``'coco-gt'``
            computed on the fly; images are matched by their file name.
    """

    _warned_on_the_fly = False
    missing = 0
    single_segment = 0

    def __init__(self, method: str = 'felzenszwalb',
                 mask_dir: Optional[str] = None,
                 img_root: Optional[str] = None,
                 allow_missing: bool = False,
                 method_kwargs: Optional[dict] = None,
                 ann_file: Optional[str] = None) -> None:
        if method not in (*MASK_METHODS, 'coco-gt'):
            raise ValueError(f"LoadDetConMask: unknown method '{method}'; "
                             f"choose one of {(*MASK_METHODS, 'coco-gt')}")
        if method == 'coco-gt' and not (ann_file or mask_dir):
            raise ValueError(
                "LoadDetConMask: method 'coco-gt' needs ann_file (a COCO "
                'instances json) or mask_dir (masks written by '
                'tools/misc/generate_masks.py --method coco-gt)')
        if ann_file and not osp.isfile(ann_file):
            raise FileNotFoundError(f'LoadDetConMask: ann_file {ann_file} '
                                    'does not exist')
        self.ann_file, self._coco = ann_file, None
        self.method, self.mask_dir, self.img_root = method, mask_dir, img_root
        self.allow_missing = allow_missing
        self.method_kwargs = dict(method_kwargs or {})
        unknown = set(self.method_kwargs) - set(_method_parameters(method))
        if unknown:
            raise TypeError(
                f'LoadDetConMask: method_kwargs {sorted(unknown)} are not '
                f"parameters of the '{method}' masks "
                f'({_method_parameters(method)})')
        self._recorded = None

    def _check_recorded_method(self) -> None:
        """Compare with the method / parameters the manifests record."""
        import glob
        import json
        if self._recorded is not None:
            return
        self._recorded = set()
        for manifest in glob.glob(osp.join(self.mask_dir, 'manifest-*')):
            with open(manifest) as f:
                for line in f:
                    rec = json.loads(line)
                    if 'params' in rec:
                        self._recorded.add((rec.get('method'), json.dumps(
                            rec['params'], sort_keys=True)))
        for method, params in self._recorded:
            params = json.loads(params)
            if method != self.method or any(
                    params.get(k) != v for k, v in self.method_kwargs.items()):
                raise ValueError(
                    f'{self.mask_dir} holds {method} masks with {params}, '
                    f'but the config asks for {self.method} with '
                    f'{self.method_kwargs}: point mask_dir at masks of that '
                    'method or regenerate them')

    def mask_path(self, img_path: str) -> Optional[str]:
        """The pre-computed mask of ``img_path`` (None when there is
        none)."""
        if self.mask_dir is None:
            return None
        if self.img_root is not None:
            path = mask_path(self.mask_dir,
                             osp.relpath(img_path, self.img_root))
            return path if osp.exists(path) else None
        parts = osp.normpath(img_path).split(osp.sep)
        for k in range(max(len(parts) - 4, 0), len(parts)):
            path = mask_path(self.mask_dir, osp.join(*parts[k:]))
            if osp.exists(path):
                return path
        return None

    def _read(self, path: str, results: dict):
        from .loading import read_image
        mask = read_image(path, flag='unchanged')
        img_shape = results['img'].shape[:2]
        if mask.ndim != 2 or mask.shape != img_shape:
            raise ValueError(
                f'mask {path} has shape {mask.shape} but its image '
                f"{results.get('img_path')} is {img_shape}; regenerate it "
                'with tools/misc/generate_masks.py')
        return mask

    def _coco_gt(self, img, img_path):
        from ..mask_files import load_coco_index
        from ..masks import coco_gt_mask
        if self.ann_file is None:
            raise FileNotFoundError(
                f'no pre-computed coco-gt mask for {img_path} in '
                f'{self.mask_dir}, and no ann_file to compute it from')
        if self._coco is None:  # once per worker
            names, anns = load_coco_index(self.ann_file)
            self._coco = set(names), anns
        names, anns = self._coco
        parts = osp.normpath(img_path).split(osp.sep)
        for k in range(len(parts) - 1, -1, -1):
            name = '/'.join(parts[k:])
            if name in anns or name in names:
                return coco_gt_mask(anns.get(name, []), *img.shape[:2])
        raise KeyError(f'{img_path} is not an image of {self.ann_file}')

    def _compute(self, img, img_path=''):
        if self.method == 'coco-gt':
            return self._coco_gt(img, img_path)
        rgb = mmcv.bgr2rgb(img) if img.ndim == 3 else img
        return compute_mask(rgb, self.method, **self.method_kwargs)

    def transform(self, results: dict) -> dict:
        img_path = results.get('img_path', '')
        if self.mask_dir is None:
            if not LoadDetConMask._warned_on_the_fly:
                print_log(f'DetCon: computing {self.method} masks on the fly '
                          '(set mask_dir to pre-computed masks, '
                          'tools/misc/generate_masks.py, for speed)',
                          logger='current')
                LoadDetConMask._warned_on_the_fly = True
            mask = self._compute(results['img'], img_path)
        else:
            self._check_recorded_method()
            path = self.mask_path(img_path)
            if path is not None:
                mask = self._read(path, results)
            elif self.allow_missing:
                LoadDetConMask.missing += 1
                print_log(f'DetCon: no pre-computed mask for {img_path} in '
                          f'{self.mask_dir}; computed on the fly '
                          f'({LoadDetConMask.missing} so far)',
                          logger='current', level=30)
                mask = self._compute(results['img'], img_path)
            else:
                raise FileNotFoundError(
                    f'no pre-computed mask for {img_path} in {self.mask_dir}'
                    f' (img_root={self.img_root}); check mask_dir / '
                    'img_root, or set allow_missing=True to compute missing '
                    'masks on the fly')
        if len(np.unique(mask[mask != IGNORE_ID])) <= 1:
            LoadDetConMask.single_segment += 1
            if LoadDetConMask.single_segment in (1, 10, 100, 1000):
                print_log(f'DetCon: {img_path} has a single mask segment '
                          f'({LoadDetConMask.single_segment} such images so '
                          'far): DetCon then contrasts whole images; lower '
                          'the Felzenszwalb scale / min_size for small '
                          'images', logger='current', level=30)
        results['gt_seg_map'] = mask
        return results


@TRANSFORMS.register_module()
class MaskedRandomResizedCrop(RandomResizedCrop):
    """mmpretrain's RandomResizedCrop that crops ``gt_seg_map`` with the same
    box and resizes it with nearest neighbour, so ids stay ids."""

    def transform(self, results: dict) -> dict:
        img = results['img']
        top, left, h, w = self.rand_crop_params(img)
        box = np.array([left, top, left + w - 1, top + h - 1])
        size = tuple(self.scale[::-1])
        results['img'] = mmcv.imresize(
            mmcv.imcrop(img, bboxes=box), size,
            interpolation=self.interpolation, backend=self.backend)
        results['img_shape'] = results['img'].shape
        results['crop_box'] = box
        if results.get('gt_seg_map') is not None:
            results['gt_seg_map'] = mmcv.imresize(
                mmcv.imcrop(results['gt_seg_map'], bboxes=box), size,
                interpolation='nearest', backend='cv2')
        return results


@TRANSFORMS.register_module()
class MultiViewWithMasks(BaseTransform):
    """Like mmpretrain's ``MultiView``, but each view also keeps its own
    transformed mask: ``results['img']`` becomes the list of views and
    ``results['view_masks']`` a ``(V, H, W)`` uint8 tensor."""

    def __init__(self, transforms: List[List[dict]],
                 num_views: Sequence[int]) -> None:
        if isinstance(num_views, int):
            num_views = [num_views]
        if len(num_views) != len(transforms):
            raise ValueError(f'num_views {num_views} and transforms '
                             f'({len(transforms)} pipelines) differ in length')
        self.pipelines = []
        for n, trans in zip(num_views, transforms):
            # built in mmssl's registry, so mmpretrain / mmcv transforms
            # resolve whatever the default scope is
            pipeline = Compose([
                TRANSFORMS.build(t) if isinstance(t, dict) else t
                for t in trans
            ])
            self.pipelines += [pipeline] * n

    def transform(self, results: dict) -> dict:
        if results.get('gt_seg_map') is None:
            raise KeyError('MultiViewWithMasks needs results["gt_seg_map"]: '
                           'put LoadDetConMask before it')
        imgs, masks = [], []
        for pipeline in self.pipelines:
            out = pipeline(copy.deepcopy(results))
            imgs.append(out['img'])
            masks.append(out['gt_seg_map'])
        results['img'] = imgs
        results['view_masks'] = torch.from_numpy(np.stack(masks))
        results.pop('gt_seg_map')
        return results

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
from ..masks import MASK_METHODS, compute_mask


@TRANSFORMS.register_module()
class LoadDetConMask(BaseTransform):
    """Load an image's segment id map into ``results['gt_seg_map']``.

    The mask is read from ``mask_dir`` (``<image path relative to
    img_root>`` with a ``.png`` suffix, as written by
    ``tools/misc/generate_masks.py``). When no pre-computed file exists it
    is computed on the fly with ``method`` (logged once per process), unless
    ``require_precomputed=True``.

    Args:
        method (str): 'felzenszwalb', 'slic' or 'grid'.
        mask_dir (str, optional): folder of pre-computed masks.
        img_root (str, optional): the image root that mask paths mirror;
            defaults to the dataset's ``img_prefix``/``data_prefix``.
        require_precomputed (bool): raise instead of computing.
        method_kwargs (dict): passed to the mask function.
    """

    _warned_on_the_fly = False

    def __init__(self, method: str = 'felzenszwalb',
                 mask_dir: Optional[str] = None,
                 img_root: Optional[str] = None,
                 require_precomputed: bool = False,
                 method_kwargs: Optional[dict] = None) -> None:
        self.method = method
        self.mask_dir = mask_dir
        self.img_root = img_root
        self.require_precomputed = require_precomputed
        self.method_kwargs = method_kwargs or {}
        if method not in MASK_METHODS:
            raise ValueError(f"LoadDetConMask: unknown method '{method}'; "
                             f'choose one of {MASK_METHODS}')

    def mask_path(self, img_path: str) -> Optional[str]:
        if self.mask_dir is None:
            return None
        root = self.img_root or osp.dirname(img_path)
        rel = osp.relpath(img_path, root)
        return osp.join(self.mask_dir, osp.splitext(rel)[0] + '.png')

    def transform(self, results: dict) -> dict:
        img = results['img']
        path = self.mask_path(results.get('img_path', ''))
        if path is not None and osp.exists(path):
            mask = mmcv.imread(path, flag='unchanged')
            if mask is None:
                raise ValueError(f'cannot decode mask file {path}')
            if mask.ndim != 2 or mask.shape != img.shape[:2]:
                raise ValueError(
                    f'mask {path} has shape {mask.shape} but its image '
                    f"{results.get('img_path')} is {img.shape[:2]}; "
                    'regenerate it with tools/misc/generate_masks.py')
        elif self.require_precomputed:
            raise FileNotFoundError(
                f"no pre-computed mask {path} for {results.get('img_path')}"
                ' (require_precomputed=True)')
        else:
            if not LoadDetConMask._warned_on_the_fly:
                print_log(f'DetCon: no pre-computed masks found (mask_dir='
                          f'{self.mask_dir}); computing {self.method} masks '
                          'on the fly. Use tools/misc/generate_masks.py to '
                          'precompute them for speed.', logger='current')
                LoadDetConMask._warned_on_the_fly = True
            rgb = mmcv.bgr2rgb(img) if img.ndim == 3 else img
            mask = compute_mask(rgb, self.method, **self.method_kwargs)
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

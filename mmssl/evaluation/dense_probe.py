"""Dense linear probe: a per-pixel linear classifier on frozen backbone
features, scored by mIoU. The instrument for what dense pretraining (DetCon)
claims to buy, runnable on any COCO-format instance set on a CPU."""
import json
import os.path as osp
from typing import Dict, Optional, Sequence, Tuple

import numpy as np
import torch
import torch.nn.functional as F


def semantic_maps(ann_file: str, img_dir: str, size: int,
                  max_images: int = 0) -> Tuple[np.ndarray, np.ndarray, list]:
    """``(images [N, size, size, 3] uint8 BGR, labels [N, size, size] int64,
    class names)`` of a COCO instance set: every instance mask painted with
    its category (1..C in the order of ``categories``; background 0;
    larger instances first so smaller ones stay visible), image and label
    map resized to ``size`` x ``size`` (bilinear / nearest)."""
    import cv2

    from mmssl.datasets.masks import decode_segmentation
    if not osp.isfile(ann_file):
        raise FileNotFoundError(f'dense probe: {ann_file} does not exist')
    with open(ann_file) as f:
        coco = json.load(f)
    cats = [c['id'] for c in coco['categories']]
    to_label = {cid: i + 1 for i, cid in enumerate(cats)}
    by_image = {}
    for ann in coco['annotations']:
        by_image.setdefault(ann['image_id'], []).append(ann)
    images, labels = [], []
    infos = sorted(coco['images'], key=lambda im: im['id'])
    for info in infos[:max_images or None]:
        path = osp.join(img_dir, info['file_name'])
        img = cv2.imread(path, cv2.IMREAD_COLOR)
        if img is None:
            raise ValueError(f'dense probe: cannot read image {path}')
        h, w = img.shape[:2]
        label = np.zeros((h, w), np.int64)
        anns = sorted(by_image.get(info['id'], []),
                      key=lambda a: -a.get('area', 0))
        for ann in anns:
            if ann.get('segmentation') and not ann.get('iscrowd', 0):
                label[decode_segmentation(ann['segmentation'], h, w)] = \
                    to_label[ann['category_id']]
        images.append(cv2.resize(img, (size, size),
                                 interpolation=cv2.INTER_LINEAR))
        labels.append(cv2.resize(label.astype(np.int32), (size, size),
                                 interpolation=cv2.INTER_NEAREST))
    names = ['background'] + [c['name'] for c in coco['categories']]
    return np.stack(images), np.stack(labels).astype(np.int64), names


@torch.no_grad()
def dense_features(backbone, images: np.ndarray, preprocessing: dict,
                   stride: int = 8, batch_size: int = 16,
                   device: str = 'cpu') -> torch.Tensor:
    """``[N, D, size/stride, size/stride]`` float32: every output stage of
    ``backbone`` (e.g. C3-C5) bilinearly resized to the stride-``stride``
    grid and concatenated along channels. Images are normalised as the model
    was trained (``preprocessing``: mean / std on 0-255, ``to_rgb``)."""
    mean = torch.tensor(preprocessing['mean']).view(1, 3, 1, 1)
    std = torch.tensor(preprocessing['std']).view(1, 3, 1, 1)
    backbone.to(device)
    backbone.eval()  # (mmpretrain's ResNet.train() does not return self)
    grid = images.shape[1] // stride
    out = []
    for start in range(0, len(images), batch_size):
        x = torch.from_numpy(images[start:start + batch_size]).float()
        if preprocessing.get('to_rgb'):
            x = x.flip(-1)
        x = ((x.permute(0, 3, 1, 2) - mean) / std).to(device)
        stages = backbone(x)
        stages = stages if isinstance(stages, (tuple, list)) else [stages]
        out.append(torch.cat([
            F.interpolate(s, size=(grid, grid), mode='bilinear',
                          align_corners=False) for s in stages
        ], dim=1).cpu())
    return torch.cat(out)


def grid_labels(labels: np.ndarray, stride: int) -> torch.Tensor:
    """Labels at the feature grid: the label at each cell's centre."""
    offset = stride // 2
    return torch.from_numpy(labels[:, offset::stride, offset::stride]).long()


def miou(pred: torch.Tensor, target: torch.Tensor,
         num_classes: int) -> Dict[str, object]:
    """Mean IoU over the classes present in the target or the prediction,
    and the IoU of each class (``None`` where absent from both)."""
    pred, target = pred.flatten(), target.flatten()
    ious = []
    for c in range(num_classes):
        union = int(((pred == c) | (target == c)).sum())
        inter = int(((pred == c) & (target == c)).sum())
        ious.append(100. * inter / union if union else None)
    present = [i for i in ious if i is not None]
    return dict(miou=sum(present) / len(present), iou=ious)


def dense_linear_probe(train_feats: torch.Tensor, train_labels: torch.Tensor,
                       val_feats: torch.Tensor, val_labels: torch.Tensor,
                       num_classes: int, weight_decay: float = 1e-4,
                       max_pixels: int = 200000, seed: int = 0,
                       batch_size: Optional[int] = None) -> Dict[str, object]:
    """Per-pixel multinomial logistic regression (``linear_probe``: L-BFGS
    on standardised features, or mini-batched with ``batch_size``) trained on
    at most ``max_pixels`` random training pixels, scored by mIoU on every
    validation pixel of the grid."""
    from .linear_probe import linear_probe
    d = train_feats.shape[1]
    x = train_feats.permute(0, 2, 3, 1).reshape(-1, d)
    y = train_labels.reshape(-1)
    if len(x) > max_pixels:
        keep = torch.randperm(len(x), generator=torch.Generator()
                              .manual_seed(seed))[:max_pixels]
        x, y = x[keep], y[keep]
    vx = val_feats.permute(0, 2, 3, 1).reshape(-1, d)
    vy = val_labels.reshape(-1)
    result = linear_probe(x, y, vx, vy, weight_decay, batch_size=batch_size,
                          num_classes=num_classes, return_predictions=True)
    scores = miou(result['predictions'], vy, num_classes)
    return dict(scores, pixel_accuracy=result['top1'],
                train_pixels=len(x), val_pixels=len(vx))


def evaluate_dense(config: str, checkpoint: Optional[str], data_root: str,
                   train_ann: str = 'annotations/instances_train.json',
                   val_ann: str = 'annotations/instances_val.json',
                   img_prefix: str = 'images', size: int = 224,
                   stride: int = 8, stages: Sequence[int] = (1, 2, 3),
                   seed: int = 0, max_pixels: int = 200000) -> dict:
    """Dense linear probe of ``config``'s backbone with ``checkpoint``
    (``None``: random init from ``seed``) on a COCO-format set under
    ``data_root``: features of ``stages`` (0-based ResNet stages; (1, 2, 3)
    = C3-C5) at stride ``stride``; returns mIoU, per-class IoU, pixel
    accuracy and the setting."""
    from .features import backbone_of_config
    backbone, preprocessing = backbone_of_config(config, checkpoint, seed,
                                                 out_indices=tuple(stages))
    device = 'cuda' if torch.cuda.is_available() else 'cpu'
    splits = {}
    for split, ann in (('train', train_ann), ('val', val_ann)):
        imgs, labels, names = semantic_maps(
            osp.join(data_root, ann), osp.join(data_root, img_prefix), size)
        splits[split] = (dense_features(backbone, imgs, preprocessing,
                                        stride, device=device),
                         grid_labels(labels, stride))
    result = dense_linear_probe(*splits['train'], *splits['val'],
                                num_classes=len(names), seed=seed,
                                max_pixels=max_pixels)
    result.update(classes=names, checkpoint=checkpoint, config=config,
                  data_root=data_root, size=size, stride=stride,
                  stages=list(stages), seed=seed)
    return result


def evaluate_dense_seeds(config: str, checkpoint: Optional[str],
                         data_root: str, seeds: int = 1, **kwargs) -> dict:
    """:func:`evaluate_dense` for seeds ``0 .. seeds-1`` (the random-init
    backbone and the pixel sample change with the seed), with mean and
    standard deviation of the mIoU and of each class's IoU."""
    runs = []
    for seed in range(seeds):
        runs.append(evaluate_dense(config, checkpoint, data_root, seed=seed,
                                   **kwargs))
        print(f'seed {seed}: mIoU {runs[-1]["miou"]:.1f}', flush=True)
    mious = np.array([r['miou'] for r in runs])
    per_class = np.array([[v if v is not None else np.nan for v in r['iou']]
                          for r in runs])
    return dict(miou_mean=float(mious.mean()),
                miou_std=float(mious.std(ddof=1)) if seeds > 1 else 0.,
                iou_mean=[None if np.isnan(v) else float(v)
                          for v in np.nanmean(per_class, axis=0)],
                classes=runs[0]['classes'], seeds=seeds, runs=runs,
                **{k: runs[0][k] for k in ('config', 'checkpoint',
                                           'data_root', 'size', 'stride',
                                           'stages')})

"""Frozen-feature extraction from any mmssl / mmpretrain checkpoint."""
import os.path as osp
from typing import Optional, Tuple

import torch

from mmssl.models.algorithms import algorithm_cfg
from mmssl.registry import MODELS
from mmssl.utils.checkpoint_io import load_prefixed_state_dict


def build_backbone_from_checkpoint(backbone_cfg: dict,
                                   checkpoint: Optional[str],
                                   prefix: str = 'backbone.'):
    """Build ``backbone_cfg`` and load the ``prefix`` weights of a
    pretraining checkpoint; raises naming missing / unexpected keys."""
    from mmengine.model import revert_sync_batchnorm

    # feature extraction runs in one process: SyncBN cannot run there
    backbone = revert_sync_batchnorm(MODELS.build(backbone_cfg))
    if checkpoint is None:
        return backbone  # random initialisation
    sub = load_prefixed_state_dict(checkpoint, prefix)
    missing, unexpected = backbone.load_state_dict(sub, strict=False)
    if missing or unexpected:
        raise KeyError(f'checkpoint {checkpoint} does not match the backbone '
                       f'{backbone_cfg.get("type")}: missing {missing[:8]}, '
                       f'unexpected {unexpected[:8]}')
    return backbone


def _pooled(backbone, imgs):
    out = backbone(imgs)
    out = out[-1] if isinstance(out, (tuple, list)) else out
    return out.mean(dim=(2, 3)) if out.dim() == 4 else out


@torch.no_grad()
def extract_features(backbone, loader, device='cpu', bag_patches: int = 0,
                     seed: int = 0) -> Tuple[torch.Tensor, torch.Tensor]:
    """Global-average-pooled last-stage features and labels of a loader
    yielding ``(images, labels)`` already normalised.

    ``bag_patches > 0``: EMP-SSL's bag-of-patches feature instead, the mean
    over that many random 25%-area patches per image, each resized to the
    image size (patches drawn from a generator seeded with ``seed``).
    """
    from .bag_of_patches import bag_of_patches

    # mmpretrain's ResNet.train() returns None: no call chaining
    backbone.eval()
    backbone.to(device)
    generator = torch.Generator().manual_seed(seed)
    feats, labels = [], []
    for imgs, ys in loader:
        imgs = imgs.to(device)
        if bag_patches:
            out = bag_of_patches(lambda x: _pooled(backbone, x), imgs,
                                 bag_patches, imgs.shape[-1],
                                 generator=generator)
        else:
            out = _pooled(backbone, imgs)
        feats.append(out.cpu())
        labels.append(ys)
    if not feats:  # an empty shard of a tiny folder
        return torch.empty(0, 0), torch.empty(0, dtype=torch.long)
    return torch.cat(feats), torch.cat(labels)


def extract_folder_features(backbone, root: str, size: int,
                            batch_size: int = 256, workers: int = 2,
                            device='cpu', bag_patches: int = 0,
                            seed: int = 0,
                            preprocessing: Optional[dict] = None
                            ) -> Tuple[torch.Tensor, torch.Tensor]:
    """:func:`extract_features` of an image folder, split over the ranks of
    the default process group when there is one: rank r encodes images
    r, r + world, ...; every rank returns all features in folder order
    (whole-image features are the same as one process's)."""
    from mmengine.dist import all_gather_object, get_dist_info
    rank, world = get_dist_info()
    dataset = image_folder(root, size, **(preprocessing or {}))
    indices = list(range(rank, len(dataset), world))
    loader = torch.utils.data.DataLoader(
        torch.utils.data.Subset(dataset, indices), batch_size=batch_size,
        num_workers=workers)
    feats, labels = extract_features(backbone, loader, device, bag_patches,
                                     seed + rank)
    if world == 1:
        return feats, labels
    parts = [p for p in all_gather_object((indices, feats, labels))
             if len(p[0])]
    out = torch.empty(len(dataset), parts[0][1].shape[1])
    out_labels = torch.empty(len(dataset), dtype=torch.long)
    for idx, f, y in parts:
        out[idx], out_labels[idx] = f, y
    return out, out_labels


IMAGENET_MEAN = (123.675, 116.28, 103.53)
IMAGENET_STD = (58.395, 57.12, 57.375)


def preprocessing_of(cfg) -> dict:
    """The normalisation a model was trained with: ``mean``, ``std`` (0-255
    scale, in the order the model sees channels) and ``to_rgb`` from the
    config's ``model.data_preprocessor`` (or top-level
    ``data_preprocessor``)."""
    pre = dict(cfg.get('data_preprocessor') or {})
    pre.update(algorithm_cfg(cfg.model).get('data_preprocessor') or {})
    if 'mean' not in pre or 'std' not in pre:
        raise KeyError(f'{cfg.filename}: no data_preprocessor mean/std to '
                       'normalise evaluation images with')
    return dict(mean=tuple(pre['mean']), std=tuple(pre['std']),
                to_rgb=bool(pre.get('to_rgb', False)))


def backbone_of_config(config: str, checkpoint: Optional[str],
                       seed: int = 0,
                       out_indices: Optional[Tuple[int, ...]] = None):
    """``(backbone, preprocessing)`` of a pretraining config: its
    algorithm's backbone (``out_indices`` overriding the config's) with the
    ``checkpoint`` weights, or a random initialisation drawn from ``seed``
    when ``checkpoint`` is ``None``; and :func:`preprocessing_of` the
    config."""
    from mmengine.config import Config

    from mmssl.utils import register_all_modules
    register_all_modules(init_default_scope=False)
    cfg = Config.fromfile(config)
    backbone_cfg = algorithm_cfg(cfg.model).backbone.copy()
    if out_indices is not None:
        backbone_cfg['out_indices'] = tuple(out_indices)
    torch.manual_seed(seed)
    backbone = build_backbone_from_checkpoint(backbone_cfg, checkpoint)
    return backbone, preprocessing_of(cfg)


def image_folder(root: str, size: int, mean=IMAGENET_MEAN,
                 std=IMAGENET_STD, to_rgb: bool = True):
    """An ImageNet-style folder (``root/<class>/*.jpg``), resized and
    centre-cropped to ``size``, normalised as the model's data preprocessor
    does (``mean``/``std`` on the 0-255 scale; ``to_rgb=False``: the model
    was trained on BGR images, as cv2 loads them)."""
    import torchvision.transforms as T
    from torchvision.datasets import ImageFolder
    if not osp.isdir(root):
        raise FileNotFoundError(f'image folder {root} does not exist')
    steps = [T.Resize(size), T.CenterCrop(size), T.ToTensor()]
    if not to_rgb:
        steps.append(T.Lambda(lambda x: x.flip(0)))
    steps.append(T.Normalize([m / 255 for m in mean], [s / 255 for s in std]))
    return ImageFolder(root, T.Compose(steps))


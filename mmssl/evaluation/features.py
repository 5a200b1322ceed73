"""Frozen-feature extraction from any mmssl / mmpretrain checkpoint."""
import os.path as osp
from typing import Optional, Tuple

import torch

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


@torch.no_grad()
def extract_features(backbone, loader, device='cpu'
                     ) -> Tuple[torch.Tensor, torch.Tensor]:
    """Global-average-pooled last-stage features and labels of a loader
    yielding ``(images, labels)`` already normalised."""
    # mmpretrain's ResNet.train() returns None: no call chaining
    backbone.eval()
    backbone.to(device)
    feats, labels = [], []
    for imgs, ys in loader:
        out = backbone(imgs.to(device))
        out = out[-1] if isinstance(out, (tuple, list)) else out
        if out.dim() == 4:
            out = out.mean(dim=(2, 3))
        feats.append(out.cpu())
        labels.append(ys)
    return torch.cat(feats), torch.cat(labels)


def image_folder_loader(root: str, size: int, batch_size: int = 256,
                        workers: int = 2):
    """Loader of an ImageNet-style folder (``root/<class>/*.jpg``), resized
    and centre-cropped to ``size``, normalised with ImageNet statistics."""
    import torchvision.transforms as T
    from torchvision.datasets import ImageFolder
    if not osp.isdir(root):
        raise FileNotFoundError(f'image folder {root} does not exist')
    tf = T.Compose([
        T.Resize(size),
        T.CenterCrop(size),
        T.ToTensor(),
        T.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])
    ])
    return torch.utils.data.DataLoader(
        ImageFolder(root, tf), batch_size=batch_size, num_workers=workers)

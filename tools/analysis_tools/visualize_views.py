"""Render what a method's pipeline feeds the model, for inspection:
DetCon views with their masks, JigClu montages, EMP-SSL patches, any other
multi-view pipeline's views.

    python tools/analysis_tools/visualize_views.py CONFIG --num-images 4 \
        --out views.png [--cfg-options train_dataloader.dataset.data_root=...]
"""
import argparse

import numpy as np
import torch
from mmengine.config import Config, DictAction
from mmengine.dataset import default_collate
from mmengine.registry import DefaultScope

from mmssl.registry import DATASETS
from mmssl.utils import register_all_modules


def to_image(t: torch.Tensor) -> np.ndarray:
    """``(3, H, W)`` BGR uint8 tensor (pipeline output) -> RGB array."""
    return t.permute(1, 2, 0).numpy()[..., ::-1].astype(np.uint8)


def mask_overlay(img: np.ndarray, mask: np.ndarray) -> np.ndarray:
    rng = np.random.default_rng(0)
    palette = rng.integers(0, 255, (256, 3))
    palette[255] = 0  # ignored pixels
    return (0.5 * img + 0.5 * palette[mask]).astype(np.uint8)


def render(cfg, num_images):
    with DefaultScope.overwrite_default_scope(cfg.get('default_scope',
                                                      'mmssl')):
        dataset = DATASETS.build(cfg.train_dataloader.dataset)
        batch = default_collate([dataset[i] for i in range(num_images)])
    views, samples = batch['inputs'], batch['data_samples']
    rows = []
    if cfg.model.type == 'JigClu':
        from mmssl.models.utils import build_montages
        montages, _, _ = build_montages([v.float() for v in views],
                                        cfg.model.get('grid', 2))
        rows.append(('montages', [to_image(m) for m in montages]))
    for v, view in enumerate(views):
        imgs = [to_image(view[i]) for i in range(len(view))]
        if 'view_masks' in samples[0]:
            imgs = [mask_overlay(img, samples[i].view_masks[v].numpy())
                    for i, img in enumerate(imgs)]
        rows.append((f'view {v}', imgs))
    return rows


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('config')
    p.add_argument('--num-images', type=int, default=4)
    p.add_argument('--max-views', type=int, default=8)
    p.add_argument('--out', default='views.png')
    p.add_argument('--cfg-options', nargs='+', action=DictAction)
    args = p.parse_args()
    register_all_modules(init_default_scope=False)
    cfg = Config.fromfile(args.config)
    if args.cfg_options:
        cfg.merge_from_dict(args.cfg_options)
    rows = render(cfg, args.num_images)[:args.max_views + 1]
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    cols = max(len(imgs) for _, imgs in rows)
    fig, axes = plt.subplots(len(rows), cols,
                             figsize=(2 * cols, 2 * len(rows)), squeeze=False)
    for r, (name, imgs) in enumerate(rows):
        for c in range(cols):
            ax = axes[r][c]
            ax.axis('off')
            if c < len(imgs):
                ax.imshow(imgs[c])
        axes[r][0].set_title(name, fontsize=8, loc='left')
    fig.tight_layout()
    fig.savefig(args.out, dpi=80)
    print(f'wrote {args.out}')


if __name__ == '__main__':
    main()

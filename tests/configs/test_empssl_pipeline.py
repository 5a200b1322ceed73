import numpy as np
import os.path as osp
from mmengine.config import Config
from mmengine.dataset import Compose

REPO = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))


def test_empssl_pipeline_gives_n_independent_32px_patches():
    cfg = Config.fromfile(osp.join(
        REPO, 'configs/empssl/empssl_r18_1xb100-20p-1e_cifar10.py'))
    from mmengine.registry import DefaultScope
    rng = np.random.default_rng(0)
    img = rng.integers(0, 255, (64, 64, 3), dtype=np.uint8)
    with DefaultScope.overwrite_default_scope('mmssl'):
        pipeline = Compose(cfg.train_pipeline[1:])
        out = pipeline(dict(img=img, img_shape=(64, 64), ori_shape=(64, 64)))
    patches = out['inputs']
    assert len(patches) == cfg.num_patches == 20
    assert all(tuple(p.shape) == (3, 32, 32) for p in patches)
    # each patch has its own crop / augmentation
    assert len({p.numpy().tobytes() for p in patches}) == 20
    crop = cfg.patch_pipeline[0]
    assert crop.crop_ratio_range == (0.25, 0.25)
    assert crop.aspect_ratio_range == (1., 1.)


def test_200_patch_config_bounds_memory_with_micro_batches():
    cfg = Config.fromfile(osp.join(
        REPO, 'configs/empssl/empssl_r18_1xb100-200p-1e_cifar10.py'))
    assert cfg.train_pipeline[1].num_views == 200
    assert cfg.model.micro_batch == 2000
    assert cfg.train_dataloader.batch_size == 100

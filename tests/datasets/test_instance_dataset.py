import os.path as osp

import numpy as np
import pytest
import torch
from mmengine.dataset import DefaultSampler, pseudo_collate
from PIL import Image

from mmssl.registry import DATASETS


def make_images(root, n=7):
    folder = osp.join(root, 'imgs')
    import os
    os.makedirs(folder)
    rng = np.random.default_rng(0)
    for i in range(n):
        Image.fromarray(rng.integers(0, 255, (12, 12, 3), dtype=np.uint8)
                        ).save(osp.join(folder, f'{i:03d}.png'))
    return folder


def dataset_cfg(root, extra=()):
    return dict(
        type='InstanceIdDataset',
        dataset=dict(
            type='mmpretrain.CustomDataset', data_root=root,
            data_prefix='imgs', with_label=False,
            pipeline=[
                dict(type='mmpretrain.LoadImageFromFile'), *extra,
                dict(type='mmpretrain.PackInputs',
                     algorithm_keys=['instance_id'],
                     meta_keys=['img_path'])
            ]))


def path_to_id(dataset, indices, num_workers=0):
    loader = torch.utils.data.DataLoader(
        torch.utils.data.Subset(dataset, list(indices)), batch_size=3,
        num_workers=num_workers, collate_fn=pseudo_collate)
    out = {}
    for batch in loader:
        for ds in batch['data_samples']:
            out[osp.basename(ds.img_path)] = int(ds.instance_id)
    return out


def test_ids_are_stable_over_shuffles_workers_ranks_and_rebuilds(tmp_path):
    make_images(str(tmp_path))
    dataset = DATASETS.build(dataset_cfg(str(tmp_path)))
    assert len(dataset) == 7
    expected = {f'{i:03d}.png': i for i in range(7)}
    for epoch in range(2):
        sampler = DefaultSampler(dataset, shuffle=True, seed=5)
        sampler.set_epoch(epoch)
        order = list(sampler)
        assert order != sorted(order)  # really shuffled
        assert path_to_id(dataset, order) == expected
    assert path_to_id(dataset, range(7), num_workers=2) == expected
    # two ranks see disjoint parts, with the same id for the same image
    seen = {}
    for rank in range(2):
        sampler = DefaultSampler(dataset, shuffle=True, seed=5)
        sampler.rank, sampler.world_size = rank, 2
        sampler.num_samples = 4
        sampler.total_size = 8
        seen.update(path_to_id(dataset, list(sampler)))
    assert seen == expected
    # a resumed run rebuilds the dataset: same ids
    rebuilt = DATASETS.build(dataset_cfg(str(tmp_path)))
    assert path_to_id(rebuilt, [6, 0, 3]) == {
        '006.png': 6, '000.png': 0, '003.png': 3}


def test_dropped_sample_is_an_error_naming_the_file(tmp_path):
    make_images(str(tmp_path), n=2)
    dataset = DATASETS.build(
        dataset_cfg(str(tmp_path),
                    extra=[dict(type='mmpretrain.RandomResizedCrop',
                                scale=8)]))
    dataset.dataset.pipeline.transforms.insert(1, lambda results: None)
    with pytest.raises(RuntimeError, match='001.png'):
        dataset[1]

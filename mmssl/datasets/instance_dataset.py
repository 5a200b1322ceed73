import copy
from typing import List

import torch
from mmengine.dataset import BaseDataset

from mmssl.registry import DATASETS


@DATASETS.register_module()
class InstanceIdDataset:
    """Give every image its index in ``dataset`` as its instance label
    (``results['instance_id']``), for parametric instance classification.

    The id is the position in the wrapped dataset's fixed, sorted list of
    samples, so it does not depend on the sampler, rank, worker, epoch or a
    resume. The wrapper runs the wrapped dataset's pipeline itself and never
    substitutes another image for one whose pipeline returns ``None`` (the
    base dataset's retry would give that image another image's label).

    Args:
        dataset: config or instance of any MMEngine ``BaseDataset`` (e.g.
            mmpretrain's ``ImageNet`` / ``CustomDataset``, mmdet's
            ``CocoDataset``); its ``pipeline`` must end with
            ``PackInputs(algorithm_keys=['instance_id'])``.
    """

    def __init__(self, dataset, lazy_init: bool = False) -> None:
        self.dataset = (dataset if isinstance(dataset, BaseDataset) else
                        DATASETS.build(dataset))
        self.metainfo = copy.deepcopy(self.dataset.metainfo)
        self._fully_initialized = False
        if not lazy_init:
            self.full_init()

    def full_init(self) -> None:
        if not self._fully_initialized:
            self.dataset.full_init()
            self._fully_initialized = True

    def __len__(self) -> int:
        self.full_init()
        return len(self.dataset)

    def get_data_info(self, idx: int) -> dict:
        info = self.dataset.get_data_info(idx)
        info['instance_id'] = idx
        return info

    def __getitem__(self, idx: int):
        self.full_init()
        info = self.get_data_info(idx)
        data = self.dataset.pipeline(info)
        if data is None:
            raise RuntimeError(
                f'InstanceIdDataset: the pipeline dropped sample {idx} '
                f'({info.get("img_path", "?")}); instance labels cannot skip '
                'images: fix or remove the file and rebuild the list')
        return data


def instance_ids(data_samples: List, device) -> torch.Tensor:
    """``(B, )`` instance ids of a batch's data samples, named error when
    the dataset is not wrapped in :class:`InstanceIdDataset`."""
    if any('instance_id' not in ds for ds in data_samples):
        raise KeyError('the instance classifier needs each sample\'s index: '
                       "wrap the dataset in InstanceIdDataset and pack it "
                       "with PackInputs(algorithm_keys=['instance_id'])")
    return torch.as_tensor([int(ds.instance_id) for ds in data_samples],
                           device=device)

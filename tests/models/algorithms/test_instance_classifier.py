import pytest
import torch
import torch.nn.functional as F
from mmpretrain.structures import DataSample

from mmssl.models import InstanceClassifier


def small_instance_classifier(n=7, seed=0):
    """ResNet-18 -> 8-d MLP -> an n-way sharded classifier (one process)."""
    torch.manual_seed(seed)
    return InstanceClassifier(
        backbone=dict(type='mmpretrain.ResNet', depth=18, out_indices=(3, )),
        neck=dict(type='mmpretrain.NonLinearNeck', in_channels=512,
                  hid_channels=32, out_channels=8, with_avg_pool=True),
        head=dict(type='ShardedInstanceClassifierHead', num_classes=n,
                  in_channels=8, num_hard_classes=2),
        data_preprocessor=dict(type='mmpretrain.SelfSupDataPreprocessor',
                               mean=[128.] * 3, std=[64.] * 3))


def _samples(ids):
    return [DataSample(metainfo=dict(instance_id=i)) for i in ids]


def test_loss_classifies_the_normalised_embedding_by_instance_id():
    model = small_instance_classifier().eval()
    img = torch.randn(3, 3, 32, 32)
    ids = [4, 0, 6]
    loss = model.loss([img], _samples(ids))
    embedding = F.normalize(model.neck(model.backbone(img))[0], dim=1)
    expected = model.head.loss(embedding, torch.tensor(ids))
    assert set(loss) == set(expected)
    for key in loss:
        torch.testing.assert_close(loss[key], expected[key])
    # a plain batch (not a list of views) is the same first view
    torch.testing.assert_close(model.loss(img, _samples(ids))['loss'],
                               loss['loss'])
    # the instance ids are the targets: other ids, another loss
    assert not torch.allclose(model.loss([img], _samples([1, 2, 3]))['loss'],
                              loss['loss'])


def test_ddp_ignores_the_sharded_classifier_and_ids_are_required():
    model = small_instance_classifier()
    ignored = model._ddp_params_and_buffers_to_ignore
    names = dict(model.named_parameters()) | dict(model.named_buffers())
    assert 'head.weight' in ignored and all(n in names for n in ignored)
    with pytest.raises(KeyError, match='InstanceIdDataset'):
        model.loss([torch.randn(2, 3, 32, 32)], [DataSample()] * 2)

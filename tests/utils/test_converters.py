import pickle

import pytest
import torch
import torchvision

from mmssl.registry import MODELS
from mmssl.utils.converters import extract_backbone


@pytest.fixture
def ckpt(tmp_path):
    torch.manual_seed(0)
    backbone = MODELS.build(dict(type='ResNet', depth=18))
    state = {f'backbone.{k}': v for k, v in backbone.state_dict().items()}
    state['neck.fc0.weight'] = torch.zeros(2, 2)
    path = tmp_path / 'pretrain.pth'
    torch.save(dict(state_dict=state, meta={}), path)
    return path, backbone.state_dict()


def test_torchvision_format_loads_into_torchvision(ckpt, tmp_path):
    path, ref = ckpt
    out = tmp_path / 'tv.pth'
    extract_backbone(str(path), str(out), 'torchvision')
    model = torchvision.models.resnet18()
    missing, unexpected = model.load_state_dict(torch.load(out),
                                                strict=False)
    assert sorted(missing) == ['fc.bias', 'fc.weight'] and not unexpected
    torch.testing.assert_close(model.layer3[1].bn2.running_var,
                               ref['layer3.1.bn2.running_var'])
    torch.testing.assert_close(model.layer2[0].downsample[0].weight,
                               ref['layer2.0.downsample.0.weight'])


def test_detectron2_names(ckpt, tmp_path):
    path, ref = ckpt
    out = tmp_path / 'd2.pkl'
    extract_backbone(str(path), str(out), 'detectron2')
    data = pickle.load(open(out, 'rb'))
    assert data['matching_heuristics'] is True
    model = data['model']
    expected = {
        'stem.conv1.weight': 'conv1.weight',
        'stem.conv1.norm.running_mean': 'bn1.running_mean',
        'res2.0.conv2.norm.weight': 'layer1.0.bn2.weight',
        'res3.0.shortcut.weight': 'layer2.0.downsample.0.weight',
        'res5.1.conv1.weight': 'layer4.1.conv1.weight',
        'res4.0.shortcut.norm.bias': 'layer3.0.downsample.1.bias',
    }
    for d2, ours in expected.items():
        assert (model[d2] == ref[ours].numpy()).all(), d2
    assert not any('num_batches_tracked' in k for k in model)
    assert len(model) == sum('num_batches_tracked' not in k for k in ref)


def test_wrong_prefix_and_non_resnet_are_named(ckpt, tmp_path):
    path, _ = ckpt
    with pytest.raises(KeyError, match='prefix'):
        extract_backbone(str(path), str(tmp_path / 'x'), prefix='encoder.')
    bad = tmp_path / 'vit.pth'
    torch.save(dict(state_dict={'backbone.patch_embed.weight':
                                torch.zeros(1)}), bad)
    with pytest.raises(KeyError, match='patch_embed'):
        extract_backbone(str(bad), str(tmp_path / 'y'), 'torchvision')

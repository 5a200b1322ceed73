import json
import os.path as osp

import pytest
import torch

from mmssl.benchmarks import transfer as run_transfer
from mmssl.registry import MODELS

CFG = osp.join(osp.dirname(__file__), '..', '..', 'configs', 'benchmarks',
               'mmdetection', 'demo', 'mask-rcnn_r18_fpn_1xb4-6e_demo.py')


def save(tmp_path, state):
    path = tmp_path / 'ckpt.pth'
    torch.save(dict(state_dict=state), path)
    return str(path)


def test_pretraining_checkpoint_matches_mmdet_backbone(tmp_path):
    # an mmpretrain ResNet-18 (what every mmssl method trains) must load
    # into mmdet's ResNet-18 key for key
    backbone = MODELS.build(dict(type='ResNet', depth=18))
    state = {f'backbone.{k}': v for k, v in backbone.state_dict().items()}
    state['neck.projector.fc0.weight'] = torch.zeros(1)
    assert run_transfer.check_backbone(CFG, save(tmp_path, state)) == \
        len(backbone.state_dict())


def test_mismatched_checkpoint_is_named(tmp_path):
    backbone = MODELS.build(dict(type='ResNet', depth=50))
    state = {f'backbone.{k}': v for k, v in backbone.state_dict().items()}
    with pytest.raises(KeyError, match='does not match'):
        run_transfer.check_backbone(CFG, save(tmp_path, state))
    with pytest.raises(FileNotFoundError, match='nope.pth'):
        run_transfer.check_backbone(CFG, str(tmp_path / 'nope.pth'))


def test_fine_tune_and_test_refuses_empty_metrics(tmp_path, monkeypatch):
    # a detector that finds nothing writes {}: that must not pass as a result
    monkeypatch.setattr(run_transfer, 'run_train', lambda *a, **k: 'x.pth')

    def fake_test(config, ckpt, work_dir, out, options=()):
        with open(out, 'w') as f:
            json.dump({}, f)
    monkeypatch.setattr(run_transfer, 'run_test', fake_test)
    with pytest.raises(RuntimeError, match='no metrics'):
        run_transfer.fine_tune_and_test(CFG, None, str(tmp_path))


DET_CONFIGS = sorted(
    p for p in __import__('glob').glob(osp.join(
        osp.dirname(__file__), '..', '..', 'configs', 'benchmarks',
        'mmdetection', '**', '*.py'), recursive=True) if '_base_' not in p)
VOC_C4 = [p for p in DET_CONFIGS if 'r50-c4_24k_voc0712' in p][0]
COCO_C4 = [p for p in DET_CONFIGS if 'r50-c4_ms-1x_coco' in p][0]


def _strings(node, path=''):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _strings(v, f'{path}.{k}')
    elif isinstance(node, (list, tuple)):
        for i, v in enumerate(node):
            yield from _strings(v, f'{path}[{i}]')
    elif isinstance(node, str):
        yield path, node


@pytest.mark.parametrize('config', DET_CONFIGS,
                         ids=[osp.basename(p) for p in DET_CONFIGS])
def test_detector_weights_come_from_our_checkpoint_or_random_init(config):
    from mmengine.config import Config

    from mmssl.utils import pretrained_parts
    cfg = Config.fromfile(config)
    # our pretraining outputs live under work_dirs/; anything else (a URL,
    # a model-zoo or supervised checkpoint) would be foreign weights
    external = [(p, s) for p, s in _strings(cfg.model)
                if '://' in s or s.endswith(('.pth', '.pkl'))
                and not s.startswith('work_dirs/')]
    assert not external, external
    parts = pretrained_parts(cfg.model)
    assert 'backbone' in parts
    for part in parts.values():
        assert part.init_cfg.prefix == 'backbone.'
    if '-c4' in config:  # res5 lives in the RoI head and must load too
        assert set(parts) == {'backbone', 'roi_head.shared_head'}
        assert parts['roi_head.shared_head'].type == 'ResLayerExtraNorm'
    options = run_transfer.init_options(config, '/x.pth')
    assert options == [f'model.{p}.init_cfg.checkpoint=/x.pth'
                       for p in parts]
    assert run_transfer.init_options(config, None) == [
        f'model.{p}.init_cfg=None' for p in parts]


@pytest.mark.parametrize('config', [VOC_C4, COCO_C4],
                         ids=['voc0712', 'coco'])
def test_c4_detector_loads_res2_to_res5_from_the_checkpoint(config,
                                                             tmp_path):
    from mmengine.config import Config
    from mmengine.logging import MMLogger
    from mmengine.registry import DefaultScope
    from mmdet.registry import MODELS as DET_MODELS

    from mmssl.engine.hooks import PretrainedBackboneCheckHook
    torch.manual_seed(0)
    resnet = MODELS.build(dict(type='ResNet', depth=50))
    state = {f'backbone.{k}': v for k, v in resnet.state_dict().items()}
    ckpt = save(tmp_path, state)
    # the key check accepts a whole R50 (it refused layer4.* before)
    assert run_transfer.check_backbone(config, ckpt) == len(state)
    cfg = Config.fromfile(config)
    cfg.merge_from_dict(dict(
        o.split('=') for o in run_transfer.init_options(config, ckpt)))
    with DefaultScope.overwrite_default_scope('mmdet'):
        detector = DET_MODELS.build(cfg.model)
    detector.init_weights()
    loaded = {**detector.backbone.state_dict(),
              **detector.roi_head.shared_head.state_dict()}
    for key, value in resnet.state_dict().items():
        assert torch.equal(loaded[key], value), key
    norm = detector.roi_head.shared_head.norm
    assert torch.equal(norm.weight, torch.ones(2048))
    hook = PretrainedBackboneCheckHook()
    runner = __import__('types').SimpleNamespace(
        cfg=cfg, model=detector, logger=MMLogger.get_instance('c4'))
    hook.before_train(runner)
    # res5 left at random (as the old config did offline) is caught
    with torch.no_grad():
        detector.roi_head.shared_head.layer4[0].conv1.weight.add_(1)
    with pytest.raises(KeyError, match=r'not loaded.*layer4.0.conv1'):
        hook.before_train(runner)


def test_cifar_stem_checkpoint_gets_a_plain_message(tmp_path):
    cifar = MODELS.build(dict(type='ResNet_CIFAR', depth=18))
    state = {f'backbone.{k}': v for k, v in cifar.state_dict().items()}
    with pytest.raises(KeyError, match='CIFAR-stem ResNet'):
        run_transfer.check_backbone(CFG, save(tmp_path, state))


def test_seeds_are_run_recorded_and_summarised(tmp_path, monkeypatch):
    calls = []

    def fake_fine_tune(config, checkpoint, work_dir, data_options=(),
                       options=(), reuse=True, **kwargs):
        seed = int(options[-1].split('=')[1])
        calls.append((checkpoint, work_dir, options[-1], reuse))
        return {'coco/bbox_mAP': 0.1 * (seed + 1),
                'coco/bbox_mAP_copypaste': 'x'}
    monkeypatch.setattr(run_transfer, 'fine_tune_and_test', fake_fine_tune)
    results = tmp_path / 'r.jsonl'
    record = run_transfer.run_transfer(CFG, None, str(tmp_path / 'w'),
                                       str(results), seeds=3)
    assert [c[2] for c in calls] == [f'randomness.seed={s}'
                                     for s in range(3)]
    assert [osp.basename(c[1]) for c in calls] == ['seed0', 'seed1', 'seed2']
    assert all(c[0] is None for c in calls)  # random init: no checkpoint
    assert not any(c[3] for c in calls)  # every seed trains anew
    summary = record['summary']['coco/bbox_mAP']
    assert summary['mean'] == pytest.approx(0.2)
    assert summary['std'] == pytest.approx(0.1)
    assert 'coco/bbox_mAP_copypaste' not in record['summary']
    assert json.loads(results.read_text())['seeds'] == 3

import json
import os.path as osp

import cv2
import numpy as np
import pytest
import torch

from mmssl.evaluation.dense_probe import (dense_linear_probe, grid_labels,
                                          miou, semantic_maps)

PENNFUDAN = osp.join(osp.dirname(__file__), '..', '..', '..', 'shared',
                     'data', 'pennfudan')


def _coco(tmp_path):
    (tmp_path / 'images').mkdir()
    cv2.imwrite(str(tmp_path / 'images' / 'a.png'),
                np.full((40, 80, 3), 100, np.uint8))
    ann = dict(
        images=[dict(id=1, file_name='a.png', height=40, width=80)],
        annotations=[
            # a big 'cat' box on the left, a small 'dog' inside it
            dict(id=1, image_id=1, category_id=7, area=800., iscrowd=0,
                 segmentation=[[0, 0, 40, 0, 40, 40, 0, 40]]),
            dict(id=2, image_id=1, category_id=3, area=100., iscrowd=0,
                 segmentation=[[10, 10, 20, 10, 20, 20, 10, 20]])],
        categories=[dict(id=3, name='dog'), dict(id=7, name='cat')])
    path = tmp_path / 'ann.json'
    path.write_text(json.dumps(ann))
    return str(path), str(tmp_path / 'images')


def test_semantic_maps_paint_categories_small_over_large(tmp_path):
    ann, img_dir = _coco(tmp_path)
    imgs, labels, names = semantic_maps(ann, img_dir, size=40)
    assert imgs.shape == (1, 40, 40, 3) and labels.shape == (1, 40, 40)
    assert names == ['background', 'dog', 'cat']
    # x is squeezed by 2: the cat covers columns 0-19, the dog 5-9 of 10-19
    assert labels[0, 30, 2] == 2 and labels[0, 15, 7] == 1
    assert labels[0, 20, 30] == 0
    assert set(np.unique(labels)) == {0, 1, 2}


def test_miou_by_hand():
    target = torch.tensor([0, 0, 1, 1, 2, 2])
    pred = torch.tensor([0, 1, 1, 1, 2, 0])
    scores = miou(pred, target, num_classes=4)
    # class 0: 1/3, class 1: 2/3, class 2: 1/2, class 3 absent
    assert scores['iou'][3] is None
    assert scores['miou'] == pytest.approx(100 * (1 / 3 + 2 / 3 + 1 / 2) / 3)


def _labels(n=6, grid=8, seed=0):
    g = torch.Generator().manual_seed(seed)
    labels = torch.zeros(n, grid, grid, dtype=torch.long)
    for i in range(n):
        r, c = torch.randint(0, grid - 3, (2, ), generator=g)
        labels[i, r:r + 3, c:c + 3] = 1 + i % 2
    return labels


def test_features_that_encode_the_label_reach_100():
    train, val = _labels(seed=0), _labels(seed=1)
    onehot = [torch.nn.functional.one_hot(y, 3).permute(0, 3, 1, 2).float()
              for y in (train, val)]
    noise = [torch.randn(len(y), 5, 8, 8) for y in (train, val)]
    feats = [torch.cat([o, n], dim=1) for o, n in zip(onehot, noise)]
    result = dense_linear_probe(feats[0], train, feats[1], val, 3)
    assert result['miou'] == 100.0


def test_constant_features_give_the_background_only_score():
    train, val = _labels(seed=0), _labels(seed=1)
    const = [torch.ones(len(y), 4, 8, 8) for y in (train, val)]
    result = dense_linear_probe(const[0], train, const[1], val, 3)
    background = float((val == 0).float().mean()) * 100
    present = len(torch.unique(val))
    assert result['iou'][0] == pytest.approx(background)
    assert result['miou'] == pytest.approx(background / present)


def test_grid_labels_sample_cell_centres():
    labels = np.arange(64).reshape(1, 8, 8)
    assert grid_labels(labels, 4).tolist() == [[[18, 22], [50, 54]]]


@pytest.mark.skipif(not osp.isdir(PENNFUDAN),
                    reason='../shared/data/pennfudan is absent')
def test_random_resnet18_on_pennfudan_is_above_background_only(tmp_path):
    from mmssl.evaluation.dense_probe import evaluate_dense
    config = osp.join(osp.dirname(__file__), '..', '..', 'configs', 'detcon',
                      'detconb_r18_1xb32-200e_coco128.py')
    result = evaluate_dense(config, None, PENNFUDAN, size=96, stride=8,
                            max_pixels=20000)
    assert result['classes'] == ['background', 'person']
    # background-only would score IoU(person) = 0 and mIoU = bg / 2 < 50
    assert result['iou'][1] > 5 and 40 < result['miou'] < 95

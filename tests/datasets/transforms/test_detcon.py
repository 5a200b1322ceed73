import os.path as osp

import cv2
import numpy as np
import pytest
import torch

from mmssl.registry import TRANSFORMS


def striped_image(h=96, w=128):
    """Mask ids are vertical/horizontal bands; the image's red channel
    encodes the id (id * 40), so alignment can be read off the pixels."""
    yy, xx = np.mgrid[0:h, 0:w]
    mask = ((xx // 32) + 4 * (yy // 48)).astype(np.uint8)  # 8 ids
    img = np.zeros((h, w, 3), np.uint8)
    img[..., 2] = mask * 30  # BGR: red channel
    img[..., 0] = (xx * 2).astype(np.uint8)  # asymmetric in x
    return img, mask


def agreement(results):
    ids_from_img = np.round(results['img'][..., 2] / 30.0)
    return (ids_from_img == results['gt_seg_map']).mean()


@pytest.mark.parametrize('seed', range(5))
def test_mask_follows_image_under_crop_and_flip(seed):
    np.random.seed(seed)
    img, mask = striped_image()
    pipeline = [
        TRANSFORMS.build(dict(type='MaskedRandomResizedCrop', scale=64,
                              crop_ratio_range=(0.2, 1.0),
                              interpolation='bicubic', backend='pillow')),
        TRANSFORMS.build(dict(type='RandomFlip', prob=1.0)),
    ]
    results = dict(img=img.copy(), gt_seg_map=mask.copy())
    for t in pipeline:
        results = t(results)
    assert results['img'].shape[:2] == (64, 64)
    assert results['gt_seg_map'].shape == (64, 64)
    assert results['gt_seg_map'].dtype == np.uint8
    # nearest-neighbour: no new ids appear
    assert set(np.unique(results['gt_seg_map'])) <= set(np.unique(mask))
    # only band borders (bicubic blur) may disagree
    assert agreement(results) > 0.9
    # the mask really was flipped with the image: unflipped disagrees
    unflipped = dict(img=results['img'],
                     gt_seg_map=results['gt_seg_map'][:, ::-1])
    if len(np.unique(results['gt_seg_map'] % 4)) > 1:
        assert agreement(unflipped) < agreement(results)


def test_crop_box_is_the_one_applied():
    np.random.seed(0)
    img, mask = striped_image()
    crop = TRANSFORMS.build(dict(type='MaskedRandomResizedCrop', scale=32,
                                 crop_ratio_range=(0.3, 0.5)))
    out = crop(dict(img=img, gt_seg_map=mask))
    x0, y0, x1, y1 = out['crop_box']
    expected = cv2.resize(mask[y0:y1 + 1, x0:x1 + 1], (32, 32),
                          interpolation=cv2.INTER_NEAREST)
    np.testing.assert_array_equal(out['gt_seg_map'], expected)


def test_multiview_keeps_one_mask_per_view():
    np.random.seed(1)
    img, mask = striped_image()
    view = [dict(type='MaskedRandomResizedCrop', scale=32),
            dict(type='RandomFlip', prob=0.5)]
    mv = TRANSFORMS.build(dict(type='MultiViewWithMasks', num_views=[1, 1],
                               transforms=[view, view]))
    out = mv(dict(img=img, gt_seg_map=mask))
    assert len(out['img']) == 2
    assert isinstance(out['view_masks'], torch.Tensor)
    assert out['view_masks'].shape == (2, 32, 32)
    assert 'gt_seg_map' not in out
    for v in range(2):
        assert agreement(dict(img=out['img'][v],
                              gt_seg_map=out['view_masks'][v].numpy())) > .9
    with pytest.raises(KeyError, match='LoadDetConMask'):
        mv(dict(img=img))


def test_load_mask_from_file_on_the_fly_and_errors(tmp_path):
    img, mask = striped_image()
    img_dir, mask_dir = tmp_path / 'imgs', tmp_path / 'masks'
    (img_dir / 'sub').mkdir(parents=True)
    (mask_dir / 'sub').mkdir(parents=True)
    img_path = str(img_dir / 'sub' / 'a.jpg')
    cv2.imwrite(img_path, img)
    cv2.imwrite(str(mask_dir / 'sub' / 'a.png'), mask)
    load = TRANSFORMS.build(dict(type='LoadDetConMask', method='grid',
                                 mask_dir=str(mask_dir),
                                 img_root=str(img_dir)))
    out = load(dict(img=img, img_path=img_path))
    np.testing.assert_array_equal(out['gt_seg_map'], mask)

    # without img_root the mask written for the dataset's prefix is found
    # (the layout generate_masks.py writes for a class-folder dataset)
    found = TRANSFORMS.build(dict(type='LoadDetConMask', method='grid',
                                  mask_dir=str(mask_dir)))
    out = found(dict(img=img, img_path=img_path))
    np.testing.assert_array_equal(out['gt_seg_map'], mask)

    # no file: an error naming the image, unless missing masks are allowed
    other = str(img_dir / 'b.jpg')
    with pytest.raises(FileNotFoundError, match=r'b\.jpg.*allow_missing'):
        load(dict(img=img, img_path=other))
    lenient = TRANSFORMS.build(dict(type='LoadDetConMask', method='grid',
                                    mask_dir=str(mask_dir),
                                    allow_missing=True))
    before = lenient.missing
    out = lenient(dict(img=img, img_path=other))
    assert len(np.unique(out['gt_seg_map'])) == 16  # grid 4x4, on the fly
    assert lenient.missing == before + 1

    # a mask of the wrong size names the file
    cv2.imwrite(str(mask_dir / 'sub' / 'a.png'), mask[:10])
    with pytest.raises(ValueError, match=r'a\.png.*shape'):
        load(dict(img=img, img_path=img_path))
    # a corrupt file names the file
    (mask_dir / 'sub' / 'a.png').write_bytes(b'not a png')
    with pytest.raises(ValueError, match=r'a\.png'):
        load(dict(img=img, img_path=img_path))
    with pytest.raises(ValueError, match='unknown method'):
        TRANSFORMS.build(dict(type='LoadDetConMask', method='kmeans'))
    # parameters of another method fail when the transform is built
    with pytest.raises(TypeError, match=r"\['scale'\].*'slic'"):
        TRANSFORMS.build(dict(type='LoadDetConMask', method='slic',
                              method_kwargs=dict(scale=100)))
    assert osp.exists(img_path)  # nothing was deleted


def test_masks_of_another_method_are_refused(tmp_path):
    import json
    mask_dir = tmp_path / 'masks'
    mask_dir.mkdir()
    (mask_dir / 'manifest-0of1.jsonl').write_text(json.dumps(dict(
        image='a.jpg', mask='a.png', method='felzenszwalb',
        params=dict(scale=1000, sigma=0.8, min_size=1000))) + '\n')
    img = np.zeros((8, 8, 3), np.uint8)
    cv2.imwrite(str(mask_dir / 'a.png'), np.zeros((8, 8), np.uint8))
    slic = TRANSFORMS.build(dict(type='LoadDetConMask', method='slic',
                                 mask_dir=str(mask_dir)))
    with pytest.raises(ValueError, match='holds felzenszwalb masks'):
        slic(dict(img=img, img_path=str(tmp_path / 'a.jpg')))
    same = TRANSFORMS.build(dict(type='LoadDetConMask', method='felzenszwalb',
                                 mask_dir=str(mask_dir)))
    assert same(dict(img=img, img_path=str(tmp_path / 'a.jpg')))[
        'gt_seg_map'].shape == (8, 8)


def _coco_file(tmp_path):
    import json
    ann = dict(
        images=[dict(id=1, file_name='a.jpg', height=20, width=30),
                dict(id=2, file_name='empty.jpg', height=20, width=30)],
        annotations=[
            dict(id=1, image_id=1, area=100., iscrowd=0, category_id=1,
                 segmentation=[[0, 0, 10, 0, 10, 10, 0, 10]]),
            dict(id=2, image_id=1, area=50., iscrowd=0, category_id=1,
                 segmentation=[[20, 10, 30, 10, 30, 15, 20, 15]])],
        categories=[dict(id=1, name='thing')])
    path = tmp_path / 'instances.json'
    path.write_text(json.dumps(ann))
    return str(path)


def test_coco_ground_truth_masks_on_the_fly(tmp_path):
    ann_file = _coco_file(tmp_path)
    load = TRANSFORMS.build(dict(type='LoadDetConMask', method='coco-gt',
                                 ann_file=ann_file))
    img = np.zeros((20, 30, 3), np.uint8)
    mask = load(dict(img=img, img_path='/d/train2017/a.jpg'))['gt_seg_map']
    # background, the 10x10 square and the 10x5 box, each its own id
    assert len(np.unique(mask)) == 3
    assert len(np.unique(mask[1:9, 1:9])) == 1
    assert len(np.unique(mask[11:14, 21:29])) == 1
    assert mask[1, 1] != mask[12, 25] != mask[18, 15] != mask[1, 1]
    # an image without annotations is all background
    empty = load(dict(img=img, img_path='/d/empty.jpg'))['gt_seg_map']
    assert len(np.unique(empty)) == 1
    with pytest.raises(KeyError, match='other.jpg is not an image of'):
        load(dict(img=img, img_path='/d/other.jpg'))
    with pytest.raises(ValueError, match="'coco-gt' needs ann_file"):
        TRANSFORMS.build(dict(type='LoadDetConMask', method='coco-gt'))
    with pytest.raises(TypeError, match='not parameters'):
        TRANSFORMS.build(dict(type='LoadDetConMask', method='coco-gt',
                              ann_file=ann_file,
                              method_kwargs=dict(scale=300)))


def test_a_three_line_child_config_switches_the_mask_source(tmp_path):
    from mmengine.config import Config
    root = osp.join(osp.dirname(__file__), '..', '..', '..', 'configs',
                    'detcon')
    child = Config.fromfile(osp.join(root, 'r50_coco_gt-masks.py'))
    base = Config.fromfile(osp.join(root, 'r50_coco.py'))
    code = [line for line in open(osp.join(root, 'r50_coco_gt-masks.py'))
            if line.strip() and not line.lstrip().startswith('#')]
    assert len(code) <= 6  # _base_, 3 statements over a few lines
    loader = child.train_dataloader.dataset.pipeline[1]
    assert base.train_dataloader.dataset.pipeline[1].method == 'felzenszwalb'
    assert loader.method == 'coco-gt' and loader.mask_dir is None
    load = TRANSFORMS.build(dict(loader, ann_file=_coco_file(tmp_path)))
    mask = load(dict(img=np.zeros((20, 30, 3), np.uint8),
                     img_path='/coco/train2017/a.jpg'))['gt_seg_map']
    assert len(np.unique(mask)) == 3

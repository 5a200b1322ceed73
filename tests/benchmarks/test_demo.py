"""The demo's table and its gain across seeds: random init beside DetCon-B,
gains paired by detector seed."""
import json

import pytest

from mmssl.benchmarks import demo


def _metrics(bbox, segm):
    out = {}
    for task, ap in (('bbox', bbox), ('segm', segm)):
        out.update({f'coco/{task}_mAP': ap, f'coco/{task}_mAP_50': ap + .2,
                    f'coco/{task}_mAP_75': ap - .1})
    return out


def test_table_has_both_rows_and_the_gain():
    text = demo.demo_table({'DetCon-B': _metrics(.403, .398),
                            'random init': _metrics(.362, .365)})
    lines = text.splitlines()
    assert lines[1].split() == ['DetCon-B', 'bbox', '40.3', '60.3', '30.3']
    assert lines[3].split()[:5] == ['random', 'init', 'bbox', '36.2', '56.2']
    assert lines[-1].endswith('bbox AP +4.1, segm AP +3.3')


def test_across_seeds_pairs_each_checkpoint_with_random_init_of_its_seed(
        tmp_path, monkeypatch):
    pretrained = []

    def fake_pretrain(work_dir, data_root, seed=0, epochs=None):
        pretrained.append(seed)
        return f'ckpt{seed}'

    def fake_fine_tune(work_dir, checkpoint, data_root, seed=0, epochs=None,
                       reuse=False):
        # random init: 0.30 + 0.02 seed; checkpoint k adds 0.04 + 0.01 k
        ap = .30 + .02 * seed
        if checkpoint:
            ap += .04 + .01 * int(checkpoint[-1])
        return _metrics(ap, ap - .01)

    monkeypatch.setattr(demo, '_pretrain', fake_pretrain)
    monkeypatch.setattr(demo, '_fine_tune', fake_fine_tune)
    monkeypatch.setattr(demo, '_make_data', lambda *a: None)
    monkeypatch.setattr(demo, 'project_root', lambda: str(tmp_path))
    result = demo.demo_across_seeds((0, 1), (0, 1, 2), out='seeds.json')
    assert pretrained == [0, 1]
    gains = result['paired_gain']['coco/bbox_mAP']['values']
    # the seed's own offset cancels: 4 points for checkpoint 0, 5 for 1
    assert gains == pytest.approx([4, 4, 4, 5, 5, 5])
    assert result['paired_gain']['coco/bbox_mAP']['mean'] == \
        pytest.approx(4.5)
    assert json.load(open(tmp_path / 'seeds.json'))['runs'][0]['init'] == \
        'random init'
    # the demo prints these measured figures under its table
    line = demo.spread_line(str(tmp_path / 'seeds.json'))
    # gains 4, 4, 4, 5, 5, 5: mean 4.5, sample std 0.548; random init
    # bbox 30, 32, 34: 32.0 ± 2.0, segm one point lower
    assert line.splitlines()[1].endswith(
        '6 pairs): gain bbox AP +4.5 ± 0.5, segm AP +4.5 ± 0.5')
    assert line.splitlines()[2] == ('random init alone: bbox AP 32.0 ± 2.0, '
                                    'segm AP 31.0 ± 2.0')
    assert demo.SPREAD_DOC in line


def test_spread_line_without_measurement_points_to_the_readme(tmp_path):
    line = demo.spread_line(str(tmp_path / 'absent.json'))
    assert line == ('one detector seed; the spread across seeds: '
                    + demo.SPREAD_DOC)

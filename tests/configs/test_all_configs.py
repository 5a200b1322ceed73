"""Every config in configs/ resolves and builds its model; leaves stay
diffs of their bases."""
import glob
import os.path as osp
import re

import pytest
from mmengine.config import Config

REPO = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
CONFIGS = sorted(
    p for p in glob.glob(osp.join(REPO, 'configs', '**', '*.py'),
                         recursive=True) if '_base_' not in p)
IDS = [osp.relpath(p, osp.join(REPO, 'configs')) for p in CONFIGS]


@pytest.fixture(autouse=True)
def _restore_default_scope():
    # building mmdet models leaves an 'mmdet' default scope behind, which
    # would make later tests build from mmdet's registries
    from mmengine.registry import DefaultScope
    saved = dict(DefaultScope._instance_dict)
    yield
    DefaultScope._instance_dict = saved


def _code_lines(path):
    return [line for line in open(path)
            if line.strip() and not line.strip().startswith('#')]


def _parent(path):
    """The config a leaf inherits from (a sibling or another method's
    config), or None for roots composed from _base_ / external files."""
    m = re.search(r"^_base_ = '(\.[^']+)'", open(path).read(), re.M)
    if not m or '_base_/' in m.group(1):
        return None
    return osp.normpath(osp.join(osp.dirname(path), m.group(1)))


def _load(path):
    """The config and its default scope, with that scope's modules
    registered."""
    cfg = Config.fromfile(path)
    scope = cfg.get('default_scope', 'mmssl')
    if scope == 'mmdet':
        from mmdet.utils import register_all_modules
        register_all_modules(init_default_scope=False)
    return cfg, scope


@pytest.mark.parametrize('path', CONFIGS, ids=IDS)
def test_config_builds_its_model(path):
    from mmengine.registry import DefaultScope
    cfg, scope = _load(path)
    if scope == 'mmdet':
        from mmdet.registry import MODELS
        cfg.model.backbone.init_cfg = None  # no checkpoint file here
    else:
        from mmssl.registry import MODELS
    model_cfg = cfg.model.copy()
    with DefaultScope.overwrite_default_scope(scope):
        model = MODELS.build(model_cfg)
    assert sum(p.numel() for p in model.parameters()) > 1e6


@pytest.mark.parametrize('path', CONFIGS, ids=IDS)
def test_default_hooks_build_in_the_config_scope(path):
    # as Runner.register_hooks does: MMEngine's root registry, under the
    # config's default scope (mmssl hooks must resolve from mmdet configs)
    import copy

    import mmssl.engine  # noqa: F401
    from mmengine.registry import HOOKS, DefaultScope
    cfg, scope = _load(path)
    with DefaultScope.overwrite_default_scope(scope):
        for name, hook in cfg.get('default_hooks', {}).items():
            if name == 'visualization':  # needs a Visualizer instance
                continue
            assert HOOKS.build(copy.deepcopy(hook)) is not None, name


@pytest.mark.parametrize('path', CONFIGS, ids=IDS)
def test_leaves_are_short_diffs_of_configs_not_demos(path):
    parent = _parent(path)
    if parent is None:
        return  # a root: paper settings composed from _base_ files
    assert len(_code_lines(path)) <= 40, f'{path}: a leaf over 40 lines'
    if '_demo' not in path:
        assert '_demo' not in parent, (
            f'{path} inherits the demo {parent}: editing a demo would '
            'silently change it')


def test_no_config_hard_codes_the_shared_data_folder():
    # one convention: data/<name>/ (README: link it to wherever it lives)
    for path in CONFIGS:
        assert not any('shared/data' in line for line in _code_lines(path)), \
            path

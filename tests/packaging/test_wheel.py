"""The wheel ships the package with configs, tools and model-index.yml
under mmssl/.mim (where mim finds them) and no tests; model-index.yml
lists every method config."""
import glob
import os.path as osp
import shutil
import subprocess
import sys
import zipfile

import yaml

REPO = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
METHODS = ('detcon', 'jigclu', 'instcls', 'empssl', 'bassl')


def test_model_index_lists_every_method_config():
    index = yaml.safe_load(open(osp.join(REPO, 'model-index.yml')))
    metafiles = sorted(index['Import'])
    assert metafiles == sorted(f'configs/{m}/metafile.yml' for m in METHODS)
    for metafile in metafiles:
        meta = yaml.safe_load(open(osp.join(REPO, metafile)))
        method = metafile.split('/')[1]
        listed = {m['Config'] for m in meta['Models']}
        on_disk = {osp.relpath(p, REPO) for p in
                   glob.glob(osp.join(REPO, 'configs', method, '*.py'))}
        assert listed == on_disk, metafile
        collection = meta['Collections'][0]
        assert osp.exists(osp.join(REPO, collection['README']))
        assert collection['Paper']['URL'].startswith('https://arxiv.org/')
        for model in meta['Models']:
            assert model['In Collection'] == collection['Name']
            assert model['Name'] == osp.splitext(
                osp.basename(model['Config']))[0]


def test_wheel_holds_package_configs_and_tools_not_tests(tmp_path):
    src = tmp_path / 'src'
    src.mkdir()
    for name in ('setup.py', 'README.md', 'LICENSE', 'model-index.yml'):
        shutil.copy(osp.join(REPO, name), src / name)
    for name in ('mmssl', 'configs', 'tools', 'requirements'):
        shutil.copytree(osp.join(REPO, name), src / name,
                        ignore=shutil.ignore_patterns('__pycache__', '.mim'))
    subprocess.run([sys.executable, '-m', 'pip', 'wheel', '-q', '--no-deps',
                    '--no-build-isolation', '-w', str(tmp_path / 'dist'),
                    str(src)], check=True, cwd=tmp_path)
    wheel = glob.glob(str(tmp_path / 'dist' / 'mmssl-*.whl'))[0]
    names = zipfile.ZipFile(wheel).namelist()
    assert 'mmssl/__init__.py' in names
    assert 'mmssl/.mim/configs/detcon/detconb_r50_8xb512-1000e_in1k.py' \
        in names
    assert 'mmssl/.mim/configs/bassl/metafile.yml' in names
    assert 'mmssl/.mim/tools/train.py' in names
    assert 'mmssl/.mim/model-index.yml' in names
    assert not [n for n in names if n.startswith('tests/')]
    assert any(n.endswith('LICENSE') for n in names)

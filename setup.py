import os
import os.path as osp
import shutil
import sys

from setuptools import find_packages, setup

MIM_FILES = ('configs', 'tools', 'model-index.yml', 'README.md', 'LICENSE')


def get_version():
    namespace = {}
    with open(osp.join('mmssl', 'version.py')) as f:
        exec(f.read(), namespace)
    return namespace['__version__']


def parse_requirements(path):
    with open(path) as f:
        lines = [line.split('#')[0].strip() for line in f]
    return [line for line in lines if line and not line.startswith('-')]


def add_mim_extension():
    """Put configs, tools and model-index.yml under ``mmssl/.mim`` (links
    for an editable install, copies for a wheel or a plain install), where
    OpenMMLab's ``mim`` looks for them: ``mim train mmssl CONFIG``,
    ``mim search mmssl``."""
    if 'develop' in sys.argv or any('editable' in a for a in sys.argv):
        mode = 'symlink'
    elif {'sdist', 'bdist_wheel', 'install', 'build', 'build_py'} & set(
            sys.argv):
        mode = 'copy'
    else:
        return
    root = osp.dirname(osp.abspath(__file__))
    mim = osp.join(root, 'mmssl', '.mim')
    os.makedirs(mim, exist_ok=True)
    for name in MIM_FILES:
        src, dst = osp.join(root, name), osp.join(mim, name)
        if not osp.exists(src):
            continue
        if osp.islink(dst) or osp.isfile(dst):
            os.remove(dst)
        elif osp.isdir(dst):
            shutil.rmtree(dst)
        if mode == 'symlink':
            os.symlink(osp.relpath(src, mim), dst)
        elif osp.isdir(src):
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns(
                '__pycache__', '*.pyc'))
        else:
            shutil.copyfile(src, dst)


add_mim_extension()
setup(
    name='mmssl',
    version=get_version(),
    description='Efficient self-supervised visual pretraining and its '
    'transfer to detection, on MMEngine / mmpretrain / mmdet',
    long_description=open('README.md').read() if osp.exists('README.md')
    else '',
    long_description_content_type='text/markdown',
    packages=find_packages(include=('mmssl', 'mmssl.*')),
    include_package_data=True,
    package_data={'mmssl': ['.mim/**/*', '.mim/*']},
    python_requires='>=3.11',
    # mmcv 2.1.0 with ops is built from source by tools/install.sh.
    install_requires=parse_requirements('requirements/runtime.txt'),
    extras_require=dict(tests=parse_requirements('requirements/tests.txt')),
    license='Apache License 2.0',
    zip_safe=False)

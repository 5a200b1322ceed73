import os.path as osp

from setuptools import find_packages, setup


def get_version():
    namespace = {}
    with open(osp.join('mmssl', 'version.py')) as f:
        exec(f.read(), namespace)
    return namespace['__version__']


def parse_requirements(path):
    with open(path) as f:
        lines = [line.split('#')[0].strip() for line in f]
    return [line for line in lines if line and not line.startswith('-')]


setup(
    name='mmssl',
    version=get_version(),
    description='Efficient self-supervised visual pretraining and its '
    'transfer to detection, on MMEngine / mmpretrain / mmdet',
    long_description=open('README.md').read() if osp.exists('README.md')
    else '',
    long_description_content_type='text/markdown',
    packages=find_packages(exclude=('configs', 'tools', 'tests')),
    include_package_data=True,
    python_requires='>=3.11',
    # mmcv 2.1.0 with ops is built from source by tools/install.sh.
    install_requires=parse_requirements('requirements/runtime.txt'),
    extras_require=dict(tests=parse_requirements('requirements/tests.txt')),
    license='Apache License 2.0',
    zip_safe=False)

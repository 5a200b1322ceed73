import os
import os.path as osp

import pytest

REPO = osp.dirname(osp.dirname(osp.abspath(__file__)))
SHARED_DATA = osp.join(osp.dirname(REPO), 'shared', 'data')


@pytest.fixture(scope='session', autouse=True)
def _mmssl_registered():
    from mmssl.utils import register_all_modules
    register_all_modules(init_default_scope=False)


def shared_data(name: str) -> str:
    """Path of a real-data folder in ../shared/data, or skip the test."""
    path = osp.join(os.environ.get('MMSSL_SHARED_DATA', SHARED_DATA), name)
    if not osp.isdir(path):
        pytest.skip(f'real data {path} is not available')
    return path

import glob
import os.path as osp
import py_compile

import pytest

REPO = osp.dirname(osp.dirname(osp.dirname(osp.abspath(__file__))))
SCRIPTS = sorted(glob.glob(osp.join(REPO, 'tools', '**', '*.py'),
                           recursive=True))


def test_there_are_tool_scripts():
    assert len(SCRIPTS) >= 15


@pytest.mark.parametrize('script', SCRIPTS,
                         ids=[osp.relpath(s, REPO) for s in SCRIPTS])
def test_tool_script_compiles(script, tmp_path):
    # benchmarks are not run by the suite: at least catch syntax errors
    py_compile.compile(script, cfile=str(tmp_path / 'x.pyc'), doraise=True)

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


def _top_level_names(path):
    import ast
    tree = ast.parse(open(path).read())
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets
                         if isinstance(t, ast.Name))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split('.')[0]
                         for a in node.names)
    return names


@pytest.mark.parametrize('script', SCRIPTS,
                         ids=[osp.relpath(s, REPO) for s in SCRIPTS])
def test_imports_from_sibling_scripts_exist(script):
    # the scripts import each other lazily (inside main): a renamed helper
    # would only fail when a benchmark runs, hours in
    import ast
    for node in ast.walk(ast.parse(open(script).read())):
        if not isinstance(node, ast.ImportFrom) or node.level:
            continue
        sibling = osp.join(osp.dirname(script), f'{node.module}.py')
        if node.module and osp.exists(sibling):
            missing = {a.name for a in node.names} - _top_level_names(sibling)
            assert not missing, f'{script} imports {missing} from {sibling}'

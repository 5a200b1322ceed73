import json


from mmssl.benchmarks.report import markdown_table, write_json


def test_markdown_table_and_json(tmp_path):
    text = markdown_table(['a', 'b', 'c'], [['x', 1.234, None], ['y', 2, 'z']])
    assert text.splitlines() == ['| a | b | c |', '|---|---|---|',
                                 '| x | 1.2 | – |', '| y | 2 | z |']
    path = write_json(str(tmp_path / 'd' / 'r.json'), meta=1, results=[2])
    assert json.load(open(path)) == dict(meta=1, results=[2])

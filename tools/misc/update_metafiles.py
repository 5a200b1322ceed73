"""Rewrite every ``configs/<method>/metafile.yml`` and ``model-index.yml``
from the configs on disk and the results in ``docs/benchmarks/`` (the
method suite, the transfer suite). Run it after adding a config or a
benchmark result. See ``mmssl.benchmarks.metafiles``.

    python tools/misc/update_metafiles.py
"""
import argparse

from mmssl.benchmarks.metafiles import write_metafiles

if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('--root', default='.', help='the repository root')
    a = p.parse_args()
    for path in write_metafiles(a.root):
        print(f'wrote {path}')

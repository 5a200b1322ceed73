"""Plot training curves from MMEngine's json scalar logs.

    python tools/analysis_tools/plot_logs.py \
        work_dirs/a/*/vis_data/scalars.json \
        work_dirs/b/*/vis_data/scalars.json \
        --keys loss knn/top1 --out curves.png

Each file is one run (legend: its work dir); each key one panel, against
the iteration (``step``).
"""
import argparse
import os.path as osp

from mmssl.utils.logs import read_scalars


def run_name(path):
    parts = osp.abspath(path).split(osp.sep)
    return parts[-4] if len(parts) >= 4 and parts[-2] == 'vis_data' else path


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument('logs', nargs='+')
    p.add_argument('--keys', nargs='+', default=['loss'])
    p.add_argument('--out', default='curves.png')
    args = p.parse_args()
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    runs = {run_name(path): read_scalars(path) for path in args.logs}
    fig, axes = plt.subplots(1, len(args.keys),
                             figsize=(5 * len(args.keys), 3.5), squeeze=False)
    for ax, key in zip(axes[0], args.keys):
        found = False
        for name, series in runs.items():
            if key in series:
                ax.plot(*series[key], label=name)
                found = True
        if not found:
            raise KeyError(f'no log has the key {key!r}; keys of the first '
                           f'log: {sorted(next(iter(runs.values())))}')
        ax.set_xlabel('iteration')
        ax.set_title(key)
        ax.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(args.out, dpi=100)
    print(f'wrote {args.out}')


if __name__ == '__main__':
    main()

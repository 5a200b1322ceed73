"""Plot training curves from MMEngine's json scalar logs.

    python tools/analysis_tools/plot_logs.py \
        work_dirs/a/*/vis_data/scalars.json work_dirs/b/*/vis_data/scalars.json \
        --keys loss knn/top1 --out curves.png

Each file is one run (legend: its work dir); each key one panel, against
the iteration (``step``).
"""
import argparse
import json
import os.path as osp


def read_scalars(path):
    """``{key: ([steps], [values])}`` of one ``scalars.json`` file."""
    series = {}
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                raise ValueError(f'{path}:{n} is not json: {e}') from None
            step = record.get('step', record.get('iter'))
            for key, value in record.items():
                if isinstance(value, (int, float)) and key not in (
                        'step', 'iter', 'epoch'):
                    xs, ys = series.setdefault(key, ([], []))
                    xs.append(step)
                    ys.append(value)
    return series


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

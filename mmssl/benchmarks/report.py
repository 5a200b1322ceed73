"""The epilogue of every benchmark: JSON, a markdown table and plots."""
import json
import os
import os.path as osp
from typing import Dict, List, Sequence


def write_json(path: str, **content) -> str:
    os.makedirs(osp.dirname(osp.abspath(path)), exist_ok=True)
    with open(path, 'w') as f:
        json.dump(content, f, indent=2)
    return path


def mean_std(values: Sequence[float]) -> Dict[str, float]:
    """Mean and sample standard deviation (ddof 1; 0 for one value) of the
    runs behind a reported figure."""
    import statistics
    return dict(mean=statistics.fmean(values),
                std=statistics.stdev(values) if len(values) > 1 else 0.)


def markdown_table(header: Sequence[str], rows: List[Sequence]) -> str:
    """Rows of cells (floats printed with one decimal, None as '–')."""
    def cell(v):
        if v is None:
            return '–'
        return f'{v:.1f}' if isinstance(v, float) else str(v)
    lines = ['| ' + ' | '.join(header) + ' |', '|---' * len(header) + '|']
    lines += ['| ' + ' | '.join(cell(v) for v in row) + ' |' for row in rows]
    return '\n'.join(lines) + '\n'


def write_markdown(path: str, text: str) -> str:
    with open(path, 'w') as f:
        f.write(text)
    print(text, flush=True)
    return path


def _pyplot():
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    return plt


def bar_panels(path: str, panels: Dict[str, Dict[str, float]], title: str,
               highlight: str = 'random init') -> str:
    """One bar chart per panel (``{panel title: {bar: value}}``); the bar
    named ``highlight`` is grey."""
    plt = _pyplot()
    fig, axes = plt.subplots(1, len(panels),
                             figsize=(3.4 * len(panels) + 1, 3.6),
                             squeeze=False)
    for ax, (name, bars) in zip(axes[0], panels.items()):
        ax.bar(list(bars), list(bars.values()),
               color=['grey' if b == highlight else f'C{i}'
                      for i, b in enumerate(bars)])
        ax.set_title(name, fontsize=9)
        ax.tick_params(axis='x', labelrotation=60, labelsize=8)
    fig.suptitle(title, fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path

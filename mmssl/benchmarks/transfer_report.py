"""Table and plots of the transfer suite's records
(:mod:`.transfer_suite`): every metric as mean ± std over all its runs,
with the gap to random init."""
import statistics
import textwrap
from typing import Dict, List, Optional, Sequence

from .report import _pyplot, mean_std, write_markdown

# (task, metric, column title)
COLUMNS = (
    ('dense-pennfudan', 'miou', 'dense probe Penn-Fudan mIoU'),
    ('dense-coco128', 'miou', 'dense probe coco128 mIoU'),
    ('raccoon', 'pascal_voc/AP50', 'raccoon AP50'),
    ('pennfudan', 'coco/bbox_mAP', 'Penn-Fudan bbox AP'),
    ('pennfudan', 'coco/segm_mAP', 'Penn-Fudan segm AP'),
)


def final_values(records: List[dict], entry: str, task: str, metric: str,
                 budget: float) -> List[float]:
    """The samples of the metric of ``entry`` at the end of its budget:
    random init, one per initialisation; fine-tuning, one per run
    (pretraining x fine-tuning seeds); dense probes of a pretrained entry,
    one per pretraining seed (the mean over its pixel samples, which only
    move the mIoU by hundredths and are not independent draws)."""
    from .transfer_suite import RANDOM, TASKS, entry_budget
    final = entry_budget(entry, budget)  # random init: budget and mark 0
    runs = [r for r in records
            if r['entry'] == entry and r['task'] == task and metric in r
            and r['budget'] == final and r['mark'] == final]
    if entry == RANDOM or TASKS[task]['kind'] != 'dense':
        return [r[metric] for r in runs]
    by_seed = {}
    for r in runs:
        by_seed.setdefault(r['pretrain_seed'], []).append(r[metric])
    return [statistics.fmean(v) for _, v in sorted(by_seed.items())]


def stats(values: Sequence[float]) -> Optional[Dict[str, float]]:
    if not values:
        return None
    return dict(**mean_std(values), n=len(values))


def summary(records: List[dict], budget: float) -> Dict[str, dict]:
    """``{entry: {column title: stats + gap to random init}}`` plus the
    pretraining iterations and seeds of each entry."""
    from .transfer_suite import ENTRIES, RANDOM
    entries = [e for e in ENTRIES if any(r['entry'] == e for r in records)]
    random_init = {title: stats(final_values(records, RANDOM, task, metric,
                                             budget))
                   for task, metric, title in COLUMNS}
    out = {}
    for entry in entries:
        row = {}
        for task, metric, title in COLUMNS:
            s = stats(final_values(records, entry, task, metric, budget))
            base = random_init[title]
            if s and base and entry != RANDOM:
                s['gap'] = s['mean'] - base['mean']
                # separated: the gap exceeds twice the larger seed spread
                # (unknown, so never, while either side has one sample)
                s['separated'] = (min(s['n'], base['n']) > 1 and abs(
                    s['gap']) > 2 * max(s['std'], base['std']))
            row[title] = s
        mine = [r for r in records if r['entry'] == entry
                and r.get('iterations') and r['mark'] == budget]
        row['iterations'] = sorted({r['iterations'] for r in mine})
        row['pretrain_seeds'] = sorted({r['pretrain_seed'] for r in records
                                        if r['entry'] == entry})
        out[entry] = row
    return out


def _cell(s: Optional[dict]) -> str:
    if not s:
        return '–'
    # one sample has no spread: printing "± 0.0" would claim one
    text = (f"{s['mean']:.1f} ± {s['std']:.1f} (n={s['n']})" if s['n'] > 1
            else f"{s['mean']:.1f} (n=1)")
    if 'gap' in s:
        text += f"; {s['gap']:+.1f}" + (' **' if s['separated'] else '')
    return text


def table(rows: Dict[str, dict], budget: float) -> str:
    from .report import markdown_table
    from .transfer_suite import FROM_MMPRETRAIN, RANDOM
    body = []
    for entry, row in rows.items():
        name = f'{entry} (mmpretrain)' if entry in FROM_MMPRETRAIN else entry
        iters = '/'.join(map(str, row['iterations'])) or '–'
        seeds = len(row['pretrain_seeds']) if entry != RANDOM else '–'
        body.append([name, iters if entry != RANDOM else 0, seeds,
                     *(_cell(row[t]) for _, _, t in COLUMNS)])
    return markdown_table(
        ['entry', f'iterations in {budget:g} s', 'pretraining seeds',
         *(t for _, _, t in COLUMNS)], body) + (
        '\nmean ± std (n samples): random init over initialisations; '
        'dense probes over pretraining seeds (each the mean of its pixel '
        'samples); fine-tuning over every run (pretraining × fine-tuning '
        'seeds). After the semicolon the gap to random init, ** where it '
        'exceeds twice the larger of the two spreads (never while either '
        'side has a single sample). With one pretraining seed a '
        'fine-tuning spread holds only the fine-tuning seeds, not the '
        "pretraining seed's share of the variance.\n")


def plot(records: List[dict], rows: Dict[str, dict], budget: float,
         path: str, title: str) -> str:
    from .transfer_suite import RANDOM
    plt = _pyplot()
    measured = [c for c in COLUMNS if any(r[c[2]] for r in rows.values())]
    if not measured:
        return path
    dense = [c for c in measured if c[0].startswith('dense')]
    others = [c for c in measured if not c[0].startswith('dense')]
    fig, axes = plt.subplots(1, len(measured),
                             figsize=(3.6 * len(measured), 3.8),
                             squeeze=False)
    axes = axes[0]
    # one colour per entry across curves and bars (random init: grey)
    colour = {e: f'C{i}' for i, e in enumerate(e for e in rows
                                              if e != RANDOM)}
    colour[RANDOM] = 'grey'
    for ax, (task, metric, col) in zip(axes, dense):
        base = rows.get(RANDOM, {}).get(col)
        if base:
            ax.axhspan(base['mean'] - base['std'], base['mean'] + base['std'],
                       color='grey', alpha=0.3, label='random init ± std')
        for entry in (e for e in rows if e != RANDOM):
            by_mark = {}
            for r in records:
                if (r['entry'] == entry and r['task'] == task
                        and r['budget'] == budget):
                    by_mark.setdefault(r['mark'], []).append(r[metric])
            if by_mark:
                xs = sorted(by_mark)
                points = [stats(by_mark[x]) for x in xs]
                ax.errorbar(xs, [p['mean'] for p in points],
                            yerr=[p['std'] for p in points],
                            marker='o', ms=3, capsize=2,
                            color=colour[entry], label=entry)
        ax.set_xlabel('pretraining wall-clock (s)')
        ax.set_title(col, fontsize=9)
    for ax, (task, metric, col) in zip(axes[len(dense):], others):
        names = [e for e in rows if rows[e][col]]
        ax.bar(range(len(names)), [rows[e][col]['mean'] for e in names],
               yerr=[rows[e][col]['std'] for e in names], capsize=3,
               color=[colour[e] for e in names])
        ax.set_xticks(range(len(names)), names, rotation=60, fontsize=8)
        ax.set_title(col, fontsize=9)
    axes[0].legend(fontsize=7)
    # wrapped to the figure's width (about 15 characters of 9 pt per inch):
    # a one-panel figure (a run with one task) would otherwise clip it
    fig.suptitle(textwrap.fill(title, int(15 * fig.get_figwidth())),
                 fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
    return path


def write_report(records: List[dict], budget: float, out: str) -> dict:
    """``OUT.md`` (the table) and ``OUT.png`` (dense-probe curves against
    pretraining time, fine-tuning bars with seed spread)."""
    from .report import write_json
    from .runs import machine
    rows = summary(records, budget)
    write_markdown(out + '.md', table(rows, budget))
    write_json(out + '_summary.json', budget_seconds=budget, rows=rows)
    plot(records, rows, budget, out + '.png',
         f'ResNet-18 pretrained {budget:g} s on the real photos, '
         f'{machine()} (error bars: std over seeds)')
    return rows

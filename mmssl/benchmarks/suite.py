"""Every method and every mmpretrain baseline at one shared setting, in one
run: what a user weighs when choosing a pretraining method.

1. Cost, side by side (:mod:`mmssl.benchmarks.cost`): images/s, step time,
   backbone passes and FLOPs per image, loader throughput and peak memory,
   at one batch size for all, interleaved.
2. Quality for budget: each method pretrains for the same wall-clock budget
   (``TrainBudgetHook``, stopping mid-epoch), saving checkpoints at the
   marks; kNN (k=20, T=0.07) and a linear probe on frozen features at every
   mark give a learning-efficiency curve per method; random init (several
   initialisations, mean and std) is the floor, and the table says from
   which mark on each method is above it by more than twice its spread.
   A recipe shorter than the budget (EMP-SSL's one epoch) ends its curve
   where its schedule ends. EMP-SSL is also evaluated on its bag-of-patches
   feature (the fast protocol).

The shared setting is that of the ``*budget_cifar10-5k`` / ``*cifar10-5k``
configs: ResNet-18 with the CIFAR stem, 32 px, each method's own recipe.
Methods whose checkpoints exist in the work dir are not retrained.
"""
import json
import os.path as osp
import re
import time

import torch

from .budget import pretrain_for_budget
from .runs import link_data, machine, project_root

BASELINES = 'configs/benchmarks/baselines/'
METHODS = {
    'DetCon-B': 'configs/detcon/detconb_r18_1xb128-budget_cifar10-5k.py',
    'DetCon-S': 'configs/detcon/detcons_r18_1xb128-budget_cifar10-5k.py',
    'JigClu': 'configs/jigclu/jigclu_r18_1xb128-budget_cifar10-5k.py',
    'InstCls': 'configs/instcls/instcls_r18_1xb128-coslr-30e_cifar10-5k.py',
    'EMP-SSL': 'configs/empssl/empssl_r18_1xb20-8p-1e_cifar10-5k.py',
    'SimCLR': BASELINES + 'simclr_r18_1xb128-budget_cifar10-5k.py',
    'MoCo v2': BASELINES + 'mocov2_r18_1xb128-budget_cifar10-5k.py',
    'BYOL': BASELINES + 'byol_r18_1xb128-budget_cifar10-5k.py',
    'BA-SSL SimCLR': 'configs/bassl/bassl_simclr_r18_1xb128-budget_'
    'cifar10-5k.py',
    'BA-SSL MoCo v2': 'configs/bassl/bassl_mocov2_r18_1xb128-budget_'
    'cifar10-5k.py',
    'BA-SSL BYOL': 'configs/bassl/bassl_byol_r18_1xb128-budget_'
    'cifar10-5k.py',
    'BA-SSL DetCon-B': 'configs/bassl/bassl_detconb_r18_1xb128-budget_'
    'cifar10-5k.py',
}
FROM_MMPRETRAIN = ('SimCLR', 'MoCo v2', 'BYOL')


def frozen_eval(config, checkpoint, data_root, size, cache_dir,
                bag_patches=0, seed=0):
    from mmssl.evaluation import knn_and_linear
    result = knn_and_linear(osp.join(project_root(), config), checkpoint,
                            data_root, size, cache_dir=cache_dir,
                            bag_patches=bag_patches, seed=seed)
    if checkpoint:
        import mmssl  # noqa: F401  (allow-lists MMEngine's checkpoint types)
        meta = torch.load(checkpoint, map_location='cpu')['meta']
        result.update(train_seconds=float(meta['train_seconds']),
                      iterations=int(meta['iter']))
    return result


PROBES = ('knn_top1', 'linear_top1')


def random_init_floor(config, data_root, size, cache_dir, seeds):
    """kNN / linear top-1 of randomly initialised backbones, one per seed:
    ``{probe: mean, probe_std: std, seeds: [per-seed results]}``."""
    from .report import mean_std
    runs = [frozen_eval(config, None, data_root, size, cache_dir, seed=s)
            for s in seeds]
    floor = dict(seeds=[dict(r, seed=s) for r, s in zip(runs, seeds)])
    for probe in PROBES:
        spread = mean_std([r[probe] for r in runs])
        floor[probe], floor[probe + '_std'] = spread['mean'], spread['std']
    return floor


def above_random_from(curve, random, probe):
    """Wall-clock seconds of the first point of ``curve`` from which on
    ``probe`` stays above random init by more than twice the random-init
    spread (the suite's separation rule); ``None`` if it never does."""
    line = random[probe] + 2 * random.get(probe + '_std', 0.)
    since = None
    for point in curve:
        if point[probe] > line:
            since = point['train_seconds'] if since is None else since
        else:
            since = None
    return since


def table(results, random, cost, budget):
    from .report import markdown_table
    rows = []
    for name, r in results.items():
        c = cost['results'].get(name, {})
        end = r['curve'][-1]
        probes = []
        for probe in PROBES:
            cell = (f'{end[probe]:.1f} '
                    f'({end[probe] - random[probe]:+.1f})')
            if 'bag_of_patches' in r:
                cell += f" (bag {r['bag_of_patches'][probe]:.1f})"
            since = above_random_from(r['curve'], random, probe)
            probes += [cell, '–' if since is None else f'{since:.0f}']
        memory = c.get('peak_gpu_memory_mib') or c.get('peak_rss_mib')
        iterations = str(end['iterations'])
        if end['train_seconds'] < 0.95 * budget:
            iterations += f" (schedule ends at {end['train_seconds']:.0f} s)"
        rows.append([
            f'{name} (mmpretrain)' if name in FROM_MMPRETRAIN else name,
            c.get('images_per_s'), c.get('backbone_forwards_per_image'),
            f"{c['gflops_per_image']:.2f}" if c else None,
            f'{memory:.0f}' if memory else None, iterations, *probes])
    n = len(random.get('seeds', [])) or 1
    floor = [f"{random[p]:.1f} ± {random.get(p + '_std', 0.):.1f}"
             for p in PROBES]
    label = f"random init ({n} seed{'s' if n > 1 else ''})"
    rows.append([label, None, None, None, None, 0, floor[0], None, floor[1],
                 None])
    return markdown_table(
        ['method', f"images/s (batch {cost['batch']})",
         'backbone passes / image', 'GFLOP / image', 'peak memory (MiB)',
         f'iterations in {budget:g} s', 'kNN top-1 (vs random init)',
         'kNN above random from (s)', 'linear top-1 (vs random init)',
         'linear above random from (s)'], rows)


def plot_curves(results, random, meta, path):
    from .report import _pyplot
    plt = _pyplot()
    fig, axes = plt.subplots(1, 2, figsize=(11, 4))
    # twelve entries overrun the ten-colour cycle: a BA-SSL entry takes its
    # host method's colour (dash-dot), so pairs read at a glance and no two
    # other entries share a colour
    fused = 'BA-SSL '
    hosts = [n for n in results if not n.startswith(fused)]
    colour = {n: f'C{i % 10}' for i, n in enumerate(hosts)}
    for n in results:
        colour.setdefault(n, colour.get(n[len(fused):],
                                        f'C{len(colour) % 10}'))
    for ax, probe in zip(axes, ('knn_top1', 'linear_top1')):
        for name, r in results.items():
            xs = [0] + [p['train_seconds'] for p in r['curve']]
            ys = [random[probe]] + [p[probe] for p in r['curve']]
            style = ('-.' if name.startswith(fused) else
                     '--' if name in FROM_MMPRETRAIN else '-')
            ax.plot(xs, ys, style, color=colour[name], marker='o', ms=3,
                    label=name)
            if 'bag_of_patches' in r:
                ax.plot([xs[-1]], [r['bag_of_patches'][probe]], 'k*',
                        ms=9, label=f'{name} (bag of patches)')
        spread = 2 * random.get(probe + '_std', 0.)
        ax.axhline(random[probe], color='grey', lw=0.8, ls=':',
                   label='random init (band: ± 2 std)')
        if spread:
            ax.axhspan(random[probe] - spread, random[probe] + spread,
                       color='grey', alpha=0.15, lw=0)
        ax.set_xlabel('pretraining wall-clock (s)')
        ax.set_ylabel(('kNN' if probe == 'knn_top1' else 'linear probe') +
                      ' top-1 (%)')
    axes[1].legend(fontsize=7, loc='center left', bbox_to_anchor=(1, 0.5))
    fig.suptitle(f"{osp.basename(meta['data'].rstrip('/'))}, "
                 f"{meta['input_size']} px, {meta['machine']} (dashed: "
                 'mmpretrain baselines; dash-dot: BA-SSL in front of the '
                 'method of the same colour)', fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)


def _previous(out, meta, marks, cost_batch, rerun):
    """Results and cost of ``OUT.json`` / ``OUT_cost.json`` that stay
    valid: same budget, marks, input size and (per method) config; with
    ``rerun``, the results of the methods asked for are dropped (their cost
    is re-measured only when missing)."""
    results, cost = {}, dict(batch=cost_batch, results={})
    if osp.exists(out + '.json'):
        old = json.load(open(out + '.json'))
        same = (old['meta'].get('budget_seconds') == meta['budget_seconds']
                and sorted({*old['meta'].get('marks', []),
                            meta['budget_seconds']}) == marks
                and old['meta'].get('input_size') == meta['input_size'])
        configs = old['meta'].get('configs', {})
        if same:
            results = {m: r for m, r in old['results'].items()
                       if configs.get(m) == METHODS.get(m)
                       and not (rerun and m in meta['configs'])}
    if osp.exists(out + '_cost.json'):
        old_cost = json.load(open(out + '_cost.json'))
        if old_cost.get('batch') == cost_batch:
            cost = old_cost
    return results, cost


def run_suite(methods, budget=300, marks=(100, 200),
              data_root='../shared/data/cifar10-5k', size=32, bag_patches=8,
              cost_batch=64, cost_rounds=3, cost_steps=2, skip_cost=False,
              work_dir='work_dirs/benchmarks/suite',
              out='docs/benchmarks/suite', rerun=False,
              random_seeds=(0, 1, 2)):
    """Runs both parts; writes ``OUT.json``, ``OUT.md``, ``OUT_cost.json``,
    ``OUT_curves.png`` and ``OUT_cost.png``; returns the results.

    Incremental: entries of ``OUT.json`` / ``OUT_cost.json`` with the same
    config, budget and marks are read back and skipped (``rerun=True``
    measures them again); entries of methods not asked for are kept, so a
    suite accumulates over several runs. Random init is evaluated with
    every seed of ``random_seeds`` (features cached)."""
    from mmssl.utils import register_all_modules

    from . import cost as cost_mod
    from .report import write_json, write_markdown
    unknown = [m for m in methods if m not in METHODS]
    if unknown:
        raise ValueError(f'unknown methods {unknown}; choose from '
                         f'{list(METHODS)}')
    root = project_root()
    data_root, work_dir = osp.abspath(data_root), osp.join(root, work_dir)
    link_data('cifar10-5k', data_root)  # the configs' data/cifar10-5k/
    out = osp.join(root, out)
    register_all_modules(init_default_scope=False)
    meta = dict(machine=machine(), data=data_root, input_size=size,
                budget_seconds=budget, marks=list(marks),
                configs={m: METHODS[m] for m in methods},
                knn='k=20, T=0.07, cosine, backbone GAP features',
                linear='L-BFGS logistic regression, standardised features, '
                'wd 1e-4', bag_patches=bag_patches,
                random_seeds=list(random_seeds),
                evaluation_protocol='fast')
    marks = sorted({*marks, budget})
    previous, cost = _previous(out, meta, marks, cost_batch, rerun)
    if not skip_cost and any(m not in cost['results'] for m in methods):
        # every method of the table in one interleaved run: only ratios
        # within a run compare, absolute times are noise
        to_measure = list(dict.fromkeys([*cost['results'], *methods]))
        cost['results'] = dict(cost_mod.measure(
            [f'{m}={osp.join(root, METHODS[m])}' for m in to_measure],
            {'train_dataloader.batch_size': cost_batch}, rounds=cost_rounds,
            steps=cost_steps, work_dir=osp.join(work_dir, 'cost'),
            with_cpu_memory=True))
        cost['meta'] = dict(rounds=cost_rounds, steps_per_round=cost_steps)
        write_json(out + '_cost.json', **cost)
        cost_mod.plot(cost['results'],
                      f"cpu ({meta['machine']}), median of {cost_rounds} "
                      'interleaved rounds', out + '_cost.png')
    cache = osp.join(work_dir, 'features')
    results = dict(previous)
    todo = [m for m in methods if m not in previous]
    started, done = time.time(), 0
    for i, name in enumerate(methods):
        if name in previous:
            print(f'[{i + 1}/{len(methods)}] {name}: read back from '
                  f'{out}.json', flush=True)
            continue
        eta = (f'eta {(time.time() - started) / done * (len(todo) - done):.0f}'
               ' s' if done else f'eta > {len(todo) * budget:g} s')
        print(f'[{i + 1}/{len(methods)}] {name}: pretraining for {budget:g} s'
              f', then evaluation ({len(todo) - done} to run, {eta})',
              flush=True)
        ckpts = pretrain_for_budget(
            name, METHODS[name], budget, marks,
            osp.join(work_dir, 'pretrain', re.sub(r'\W+', '_', name)))
        # a schedule shorter than the budget maps its later marks to one
        # checkpoint: evaluated once, the curve ends there
        results[name] = dict(curve=[
            frozen_eval(METHODS[name], c, data_root, size, cache)
            for c in dict.fromkeys(ckpts[m] for m in marks)])
        if name == 'EMP-SSL':
            results[name]['bag_of_patches'] = frozen_eval(
                METHODS[name], ckpts[budget], data_root, size, cache,
                bag_patches)
        done += 1
        print(name, json.dumps(results[name]), flush=True)
        write_json(out + '.json', meta=meta, results=results, cost=cost)
    # one config for the floor whichever methods a run adds (the configs
    # differ in normalisation), so runs that accumulate share it
    random = random_init_floor(next(iter(METHODS.values())), data_root,
                               size, cache, random_seeds)
    results = {m: results[m] for m in METHODS if m in results}
    meta['configs'] = {m: METHODS[m] for m in results}
    write_json(out + '.json', meta=meta, results=results, random_init=random,
               cost=cost)
    write_markdown(out + '.md', table(results, random, cost, budget))
    plot_curves(results, random, meta, out + '_curves.png')
    from .metafiles import refresh_if_committed
    refresh_if_committed(out, root)
    return results

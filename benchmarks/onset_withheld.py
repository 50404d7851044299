"""Issue 11, onset target: the onset backtest run with a column and with it withheld, on the same features, and the
Markdown table that compares them (onset_front.py, onset_hold.py).

`with_and_without` runs the product's backtest (analysis/backtest.py) twice, the second time with `forecast._width`
replaced by `withheld` (the model then reads one column less: the previous model version's forecast exactly);
`print_table` prints per year the AUPR of both against the best baseline of the same run, the years won, the ECE
overall and, with `--bootstrap N`, each forecast's chance of being above the best baseline when the towns of the
year are drawn again (onset_glm_blend.bootstrap).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from onset_glm_blend import bootstrap, print_chances  # run from benchmarks/
from onset_state_calibration import recorded_backtest

from vigie.analysis import backtest as bt
from vigie.analysis import features as ft
from vigie.analysis import forecast as fc


def with_and_without(panel: ft.Panel, seed: int, names: tuple[str, str], withheld: Callable) -> tuple:
    """(results, models, memo): each name's backtest, its model per origin, the features per origin."""
    features_at, width = ft.features_at, fc._width
    memo, models = {}, {name: {} for name in names}

    def remembered(panel_, t):
        if t not in memo:
            memo[t] = features_at(panel_, t)
        return memo[t]

    def run(name: str) -> dict:
        def record(model, panel_, feats, origin, target, seed_):
            models[name][origin] = model

        return recorded_backtest(panel, seed, record)

    ft.features_at = remembered
    try:
        results = {names[0]: run(names[0])}
        fc._width = lambda columns, rare=False: withheld(width, columns, rare)
        results[names[1]] = run(names[1])
    finally:
        ft.features_at, fc._width = features_at, width
    return results, models, memo


def print_table(args, panel: ft.Panel, names: tuple[str, str], results: dict, models: dict, memo: dict) -> None:
    """The comparison table, the years won, the ECE overall and the bootstrap chances (`args.bootstrap` draws)."""
    n_years = len(panel.years)
    print(f"\n`{args.db}`, onset, model {fc.MODEL_VERSION}\n")
    print("| year | positives | " + " | ".join(names) + " | best baseline |")
    print("|---" * (len(names) + 3) + "|")
    hindsight = ft.onsets_until(panel, n_years - 1)
    wins, chances = dict.fromkeys(names, 0), []
    rng = np.random.default_rng(args.seed)
    for k, year in enumerate(results[names[0]]["years"]):
        if "aupr" not in year:
            continue
        best_name, best = max(year["baselines"].items(), key=lambda kv: kv[1]["aupr"])
        cells = []
        for name in names:
            a = results[name]["years"][k]["aupr"]
            wins[name] += a > best["aupr"]
            cells.append(f"{a:.4f}" if a > best["aupr"] else f"{a:.4f} (below)")
        print(f"| {year['year']} | {year['positives']} | " + " | ".join(cells) + f" | {best_name} {best['aupr']:.4f} |")
        if args.bootstrap:
            origin = int(np.flatnonzero(panel.years == year["year"])[0]) - 1
            x = memo[origin]
            y = ft.onset_labels(panel, origin + 1, n_years - 1, hindsight)
            scored = panel.known[:, origin] & np.isfinite(x[:, 0]) & np.isfinite(y)
            score = {name: models[name][origin].predict(x[scored]) for name in names}
            glm = fc.PoissonBaseline().fit(*bt._glm_rows(panel, [memo[c] for c in sorted(memo)], origin))
            baselines = [glm.score(x[scored], panel.rare), *fc.simple_baselines(x[scored]).values()]
            chances.append((year["year"], bootstrap(y[scored], score, baselines, args.bootstrap, rng)))
    print()
    print("Years above the best baseline: " + ", ".join(f"{name} {wins[name]}" for name in names))
    print("ECE overall: " + ", ".join(f"{name} {results[name]['overall']['ece']:.4f}" for name in names))
    print_chances(names, chances, args.bootstrap)

"""Issue 11, onset target (session 12): does a rise caught in its first year (features.onset_hold) win backtest years?

The lost onset years were 2022s decided by one town at a published count that jumped in year t (BENCHMARKS.md,
onset session 11: Châlons-en-Champagne's 9 then 34, the GLM's first town, the model's 35th). The onset detector
cannot call such a rise before a second year is in; read later, it puts the onset in t (the town is then no
candidate for t+1) or, when the rise goes on, in t+1. `onset_hold` flags the towns whose series, with year t's
level held one more year, the detector calls an onset in t; the onset model alone reads it (features.ONSET_ONLY).

Runs the onset backtest of a commune warehouse (analysis/backtest.py, the product's code) twice on the same
features:
- `model`: the current model (`lgbm-linear-stack-6`), whose onset part reads `onset_hold`;
- `without_hold`: the same model with that last column withheld (forecast._width), which is
  `lgbm-linear-stack-5`'s onset forecast exactly (the other columns, the labels and the baselines are unchanged).
`--bootstrap N` also gives each forecast's chance of being above the best baseline when the towns of the year are
drawn again (onset_glm_blend.bootstrap).

    .venv/bin/python benchmarks/onset_hold.py --db /tmp/p/nat2025.duckdb [--bootstrap 100]

Prints, per target year, the towns flagged among the scored ones and the onsets among them, one Markdown table
(year, positives, the AUPR of both forecasts, the best baseline), the years won and the ECE overall.
"""

from __future__ import annotations

import argparse

import numpy as np
from onset_glm_blend import bootstrap  # run from benchmarks/
from onset_state_calibration import parsed_panel, recorded_backtest

from vigie.analysis import backtest as bt
from vigie.analysis import features as ft
from vigie.analysis import forecast as fc

NAMES = ("model", "without_hold")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bootstrap", type=int, default=0, help="draws of the towns per year (0: none)")
    args, panel = parsed_panel(parser)
    assert ft.FEATURES[-1] == "onset_hold"
    features_at, width = ft.features_at, fc._width
    memo, models = {}, {name: {} for name in NAMES}

    def remembered(panel_, t):
        if t not in memo:
            memo[t] = features_at(panel_, t)
        return memo[t]

    def run(name: str) -> dict:
        def record(model, panel_, feats, origin, target, seed_):
            models[name][origin] = model

        return recorded_backtest(panel, args.seed, record)

    ft.features_at = remembered
    try:
        results = {"model": run("model")}
        fc._width = lambda columns, rare=False: columns - 1 if rare == "onset" else width(columns, rare)
        results["without_hold"] = run("without_hold")
    finally:
        ft.features_at, fc._width = features_at, width
    n_years = len(panel.years)
    hindsight = ft.onsets_until(panel, n_years - 1)
    hold = ft.FEATURES.index("onset_hold")
    for t in range(bt.FIRST_ORIGIN, n_years - 2):
        y = ft.onset_labels(panel, t + 1, n_years - 1, hindsight)
        x = memo[t]
        scored = panel.known[:, t] & np.isfinite(x[:, 0]) & np.isfinite(y)
        flagged = scored & (x[:, hold] == 1)
        onsets = int(y[flagged].sum())
        print(f"- {panel.years[t + 1]}: {flagged.sum()} scored towns flagged, {onsets} onsets among them")
    print(f"\n`{args.db}`, onset, model {fc.MODEL_VERSION}\n")
    print("| year | positives | " + " | ".join(NAMES) + " | best baseline |")
    print("|---" * (len(NAMES) + 3) + "|")
    wins, chances = dict.fromkeys(NAMES, 0), []
    rng = np.random.default_rng(args.seed)
    for k, year in enumerate(results["model"]["years"]):
        if "aupr" not in year:
            continue
        best_name, best = max(year["baselines"].items(), key=lambda kv: kv[1]["aupr"])
        cells = []
        for name in NAMES:
            a = results[name]["years"][k]["aupr"]
            wins[name] += a > best["aupr"]
            cells.append(f"{a:.4f}" if a > best["aupr"] else f"{a:.4f} (below)")
        print(f"| {year['year']} | {year['positives']} | " + " | ".join(cells) + f" | {best_name} {best['aupr']:.4f} |")
        if args.bootstrap:
            origin = int(np.flatnonzero(panel.years == year["year"])[0]) - 1
            x = memo[origin]
            y = ft.onset_labels(panel, origin + 1, n_years - 1, hindsight)
            scored = panel.known[:, origin] & np.isfinite(x[:, 0]) & np.isfinite(y)
            score = {name: models[name][origin].predict(x[scored]) for name in NAMES}
            glm = fc.PoissonBaseline().fit(*bt._glm_rows(panel, [memo[c] for c in sorted(memo)], origin))
            baselines = [glm.score(x[scored], panel.rare), *fc.simple_baselines(x[scored]).values()]
            chances.append((year["year"], bootstrap(y[scored], score, baselines, args.bootstrap, rng)))
    print()
    print("Years above the best baseline: " + ", ".join(f"{name} {wins[name]}" for name in NAMES))
    print("ECE overall: " + ", ".join(f"{name} {results[name]['overall']['ece']:.4f}" for name in NAMES))
    if chances:
        print(f"\nChance of being above the best baseline, {args.bootstrap} draws of the towns per year:\n")
        print("| year | " + " | ".join(NAMES) + " |")
        print("|---" * (len(NAMES) + 1) + "|")
        for y, chance in chances:
            print(f"| {y} | " + " | ".join(f"{chance[name]:.2f}" for name in NAMES) + " |")
        mean = {name: np.mean([c[name] for _, c in chances]) for name in NAMES}
        print("| mean | " + " | ".join(f"{mean[name]:.3f}" for name in NAMES) + " |")


if __name__ == "__main__":
    main()

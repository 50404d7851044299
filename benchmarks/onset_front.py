"""Issue 11, onset target (session 10): does the moving front (features.front_hazard) win backtest years?

Runs the onset backtest of a commune warehouse (analysis/backtest.py, the product's code) twice on the same features:
- `model`: the current model, whose onset part reads `front_hazard` (features.ONSET_ONLY);
- `without_front`: the same model with that column withheld (forecast._width as for the surge), which is
  `lgbm-linear-stack-4`'s onset forecast exactly (the other columns, the labels and the baselines are unchanged).
The baselines are scored in the same run (the Poisson GLM reads the count columns only, as before). With a few
dozen onsets a year one town's rank decides a year, so `--bootstrap N` also gives each forecast's chance of being
above the best baseline when the towns of the year are drawn again (onset_glm_blend.bootstrap: N draws with
replacement, onsets and the other towns drawn apart, the best baseline re-chosen in every draw; seeded).

    .venv/bin/python benchmarks/onset_front.py --db /tmp/p/nat2025.duckdb --bootstrap 100

Prints the speed and width of the front chosen at each origin, one Markdown table (year, positives, the AUPR of
both forecasts, the best baseline), the years won and the ECE overall.
"""

from __future__ import annotations

import argparse

import numpy as np
from onset_glm_blend import bootstrap  # run from benchmarks/
from onset_state_calibration import parsed_panel, recorded_backtest

from vigie.analysis import backtest as bt
from vigie.analysis import features as ft
from vigie.analysis import forecast as fc

NAMES = ("model", "without_front")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bootstrap", type=int, default=0, help="draws of the towns per year (0: none)")
    args, panel = parsed_panel(parser)
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
        fc._width = lambda columns, rare=False: width(columns, False)  # the front withheld: stack-4
        results["without_front"] = run("without_front")
    finally:
        ft.features_at, fc._width = features_at, width
    n_years = len(panel.years)
    for t in range(bt.FIRST_ORIGIN, n_years - 1):
        _, chosen = ft.front_hazard(
            panel.hub_distance, np.log(np.maximum(panel.population[:, t], 1.0)), ft.onsets_until(panel, t), t
        )
        said = "none (fewer than four years of onsets)" if chosen is None else f"{chosen[0]:.0f} km/yr, {chosen[1]}"
        print(f"- front at origin {panel.years[t]}: {said}")
    print(f"\n`{args.db}`, onset, model {fc.MODEL_VERSION}\n")
    print("| year | positives | " + " | ".join(NAMES) + " | best baseline |")
    print("|---" * (len(NAMES) + 3) + "|")
    hindsight = ft.onsets_until(panel, n_years - 1)
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

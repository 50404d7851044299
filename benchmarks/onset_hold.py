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
from onset_state_calibration import parsed_panel  # run from benchmarks/
from onset_withheld import print_table, with_and_without

from vigie.analysis import backtest as bt
from vigie.analysis import features as ft

NAMES = ("model", "without_hold")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bootstrap", type=int, default=0, help="draws of the towns per year (0: none)")
    args, panel = parsed_panel(parser)
    assert ft.FEATURES[-1] == "onset_hold"
    results, models, memo = with_and_without(
        panel,
        args.seed,
        NAMES,
        lambda width, columns, rare: columns - 1 if rare == "onset" else width(columns, rare),
    )
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
    print_table(args, panel, NAMES, results, models, memo)


if __name__ == "__main__":
    main()

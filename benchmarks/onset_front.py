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
from onset_state_calibration import parsed_panel  # run from benchmarks/
from onset_withheld import print_table, with_and_without

from vigie.analysis import backtest as bt
from vigie.analysis import features as ft

NAMES = ("model", "without_front")


def without_front(width, columns: int, rare) -> int:
    """The front withheld (stack-4): the surge's width, which reads no onset-only column."""
    return width(columns, False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bootstrap", type=int, default=0, help="draws of the towns per year (0: none)")
    args, panel = parsed_panel(parser)
    results, models, memo = with_and_without(panel, args.seed, NAMES, without_front)
    for t in range(bt.FIRST_ORIGIN, len(panel.years) - 1):
        _, chosen = ft.front_hazard(
            panel.hub_distance, np.log(np.maximum(panel.population[:, t], 1.0)), ft.onsets_until(panel, t), t
        )
        said = "none (fewer than four years of onsets)" if chosen is None else f"{chosen[0]:.0f} km/yr, {chosen[1]}"
        print(f"- front at origin {panel.years[t]}: {said}")
    print_table(args, panel, NAMES, results, models, memo)


if __name__ == "__main__":
    main()

"""Issue 11, onset target: how the first backtest forecast (2020) is calibrated, per publication state.

On the session-12 blind panel the 2020 onset forecast's ECE was 0.073 (Brier 0.050), against ≤ 0.001 from 2021 on.
Session 13 mended it (model lgbm-linear-stack-7: the Platt intercept re-fitted after the refit): ECE 0.0017.
This prints, for the first origin, what the model (the product's `forecast.fit_origin`) gives each publication state
of the towns (0: nothing, 1: suppressed, 2: a published count; `forecast.publication_state`) against their onset
rate, the rows its trees and its calibration year learn from, and the towns it ranks first.

    .venv/bin/python benchmarks/onset_first_forecast.py --db nat3737.duckdb [--origin 3]
"""

from __future__ import annotations

import argparse

import numpy as np
from onset_state_calibration import parsed_panel  # run from benchmarks/

from vigie.analysis import backtest as bt
from vigie.analysis import features as ft
from vigie.analysis import forecast as fc


def by_state(x: np.ndarray, y: np.ndarray) -> dict[int, tuple[int, int]]:
    """Publication state → (rows, onsets)."""
    state = fc.publication_state(x)
    return {int(k): (int((state == k).sum()), int(y[state == k].sum())) for k in np.unique(state)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--origin", type=int, default=bt.FIRST_ORIGIN, help="year column of the origin")
    args, panel = parsed_panel(parser)
    origin, n_years = args.origin, len(panel.years)
    feats = [ft.features_at(panel, c) for c in range(origin + 1)]
    for part, (first, last) in (("trees", (1, origin - 2)), ("calibration", (origin - 1, origin - 1))):
        x, y, _ = fc.training_rows(panel, feats, "onset", first, last, origin)
        years = f"{panel.years[first]}–{panel.years[last]}"
        print(f"{part} rows (label years {years}): state → (rows, onsets) {by_state(x, y)}")
    y = ft.onset_labels(panel, origin + 1, n_years - 1, ft.onsets_until(panel, n_years - 1))
    x = feats[origin]
    scored = panel.known[:, origin] & np.isfinite(x[:, 0]) & np.isfinite(y)
    p = fc.fit_origin(panel, feats, origin, "onset", args.seed).predict(x[scored])
    yy, state = y[scored], fc.publication_state(x[scored])
    brier = np.mean((p - yy) ** 2)
    print(f"\nforecast of {panel.years[origin + 1]}: {scored.sum()} towns, {int(yy.sum())} onsets, Brier {brier:.4f}")
    print("| state | towns | onsets | onset rate | mean probability | towns above 0.5 |")
    print("|---|---|---|---|---|---|")
    for k in np.unique(state):
        m = state == k
        print(
            f"| {k} | {m.sum()} | {int(yy[m].sum())} | {yy[m].mean():.4f} | {p[m].mean():.4f} | {(p[m] > 0.5).sum()} |"
        )
    top = np.argsort(-p)[:10]
    units = panel.units[scored]
    print("\nfirst ten: " + ", ".join(f"{units[i]} {p[i]:.3f} (onset {int(yy[i])}, state {state[i]})" for i in top))


if __name__ == "__main__":
    main()

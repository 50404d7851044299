"""Issue 11, onset target: which onsets decide a backtest year, and where the model and each baseline rank them.

For each year asked, the product's forecast (`forecast.fit_origin`) and the backtest's baselines are fitted as in
`vigie backtest --target onset`; every onset town of the year is printed with its rank under each, its counts up to
the origin, and (with `--truth`, a synthetic panel's truth file of `make_panel.py --truth`) what the generator
planted there. The last lines sum up the onsets by planted kind: how many, and how many each scorer ranks in its
first 100.

    cd benchmarks && ../.venv/bin/python onset_lost_years.py --db natS.duckdb --years 2022,2024 \
        [--truth panelS/truth.parquet]
"""

from __future__ import annotations

import argparse

import numpy as np
import pandas as pd
from onset_state_calibration import onset_inputs, parsed_panel, year_scores  # run from benchmarks/

from vigie.analysis import backtest as bt

TOP = 100


def ranks(score: np.ndarray) -> np.ndarray:
    """1 for the highest score."""
    return (-score).argsort(kind="stable").argsort() + 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--years", required=True, help="target years, e.g. 2022,2024")
    parser.add_argument("--truth", help="truth.parquet of the synthetic panel")
    args, panel = parsed_panel(parser)
    planted = {}
    if args.truth:
        truth = pd.read_parquet(args.truth)
        planted = dict(zip(truth["code"], truth["planted"].fillna("none"), strict=True))
    feats, hindsight = onset_inputs(panel)
    for year in (int(y) for y in args.years.split(",")):
        scored, yy, scores, origin = year_scores(panel, feats, hindsight, year, args.seed)
        rank = {name: ranks(v) for name, v in scores.items()}
        print(
            f"\n{year}: {int(yy.sum())} onsets among {len(yy)} towns; AUPR "
            + ", ".join(f"{name} {bt.aupr(yy, v):.4f}" for name, v in scores.items())
        )
        units, counts = panel.units[scored], panel.counts(origin)[scored]
        onsets = np.flatnonzero(yy == 1)
        kinds = np.array([planted.get(u, "none") for u in units[onsets]])
        for i, kind in sorted(zip(onsets, kinds, strict=True), key=lambda p: rank["model"][p[0]]):
            series = " ".join("." if np.isnan(v) else f"{v:.0f}" for v in counts[i, : origin + 1])
            print(f"  {units[i]} [{kind}] {series} | " + " ".join(f"{n} {r[i]}" for n, r in rank.items()))
        for kind in np.unique(kinds):
            rows = onsets[kinds == kind]
            print(
                f"  {kind}: {len(rows)} onsets; in the first {TOP}: "
                + ", ".join(f"{n} {int((r[rows] <= TOP).sum())}" for n, r in rank.items())
            )


if __name__ == "__main__":
    main()

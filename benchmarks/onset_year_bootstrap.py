"""Issue 11, onset target: is a backtest year the model loses to a baseline lost by more than chance?

With 12–77 onsets a year among ≈ 35,000 towns, one or two towns at the top of a list decide a year's AUPR. For each
year asked, the product's forecast (`forecast.fit_origin`) and the backtest's baselines are fitted as in `vigie
backtest --target onset`; the towns are then drawn again with replacement, onsets and the others apart (so that
every draw has the year's number of onsets), and each draw is scored as the backtest scores a year: the model
against the best of the baselines on that draw. Printed per year: the AUPRs, the share of draws the model wins, and
the 5–95 % range of its margin over the best baseline.

    cd benchmarks && ../.venv/bin/python onset_year_bootstrap.py --db natS.duckdb --years 2022,2024 [--draws 1000]
"""

from __future__ import annotations

import argparse

import numpy as np
from onset_state_calibration import onset_inputs, parsed_panel, year_scores  # run from benchmarks/

from vigie.analysis import backtest as bt


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--years", required=True, help="target years, e.g. 2022,2024")
    parser.add_argument("--draws", type=int, default=1000)
    args, panel = parsed_panel(parser)
    feats, hindsight = onset_inputs(panel)
    rng = np.random.default_rng(args.seed)
    for year in (int(y) for y in args.years.split(",")):
        _, yy, scores, _ = year_scores(panel, feats, hindsight, year, args.seed)
        onsets, others = np.flatnonzero(yy == 1), np.flatnonzero(yy == 0)
        margins = []
        for _ in range(args.draws):
            rows = np.r_[rng.choice(onsets, len(onsets)), rng.choice(others, len(others))]
            ap = {name: bt.aupr(yy[rows], v[rows]) for name, v in scores.items()}
            margins.append(ap.pop("model") - max(ap.values()))
        margins = np.array(margins)
        observed = {name: bt.aupr(yy, v) for name, v in scores.items()}
        best = max((v, k) for k, v in observed.items() if k != "model")
        low, high = np.percentile(margins, [5, 95])
        print(
            f"{year}: {len(onsets)} onsets; model {observed['model']:.4f}, best baseline {best[1]} {best[0]:.4f}; "
            f"model above the best in {np.mean(margins > 0):.0%} of {args.draws} draws, margin 5–95 % "
            f"{low:+.4f} … {high:+.4f}",
            flush=True,
        )


if __name__ == "__main__":
    main()

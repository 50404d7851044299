"""Issue 11, onset target (session 11): can the forecasts of the first backtest years learn what stack-5's cannot?

The onset backtest's lost years are all 2022 (default panel and panel 404: the Poisson GLM; panels 1234 and 99:
prior counts). The model of origin t learns from the feature years ≤ t-2 (its calibration year the last), and the
columns built from the onset detector start late: its forward columns (onset_gap, onset_one_case, the onsets seen
around) from the fourth year column (features.DETECTOR_FROM), the moving front (features.front_hazard) from three
years of onsets (features.FRONT_MIN_YEARS). Four mechanisms, each a change of the product's code, scored against
the model as it is (`stack5`) on the same towns, labels and baselines (analysis/backtest.py's loop):

- `front_two_years`: the front fitted from two years of onsets (FRONT_MIN_YEARS = 2; its speed chosen by
  forecasting the second year from the first), so that the 2022 forecast's calibration rows carry it;
- `detector_third_year`: the detector's columns from the third year column (DETECTOR_FROM = 2), so that the 2021
  forecast's calibration year and the 2022 forecast's training years carry them;
- `calibration_suppressed`: the calibration fold of the onset model (its trees' rounds, the base's weights, the
  Platt map) also holds the year before's suppressed towns, which the last labelled year leaves unknown
  (features.onset_labels), taken out of the trees' training fold: as it is, what the trees do to the suppressed
  towns is never checked out of fold. Only where the trees keep an earlier year of suppressed towns to learn
  from (from the 2021 forecast on);
- `withhold_unseen`: a column unknown in every training year of the trees (known in the calibration year only) is
  not read: as it is, the refit learns it from rows nothing validated.
- `state_unseen` (session 12, on stack-5): at prediction, a town of publication state k (forecast.publication_state)
  does not read a column unknown in every labelled row of state k the model learned from (the refit's rows): the
  calibration year holds no suppressed town, so the columns that start with it are learned from published towns
  and extrapolated to suppressed ones. Not kept (BENCHMARKS.md, onset session 12: it wins none of the lost years).

Since session 12 the model is `lgbm-linear-stack-6` (features.onset_hold): `stack5` is it with that column withheld
(the onset model's width, as benchmarks/onset_hold.py), `current` the model as it is; the four mechanisms of
session 11 are now applied to the current model, `state_unseen` to stack-5, as it was scored.

    .venv/bin/python benchmarks/onset_first_years.py --db /tmp/p/nat2025.duckdb [--variants stack5,...]

Prints one Markdown table (year, positives, each variant's AUPR, "below" where not above the best baseline of the
same run) and the years won. The Poisson GLM and the other baselines are refitted on each variant's features
(`detector_third_year` changes the columns the GLM reads in the third year).
"""

from __future__ import annotations

import argparse

import numpy as np
from onset_state_calibration import parsed_panel  # run from benchmarks/

from vigie.analysis import backtest as bt
from vigie.analysis import features as ft
from vigie.analysis import forecast as fc

VARIANTS = (
    "stack5",
    "current",
    "front_two_years",
    "detector_third_year",
    "calibration_suppressed",
    "withhold_unseen",
    "state_unseen",
)
WITHOUT_HOLD = ("stack5", "state_unseen")  # fitted with features.onset_hold withheld: stack-5


def features(panel: ft.Panel, variant: str) -> list[np.ndarray]:
    keep = ft.FRONT_MIN_YEARS, ft.DETECTOR_FROM
    ft.FRONT_MIN_YEARS = 2 if variant == "front_two_years" else keep[0]
    ft.DETECTOR_FROM = 2 if variant == "detector_third_year" else keep[1]
    try:
        return [ft.features_at(panel, t) for t in range(len(panel.years) - 1)]
    finally:
        ft.FRONT_MIN_YEARS, ft.DETECTOR_FROM = keep


def _year(panel, feats, s: int, until: int, onset: np.ndarray):
    counts = panel.counts(until)
    y = ft.onset_labels(panel, s, until, onset)
    keep = np.isfinite(y) & panel.known[:, s - 1] & np.isfinite(counts[:, s])
    return feats[s - 1][keep], y[keep], counts[keep, s]


def _stack(parts):
    x = np.vstack([p[0] for p in parts])
    return x, np.concatenate([p[1] for p in parts]), np.concatenate([p[2] for p in parts])


class _Withheld:
    """A fitted model that reads the given columns as unknown."""

    def __init__(self, model: fc.Model, columns: np.ndarray):
        self.model, self.columns = model, columns

    def predict(self, x: np.ndarray) -> np.ndarray:
        x = x.copy()
        x[:, self.columns] = np.nan
        return self.model.predict(x)


class _StateWithheld:
    """A fitted model that reads, for the towns of each publication state, the columns unknown in every row of that
    state it learned from as unknown."""

    def __init__(self, model: fc.Model, seen: np.ndarray):
        self.model, self.seen = model, seen

    def predict(self, x: np.ndarray) -> np.ndarray:
        x, state = x.copy(), fc.publication_state(x)
        for k in range(3):
            x[np.ix_(state == k, ~self.seen[k])] = np.nan
        return self.model.predict(x)


def fit(panel: ft.Panel, feats: list[np.ndarray], origin: int, variant: str):
    """fc.fit_origin for the onset, or its variant."""
    width = fc._width
    if variant in WITHOUT_HOLD:
        fc._width = lambda columns, rare=False: columns - 1 if rare == "onset" else width(columns, rare)
    try:
        return _fit(panel, feats, origin, variant)
    finally:
        fc._width = width


def _fit(panel: ft.Panel, feats: list[np.ndarray], origin: int, variant: str):
    last, first = origin - 1, 1  # as fc.fit_origin for the onset
    if variant == "state_unseen":
        rows = fc.training_rows(panel, feats, "onset", first, last, origin)[0]
        state = fc.publication_state(rows)
        seen = np.array([np.isfinite(rows[state == k]).any(0) for k in range(3)])
        return _StateWithheld(fc.fit_origin(panel, feats, origin, "onset", fc.SEED), seen)
    if variant == "calibration_suppressed" and last - 2 >= first:
        onset = ft.onsets_until(panel, origin)
        years = {s: _year(panel, feats, s, origin, onset) for s in range(first, last + 1)}
        x, y, n = years[last - 1]
        moved = fc.publication_state(x) == 1  # unknown in the last year: its suppressed towns are moved
        train = _stack([years[s] for s in range(first, last - 1)] + [(x[~moved], y[~moved], n[~moved])])
        calibration = _stack([years[last], (x[moved], y[moved], n[moved])])
        return fc.Model(seed=fc.SEED).fit(train, calibration, "onset")
    if variant == "withhold_unseen":
        train = fc.training_rows(panel, feats, "onset", first, last - 1, origin)
        calibration = fc.training_rows(panel, feats, "onset", last, last, origin)
        unseen = np.flatnonzero(~np.isfinite(train[0]).any(0))
        x1 = calibration[0].copy()
        x1[:, unseen] = np.nan
        return _Withheld(fc.Model(seed=fc.SEED).fit(train, (x1, *calibration[1:]), "onset"), unseen)
    return fc.fit_origin(panel, feats, origin, "onset", fc.SEED)


def run(panel: ft.Panel, variant: str) -> dict[int, dict]:
    """Year → {positives, aupr, ece, baselines (name → aupr)}, as analysis/backtest.py scores them."""
    feats = features(panel, variant)
    n_years = len(panel.years)
    hindsight = ft.onsets_until(panel, n_years - 1)
    out = {}
    for origin in range(bt.FIRST_ORIGIN, n_years - 1):
        s = origin + 1
        y = ft.onset_labels(panel, s, n_years - 1, hindsight)
        x = feats[origin]
        scored = panel.known[:, origin] & np.isfinite(x[:, 0]) & np.isfinite(y)
        if scored.sum() == 0 or y[scored].sum() == 0:
            continue
        p = fit(panel, feats, origin, variant).predict(x[scored])
        yy = y[scored]
        base = fc.simple_baselines(x[scored])
        base["poisson_glm"] = fc.PoissonBaseline().fit(*bt._glm_rows(panel, feats, origin)).score(x[scored], panel.rare)
        out[int(panel.years[s])] = {
            "positives": int(yy.sum()),
            "aupr": bt.aupr(yy, p),
            "ece": bt.ece(yy, p),
            "baselines": {name: bt.aupr(yy, score) for name, score in base.items()},
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--variants", default=",".join(VARIANTS), help="comma-separated, among " + ", ".join(VARIANTS))
    args, panel = parsed_panel(parser)
    names = [v for v in args.variants.split(",") if v]
    unknown = set(names) - set(VARIANTS)
    if unknown:
        parser.error(f"unknown variants: {', '.join(sorted(unknown))}")
    results = {name: run(panel, name) for name in names}
    print(f"\n`{args.db}`, onset\n")
    print("| year | positives | " + " | ".join(names) + " | best baseline (stack5's features) |")
    print("|---" * (len(names) + 3) + "|")
    wins = dict.fromkeys(names, 0)
    for year, row in results[names[0]].items():
        cells = []
        for name in names:
            r = results[name][year]
            best = max(r["baselines"].values())
            wins[name] += r["aupr"] > best
            cells.append(f"{r['aupr']:.4f}" + ("" if r["aupr"] > best else " (below)"))
        best_name, best = max(row["baselines"].items(), key=lambda kv: kv[1])
        print(f"| {year} | {row['positives']} | " + " | ".join(cells) + f" | {best_name} {best:.4f} |")
    print("\nYears above the best baseline: " + ", ".join(f"{name} {wins[name]}" for name in names))


if __name__ == "__main__":
    main()

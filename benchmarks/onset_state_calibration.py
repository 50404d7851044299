"""Issue 11, onset target: does a calibration per publication state (the town's figure this year a published zero,
suppressed, a published count: forecast.publication_state) win backtest years the shared Platt map loses?

Runs the onset backtest of a commune warehouse with the current model (analysis/backtest.py, unchanged) and, for
each origin, scores on the same towns and the same hindsight labels:
- `current`: the model's forecast (shared Platt map fitted on the later year, as forecast.Model does);
- `per_state_f1`: the same map plus one intercept offset per state, fitted on that later year (read one year
  after: a suppressed town's onset is unknown there, so that state keeps the shared map);
- `per_state_f2`: slope and offsets fitted on the year before it (read two years after: every state labelled), by
  a second model trained one year shorter, the level re-fitted on the later year;
- `oracle`: the best offsets of states 0 and 1 (grid ±3, step 0.5) for the AUPR OF THE SCORED YEAR: an upper
  bound of what any between-state level can give, not a method;
- `oracle_platt`: a Platt map per state (slope and intercept) fitted on the scored year: the diagnostic of the
  previous session, not a method either.
Offsets are maximum a posteriori with a normal prior of standard deviation 1 (`--sd`). Ranking is decided by the
margin plus the offsets only: a shared monotone map changes no AUPR.

    .venv/bin/python benchmarks/onset_state_calibration.py --db /tmp/p/nat2025.duckdb

Prints one Markdown table (year, positives, the four AUPR, the best baseline and its AUPR) and ECE overall.
"""

from __future__ import annotations

import argparse
import warnings

import numpy as np

from vigie import warehouse
from vigie.analysis import backtest as bt
from vigie.analysis import features as ft
from vigie.analysis import forecast as fc


def out_of_fold(train: tuple, calibration: tuple, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """forecast.Model's first stage (base and trees on `train`, rounds chosen on `calibration`): the margin of the
    calibration rows, their labels and publication states."""
    import lightgbm as lgb

    (x0, y0, n0), (x1, y1, _) = train, calibration
    base = fc.LinearBase(seed).fit(x0, y0, n0, "onset").combine(x1, y1)
    m0, m1 = base.margin(x0), base.margin(x1)
    early = lgb.train(
        {**fc._params(len(y0), seed, "onset"), "metric": "None"},
        lgb.Dataset(x0, y0, init_score=m0),
        fc.ROUNDS,
        valid_sets=[lgb.Dataset(x1, y1, init_score=m1)],
        feval=fc._calibrated_log_loss,
        callbacks=[lgb.early_stopping(fc.STOPPING, first_metric_only=True, verbose=False)],
    )
    margin = m1 + early.predict(x1, raw_score=True, num_iteration=max(early.best_iteration, fc.MIN_ROUNDS))
    return margin, y1, fc.publication_state(x1)


def offsets(z: np.ndarray, y: np.ndarray, state: np.ndarray, sd: float) -> np.ndarray:
    """Each state's intercept offset to the log-odds z (MAP, normal prior of standard deviation sd; 0 without rows)."""
    out = np.zeros(3)
    for k in range(3):
        inside = state == k
        o = 0.0
        for _ in range(100 if inside.any() else 0):
            p = fc._sigmoid(z[inside] + o)
            step = ((p - y[inside]).sum() + o / sd**2) / ((p * (1 - p)).sum() + 1 / sd**2)
            o -= step
            if abs(step) < 1e-10:
                break
        out[k] = o
    return out


def recorded_backtest(panel, seed: int, record) -> dict:
    """The onset backtest (`backtest.backtest`, unchanged), calling `record(model, panel, feats, origin, target, seed)`
    with each origin's fitted model, so that an experiment can score other maps on the same towns and labels."""
    fit_origin = fc.fit_origin

    def recording(panel_, feats, origin, target, seed_):
        model = fit_origin(panel_, feats, origin, target, seed_)
        record(model, panel_, feats, origin, target, seed_)
        return model

    fc.fit_origin = recording
    try:
        return bt.backtest(panel, "onset", seed)
    finally:
        fc.fit_origin = fit_origin


def parsed_panel(parser: argparse.ArgumentParser) -> tuple[argparse.Namespace, ft.Panel]:
    """The onset scripts' command line: --db and --seed beside the script's own options; the options and the
    warehouse's commune panel of trafficking."""
    parser.add_argument("--db", required=True)
    parser.add_argument("--seed", type=int, default=fc.SEED)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    return args, ft.load_panel(warehouse.connect(args.db, read_only=True), "commune", "trafic")


def onset_inputs(panel: ft.Panel) -> tuple[list, np.ndarray]:
    """The features of every origin column, and each town's onset read with every year (the labels' hindsight)."""
    n_years = len(panel.years)
    return [ft.features_at(panel, c) for c in range(n_years - 1)], ft.onsets_until(panel, n_years - 1)


def year_scores(panel: ft.Panel, feats: list, hindsight: np.ndarray, year: int, seed: int):
    """One onset backtest year as `vigie backtest --target onset` scores it: (the towns scored, as a mask of the
    panel's; their labels; the model's and each baseline's scores of them, by name; the origin column)."""
    s = list(panel.years).index(year)
    origin = s - 1
    y, x = ft.onset_labels(panel, s, len(panel.years) - 1, hindsight), feats[origin]
    scored = panel.known[:, origin] & np.isfinite(x[:, 0]) & np.isfinite(y)
    xs = x[scored]
    scores = {"model": fc.fit_origin(panel, feats, origin, "onset", seed).predict(xs)}
    scores.update(fc.simple_baselines(xs))
    scores["poisson_glm"] = fc.PoissonBaseline().fit(*bt._glm_rows(panel, feats, origin)).score(xs, panel.rare)
    return scored, y[scored], scores, origin


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sd", type=float, default=1.0)
    args, panel = parsed_panel(parser)
    kept = {}

    def record(model, panel_, feats, origin, target, seed):
        last, first = origin - 1, 1  # as forecast.fit_origin for the onset
        rows = {}
        rows["f1"] = out_of_fold(
            fc.training_rows(panel_, feats, target, first, last - 1, origin),
            fc.training_rows(panel_, feats, target, last, last, origin),
            seed,
        )
        if last - 2 >= first:
            rows["f2"] = out_of_fold(
                fc.training_rows(panel_, feats, target, first, last - 2, origin),
                fc.training_rows(panel_, feats, target, last - 1, last - 1, origin),
                seed,
            )
        kept[origin] = (model, feats[origin], rows)

    result = recorded_backtest(panel, args.seed, record)
    n_years = len(panel.years)
    hindsight = ft.onsets_until(panel, n_years - 1)
    names = ("current", "per_state_f1", "per_state_f2", "oracle", "oracle_platt")
    pooled = {name: ([], []) for name in names}
    wins = dict.fromkeys(names, 0)
    print(f"`{args.db}`, onset, model {fc.MODEL_VERSION}, prior sd {args.sd}\n")
    print(
        "| year | positives | current | per-state (later year) | per-state (year read two after) | oracle offsets "
        "| oracle Platt | best baseline |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for year in result["years"]:
        if "aupr" not in year:
            continue
        origin = int(np.flatnonzero(panel.years == year["year"])[0]) - 1
        model, x_all, rows = kept[origin]
        y = ft.onset_labels(panel, origin + 1, n_years - 1, hindsight)
        scored = panel.known[:, origin] & np.isfinite(x_all[:, 0]) & np.isfinite(y)
        x, yy = x_all[scored], y[scored]
        state = fc.publication_state(x)
        z = model.a_ * model._margin(x) + model.b_
        m1, y1, s1 = rows["f1"]
        z1 = model.a_ * m1 + model.b_
        score = {"current": z, "per_state_f1": z + offsets(z1, y1, s1, args.sd)[state]}
        if "f2" in rows:
            m2, y2, s2 = rows["f2"]
            a2, b2 = fc._platt(m2, y2)
            shift = offsets(a2 * m2 + b2, y2, s2, args.sd)
            level = offsets(a2 * m1 + shift[s1], y1, np.zeros(len(y1), int), 100.0)[0]
            score["per_state_f2"] = a2 * model._margin(x) + level + shift[state]
        else:
            score["per_state_f2"] = z
        grid = np.arange(-3, 3.01, 0.5)
        score["oracle"] = max(
            (z + np.array([g0, g1, 0.0])[state] for g0 in grid for g1 in grid), key=lambda s: bt.aupr(yy, s)
        )
        platt = np.full(len(yy), -50.0)  # a state without any onset that year: last
        for k in range(3):
            inside = state == k
            if yy[inside].sum():
                a, b = fc._platt(model._margin(x[inside]), yy[inside])
                platt[inside] = a * model._margin(x[inside]) + b
        score["oracle_platt"] = platt
        best_name, best = max(year["baselines"].items(), key=lambda kv: kv[1]["aupr"])
        cells = []
        for name in names:
            a = bt.aupr(yy, score[name])
            wins[name] += a > best["aupr"]
            pooled[name][0].append(yy)
            pooled[name][1].append(fc._sigmoid(score[name]))
            cells.append(f"{a:.3f}" if a > best["aupr"] else f"{a:.3f} (below)")
        print(f"| {year['year']} | {year['positives']} | " + " | ".join(cells) + f" | {best_name} {best['aupr']:.3f} |")
    print()
    for name in names:
        y, p = (np.concatenate(v) for v in pooled[name])
        print(f"- {name}: above the best baseline in {wins[name]} years; ECE overall {bt.ece(y, p):.4f}")


if __name__ == "__main__":
    main()

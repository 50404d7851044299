"""Issue 11, onset target (session 9): does the Poisson GLM, blended into the model's forecast, win backtest years?

The onset backtest's lost years go to the Poisson GLM (its surge probability ranks first a town at a published count
caught mid-rise), and for a town at a published count the onset question is close to the surge question. This runs
the onset backtest of a commune warehouse with the current model (analysis/backtest.py, unchanged) and, for each
origin, scores on the same towns and the same hindsight labels:
- `current`: the model's forecast;
- `s2_stack_surge`: for the towns at a published count (forecast.publication_state 2) only, a logistic regression of
  the target on the model's log-odds and the GLM's surge log-odds, fitted on the model's calibration year (the
  model's margin there out of fold, as forecast.Model's first stage; the GLM trained on the years before it); the
  other towns keep the model's log-odds;
- `s2_stack_onset`: the same with the GLM's log-odds of reaching the onset detector's own threshold next year
  (forecast.threshold(x, "onset"): the count the detector needs to call an onset then);
- `s2_platt`: for the towns at a published count, a Platt map of their own (slope and intercept, normal prior of
  sd 1 around the shared map) fitted on the calibration year: the model's spread inside that state, shrunk where
  it did not rank;
- `s2_rank_glm`: a priori, no fitted weight: inside the towns at a published count, the model's log-odds of that
  state handed out again in the order of the average of the two ranks (model, GLM surge probability): the state's
  level and the other towns untouched;
- `s2_rank_rise`: the same hand-out with the rank of this year's ratio to last year's count (`ratio_1y`: a town
  caught mid-rise) in place of the GLM's: found on the four panels after the runs above (inside the towns at a
  published count, the ten highest `ratio_1y` held 16 onsets over their 20 years, the model's ten 11, the GLM's
  9), so a lead to be checked on a panel it was not found on, not a method yet;
- `rank_avg_glm`: a priori: the average of the model's and the GLM's ranks over all towns;
- `logodds_avg_onset`: a priori: the average of the model's log-odds and the GLM's onset-threshold log-odds.
Wins are counted against the best baseline of the same run (the five baselines, the GLM included). With a few
dozen onsets a year one town's rank decides a year, so `--bootstrap N` also gives each forecast's chance of being
above the best baseline when the towns of the year are drawn again (N draws with replacement, onsets and the other
towns drawn apart, the best baseline re-chosen in every draw; seeded): a smoother measure than the count of years.

    .venv/bin/python benchmarks/onset_glm_blend.py --db /tmp/p/nat2025.duckdb

Prints one Markdown table (year, positives, the AUPR of each forecast, the best baseline) and the years won.
"""

from __future__ import annotations

import argparse

import numpy as np

# the shared onset harness (run from benchmarks/)
from onset_state_calibration import out_of_fold, parsed_panel, recorded_backtest
from scipy.stats import rankdata

from vigie.analysis import backtest as bt
from vigie.analysis import features as ft
from vigie.analysis import forecast as fc

NAMES = (
    "current",
    "s2_stack_surge",
    "s2_stack_onset",
    "s2_platt",
    "s2_rank_glm",
    "s2_rank_rise",
    "rank_avg_glm",
    "logodds_avg_onset",
)
PUBLISHED = 2  # forecast.publication_state: a published count


def logistic(columns: list[np.ndarray], y: np.ndarray, prior_mean: np.ndarray, sd: float) -> np.ndarray:
    """Intercept and slopes of a logistic regression, maximum a posteriori (normal prior around prior_mean)."""
    x = np.column_stack([np.ones(len(y))] + columns)
    b = prior_mean.astype(float).copy()
    for _ in range(100):
        p = fc._sigmoid(x @ b)
        gradient = x.T @ (p - y) + (b - prior_mean) / sd**2
        hessian = (x * (p * (1 - p))[:, None]).T @ x + np.eye(len(b)) / sd**2
        step = np.linalg.solve(hessian, gradient)
        b -= step
        if np.abs(step).max() < 1e-10:
            break
    return b


def ranks(v: np.ndarray) -> np.ndarray:
    return rankdata(v) / len(v)


def hand_out(z: np.ndarray, inside: np.ndarray, other: np.ndarray) -> np.ndarray:
    """z with the values of the rows `inside` handed out again among them in the order of the average of their two
    ranks (z's, `other`'s): the group's level untouched, the other rows too."""
    out = z.copy()
    order = np.argsort(ranks(z[inside]) + ranks(other), kind="stable")
    handed = np.empty(inside.sum())
    handed[order] = np.sort(z[inside])
    out[inside] = handed
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bootstrap", type=int, default=0, help="draws of the towns per year (0: none)")
    args, panel = parsed_panel(parser)
    kept = {}

    def record(model, panel_, feats, origin, target, seed):
        last, first = origin - 1, 1  # as forecast.fit_origin for the onset
        calibration = fc.training_rows(panel_, feats, target, last, last, origin)
        margin, _, _ = out_of_fold(fc.training_rows(panel_, feats, target, first, last - 1, origin), calibration, seed)
        # the GLMs as the backtest fits its baseline: for the scored year on the years ≤ origin; for the
        # calibration year (target column origin-1) on the years before it
        glm = fc.PoissonBaseline().fit(*bt._glm_rows(panel_, feats, origin))
        glm_cal = fc.PoissonBaseline().fit(*bt._glm_rows(panel_, feats, max(origin - 2, 2)))
        kept[origin] = (model, feats[origin], calibration, model.a_ * margin + model.b_, glm, glm_cal)

    result = recorded_backtest(panel, args.seed, record)
    n_years = len(panel.years)
    hindsight = ft.onsets_until(panel, n_years - 1)
    wins = dict.fromkeys(NAMES, 0)
    chances = []
    rng = np.random.default_rng(args.seed)
    print(f"`{args.db}`, onset, model {fc.MODEL_VERSION}\n")
    print("| year | positives | " + " | ".join(NAMES) + " | best baseline |")
    print("|---" * (len(NAMES) + 3) + "|")
    for year in result["years"]:
        if "aupr" not in year:
            continue
        origin = int(np.flatnonzero(panel.years == year["year"])[0]) - 1
        model, x_all, (x1, y1, _), z1, glm, glm_cal = kept[origin]
        y = ft.onset_labels(panel, origin + 1, n_years - 1, hindsight)
        scored = panel.known[:, origin] & np.isfinite(x_all[:, 0]) & np.isfinite(y)
        x, yy = x_all[scored], y[scored]
        state, state1 = fc.publication_state(x), fc.publication_state(x1)
        z = model.a_ * model._margin(x) + model.b_
        surge, surge1 = glm.log_odds(x, panel.rare), glm_cal.log_odds(x1, panel.rare)
        onset, onset1 = glm.log_odds(x, "onset"), glm_cal.log_odds(x1, "onset")
        pub, pub1 = state == PUBLISHED, state1 == PUBLISHED
        score = {"current": z}
        for name, g, g1 in (("s2_stack_surge", surge, surge1), ("s2_stack_onset", onset, onset1)):
            b = logistic([z1[pub1], g1[pub1]], y1[pub1], np.array([0.0, 1.0, 0.0]), 1.0)
            s = z.copy()
            s[pub] = b[0] + b[1] * z[pub] + b[2] * g[pub]
            score[name] = s
        b = logistic([z1[pub1]], y1[pub1], np.array([0.0, 1.0]), 1.0)
        s = z.copy()
        s[pub] = b[0] + b[1] * z[pub]
        score["s2_platt"] = s
        score["s2_rank_glm"] = hand_out(z, pub, glm.score(x[pub], panel.rare))
        rise = np.nan_to_num(x[pub, ft.FEATURES.index("ratio_1y")], nan=-np.inf)
        score["s2_rank_rise"] = hand_out(z, pub, rise)
        score["rank_avg_glm"] = ranks(z) + ranks(glm.score(x, panel.rare))
        score["logodds_avg_onset"] = (z + onset) / 2
        best_name, best = max(year["baselines"].items(), key=lambda kv: kv[1]["aupr"])
        cells = []
        for name in NAMES:
            a = bt.aupr(yy, score[name])
            wins[name] += a > best["aupr"]
            cells.append(f"{a:.3f}" if a > best["aupr"] else f"{a:.3f} (below)")
        print(f"| {year['year']} | {year['positives']} | " + " | ".join(cells) + f" | {best_name} {best['aupr']:.3f} |")
        if args.bootstrap:
            baselines = [glm.score(x, panel.rare), *fc.simple_baselines(x).values()]
            chances.append((year["year"], bootstrap(yy, score, baselines, args.bootstrap, rng)))
    print()
    print("Years above the best baseline: " + ", ".join(f"{name} {wins[name]}" for name in NAMES))
    print_chances(NAMES, chances, args.bootstrap)


def print_chances(names, chances: list, draws: int) -> None:
    """The Markdown table of `bootstrap`'s chances, one row per year and their mean (nothing without draws)."""
    if not chances:
        return
    print(f"\nChance of being above the best baseline, {draws} draws of the towns per year:\n")
    print("| year | " + " | ".join(names) + " |")
    print("|---" * (len(names) + 1) + "|")
    for y, chance in chances:
        print(f"| {y} | " + " | ".join(f"{chance[name]:.2f}" for name in names) + " |")
    mean = {name: np.mean([c[name] for _, c in chances]) for name in names}
    print("| mean | " + " | ".join(f"{mean[name]:.3f}" for name in names) + " |")


def bootstrap(y: np.ndarray, score: dict, baselines: list, draws: int, rng) -> dict:
    """Each forecast's share of `draws` resamples of the towns (onsets and the others drawn apart, with replacement)
    in which its AUPR is above the best baseline's of the same draw."""
    positives, negatives = np.flatnonzero(y > 0), np.flatnonzero(y == 0)
    above = dict.fromkeys(score, 0)
    for _ in range(draws):
        idx = np.concatenate([rng.choice(positives, len(positives)), rng.choice(negatives, len(negatives))])
        best = max(bt.aupr(y[idx], b[idx]) for b in baselines)
        for name, s in score.items():
            above[name] += bt.aupr(y[idx], s[idx]) > best
    return {name: above[name] / draws for name in score}


if __name__ == "__main__":
    main()

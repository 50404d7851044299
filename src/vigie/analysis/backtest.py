"""Rolling-origin backtest of the early warning (analysis/forecast.py): for every origin t from the fourth year on,
the model learns from the years ≤ t only (features of analysis/features.py, cut after each year) and forecasts
t+1; the baselines are scored on the same towns in the same loop. The labels scored are read with all the data
(hindsight); the labels learned from are read with the years ≤ t only.

Metrics (free functions of the true labels and the scores, as in scikit-learn):
- `aupr`: average precision (area under the precision–recall curve, step-wise, as sklearn's
  average_precision_score); `auroc`; `brier` (mean squared error of the probabilities);
- `ece`: expected calibration error over 10 equal-width probability bins (Naeini et al. 2015): the bins' gaps
  between mean forecast and observed share, weighted by their size;
- `precision_at(k)`, `recall_at(k)` for the k highest scores;
- `pai_at(k)`: predictive accuracy index (Chainey et al. 2008): the share of surges caught in the top k divided by
  the top k's share of the population (`pai_pop`) or of the towns (`pai_towns`).
Unknown labels (suppressed years the secrecy rule does not decide; for the onset, the last year of the data, whose
onsets the detector cannot see yet) are left out and counted (`unknown`).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from vigie.analysis import features as ft
from vigie.analysis import forecast as fc
from vigie.errors import VigieError

TOP_K = (50, 100, 200)
FIRST_ORIGIN = 3  # the fourth year: three years of past define a surge


def aupr(y: np.ndarray, score: np.ndarray) -> float:
    """Average precision: Σ (recall_k − recall_{k−1}) × precision_k over the distinct score thresholds."""
    y, score = np.asarray(y, float), np.asarray(score, float)
    if y.sum() == 0:
        return float("nan")
    order = np.argsort(-score, kind="mergesort")
    y, score = y[order], score[order]
    last = np.r_[np.flatnonzero(np.diff(score)), len(y) - 1]  # the end of each group of tied scores
    tp = np.cumsum(y)[last]
    precision = tp / (last + 1)
    recall = tp / y.sum()
    return float(np.sum(np.diff(np.r_[0, recall]) * precision))


def auroc(y: np.ndarray, score: np.ndarray) -> float:
    """Mann–Whitney U / (n₊ n₋), ties counted half."""
    from scipy.stats import rankdata

    y = np.asarray(y, bool)
    n_pos, n_neg = y.sum(), (~y).sum()
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    ranks = rankdata(score)
    return float((ranks[y].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def brier(y: np.ndarray, p: np.ndarray) -> float:
    return float(np.mean((np.asarray(p, float) - np.asarray(y, float)) ** 2))


def ece(y: np.ndarray, p: np.ndarray, bins: int = 10) -> float:
    y, p = np.asarray(y, float), np.asarray(p, float)
    which = np.minimum((p * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        inside = which == b
        if inside.any():
            total += inside.sum() * abs(p[inside].mean() - y[inside].mean())
    return float(total / len(y))


def top_k(score: np.ndarray, k: int) -> np.ndarray:
    """Indices of the k highest scores (ties broken by position: deterministic)."""
    return np.argsort(-np.asarray(score, float), kind="stable")[:k]


def precision_at(y, score, k: int) -> float:
    return float(np.asarray(y, float)[top_k(score, k)].mean())


def recall_at(y, score, k: int) -> float:
    y = np.asarray(y, float)
    return float(y[top_k(score, k)].sum() / y.sum()) if y.sum() else float("nan")


def pai_at(y, score, weight, k: int) -> float:
    """Share of positives caught in the top k over the top k's share of `weight` (population, or 1 per town)."""
    y, weight = np.asarray(y, float), np.asarray(weight, float)
    top = top_k(score, k)
    if not y.sum() or not weight.sum() or not weight[top].sum():
        return float("nan")
    return float((y[top].sum() / y.sum()) / (weight[top].sum() / weight.sum()))


def scores(y: np.ndarray, p: np.ndarray, population: np.ndarray, probabilities: bool = True) -> dict:
    out = {"aupr": aupr(y, p), "auroc": auroc(y, p)}
    if probabilities:
        out["brier"], out["ece"] = brier(y, p), ece(y, p)
    for k in TOP_K:
        if k < len(y):
            out[f"precision_at_{k}"] = precision_at(y, p, k)
            out[f"recall_at_{k}"] = recall_at(y, p, k)
            out[f"pai_pop_at_{k}"] = pai_at(y, p, population, k)
            out[f"pai_towns_at_{k}"] = pai_at(y, p, np.ones(len(y)), k)
    return out


def backtest(
    panel: ft.Panel,
    target: str = "surge",
    seed: int = fc.SEED,
    step: Callable[[str], None] | None = None,
) -> dict:
    """Rolling-origin backtest: {"years": [one dict per target year], "overall": {...}, "reliability": [...]}.

    Each year: year, n, positives, unknown, the model's metrics and `baselines` (name → metrics)."""
    if target not in fc.TARGETS or (target == "onset" and panel.source != "commune"):
        raise VigieError(f"--target {target!r}: choose surge, or onset on the commune base")
    fc.check_years(panel)
    n_years = len(panel.years)
    feats = []
    for c in range(n_years - 1):
        if step:
            step(f"features of {panel.years[c]}")
        feats.append(ft.features_at(panel, c))
    hindsight = ft.onsets_until(panel, n_years - 1) if target == "onset" else None
    years, pooled = [], {"y": [], "p": [], "pop": [], **{b: [] for b in fc.BASELINES}}
    for origin in range(FIRST_ORIGIN, n_years - 1):
        s = origin + 1
        if target == "onset":
            y = ft.onset_labels(panel, s, n_years - 1, hindsight)
        else:
            y = ft.surge_labels(panel, s, n_years - 1, min_past=ft.PAST)
        x = feats[origin]
        live = panel.known[:, origin] & np.isfinite(x[:, 0])
        scored = live & np.isfinite(y)
        unknown = int((live & ~np.isfinite(y)).sum())
        if scored.sum() == 0 or y[scored].sum() == 0:
            years.append({"year": int(panel.years[s]), "n": int(scored.sum()), "positives": 0, "unknown": unknown})
            continue
        if step:
            step(f"forecasting {panel.years[s]} from the years up to {panel.years[origin]}")
        model = fc.fit_origin(panel, feats, origin, target, seed)
        p = model.predict(x[scored])
        yy = y[scored]
        population = panel.population[scored, origin]
        row = {
            "year": int(panel.years[s]),
            "n": int(scored.sum()),
            "positives": int(yy.sum()),
            "unknown": unknown,
            **scores(yy, p, population),
        }
        base = fc.simple_baselines(x[scored])
        train_x, train_count = _glm_rows(panel, feats, origin)
        glm = fc.PoissonBaseline().fit(train_x, train_count)
        base["poisson_glm"] = glm.score(x[scored], panel.rare)
        row["baselines"] = {name: scores(yy, sc, population, name == "poisson_glm") for name, sc in base.items()}
        years.append(row)
        pooled["y"].append(yy)
        pooled["p"].append(p)
        pooled["pop"].append(population)
        for name, sc in base.items():
            pooled[name].append(sc)
    if not pooled["y"]:
        raise VigieError(f"no {target} in any backtest year: nothing can be scored")
    y, p, pop = (np.concatenate(pooled[k]) for k in ("y", "p", "pop"))
    overall = {"n": len(y), "positives": int(y.sum()), **scores(y, p, pop)}
    overall["baselines"] = {
        b: {"aupr": aupr(y, np.concatenate(pooled[b])), "auroc": auroc(y, np.concatenate(pooled[b]))}
        for b in fc.BASELINES
    }
    return {
        "source": panel.source,
        "indicator": panel.indicator,
        "target": target,
        "seed": seed,
        "model_version": fc.MODEL_VERSION,
        "years": years,
        "overall": overall,
        "reliability": reliability(y, p),
    }


def _glm_rows(panel: ft.Panel, feats: list[np.ndarray], origin: int):
    """(features of year s-1, count of year s) for s ≤ origin, counts as known at the origin."""
    counts = panel.counts(origin)
    xs, ys = [], []
    for s in range(2, origin + 1):
        keep = panel.known[:, s - 1] & panel.known[:, s] & np.isfinite(counts[:, s])
        xs.append(feats[s - 1][keep])
        ys.append(counts[keep, s])
    return np.vstack(xs), np.concatenate(ys)


def reliability(y: np.ndarray, p: np.ndarray, bins: int = 10) -> list[dict]:
    """Mean forecast against observed share, by probability bin (the reliability diagram's points)."""
    which = np.minimum((p * bins).astype(int), bins - 1)
    return [
        {
            "bin": f"{b / bins:.1f}–{(b + 1) / bins:.1f}",
            "n": int((which == b).sum()),
            "forecast": float(p[which == b].mean()),
            "observed": float(y[which == b].mean()),
        }
        for b in range(bins)
        if (which == b).any()
    ]


def reliability_chart(result: dict, path) -> None:
    """The reliability diagram (observed share against mean forecast, by bin) beside the diagonal."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    points = result["reliability"]
    fig, ax = plt.subplots(figsize=(5, 5))
    ax.plot([0, 1], [0, 1], color="grey", lw=1, ls="--", label="parfaitement calibré")
    ax.plot([q["forecast"] for q in points], [q["observed"] for q in points], marker="o", label="Vigie (backtest)")
    top = max(0.05, max(max(q["forecast"], q["observed"]) for q in points) * 1.1)
    ax.set_xlim(0, top)
    ax.set_ylim(0, top)
    ax.set_xlabel("probabilité prévue")
    ax.set_ylabel("part observée")
    title = f"Fiabilité des prévisions ({result['indicator']}, {result['source']}, {result['target']})"
    if result.get("synthetic"):
        title += "\nchiffres communaux SYNTHÉTIQUES"
    ax.set_title(title, fontsize=9)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def summary_rows(result: dict) -> list[dict]:
    """One object per target year, as `vigie backtest --format json` prints it: year, n, positives, unknown, the
    model's metrics, and `baselines` (baseline name → its AUPR)."""
    out = []
    for y in result["years"]:
        row = {k: (round(v, 4) if isinstance(v, float) else v) for k, v in y.items() if k != "baselines"}
        row["baselines"] = {name: round(m["aupr"], 4) for name, m in y.get("baselines", {}).items()}
        out.append(row)
    return out


def flat_baselines(row: dict) -> dict:
    return {f"aupr_{name}": value for name, value in row.get("baselines", {}).items()}


def overall_sentence(result: dict) -> str:
    o = result["overall"]
    best = max(o["baselines"].items(), key=lambda kv: kv[1]["aupr"])
    scored = [y for y in result["years"] if "aupr" in y]
    wins = sum(y["aupr"] > max(b["aupr"] for b in y["baselines"].values()) for y in scored)
    return (
        f"Overall ({o['n']:,} forecasts, {o['positives']:,} {result['target']}s): AUPR {o['aupr']:.3f} "
        f"(best baseline, {best[0].replace('_', ' ')}: {best[1]['aupr']:.3f}), AUROC {o['auroc']:.3f}, Brier "
        f"{o['brier']:.4f}, ECE {o['ece']:.4f}. Above the best baseline in {wins} of {len(scored)} years."
    )


def print_table(result: dict, console) -> None:
    from vigie import output

    rows = []
    for y in result["years"]:
        row = {"year": y["year"], "n": y["n"], "positives": y["positives"], "unknown": y.get("unknown", 0)}
        if "aupr" in y:
            row |= {k: round(y[k], 3) for k in ("aupr", "auroc", "brier", "ece")}
            row |= {name: round(m["aupr"], 3) for name, m in y["baselines"].items()}
        rows.append(row)
    title = (
        f"Backtest of the early warning: {result['target']} of {result['indicator']} ({result['source']}), "
        f"AUPR of the model and of each baseline"
    )
    console.print(output.table(rows, title))
    at_k = [
        {"year": y["year"]}
        | {k: round(y[k], 3) for k in y if k.startswith(("precision_at", "recall_at", "pai_")) and y[k] == y[k]}
        for y in result["years"]
        if "aupr" in y
    ]
    console.print(output.table(at_k, "Precision, recall and PAI (by population; by towns) in the top 50/100/200"))
    console.print(overall_sentence(result), highlight=False)
    unknown = sum(y.get("unknown", 0) for y in result["years"])
    if unknown:
        why = (
            "the service did not report four consecutive years up to the year forecast"
            if result["source"] == "service"
            else "an onset needs a year after it to be seen, so the last year's onsets are not known yet"
            if result["target"] == "onset"
            else "the year forecast is suppressed and the secrecy rule does not decide whether it surged"
        )
        console.print(f"[dim]• {unknown:,} forecasts left out of the scores: {why}.[/]")

"""Which towns are new to trafficking? The first year of a sustained rise in each town's series.

Rule (a Poisson change point with offsets, Worsley 1986-style likelihood ratio, written for small counts):
- expected counts Eₜ = the town's population × its département's rate that year, so that a rise shared by the
  whole département (or a change in recording) is not taken for a local onset;
- for each candidate year τ (at least one year before it and two from it on: a rise must last), the relative
  risks before and after, λ₀ = Σy/ΣE before τ and λ₁ after, and the likelihood ratio against a constant risk;
- the onset is the τ with the largest ratio among those where λ₁ ≥ 1.3·λ₀ and every year from τ on stays at
  least a tenth of the way from λ₀ to λ₁ (a one-year spike is not an onset), kept when the ratio, divided by the
  national over-dispersion factor (quasi-Poisson), exceeds 10.83 (χ²₁ at 0.001); when the year before τ is
  already half-way up (a rise that ramps over two years), that year is the onset;
- suppressed years are filled from what the secrecy rule proves (suppression.town_panel), else the official
  complement; they lower the confidence: `high` when the statistic exceeds 30 and neither the onset year nor the
  year before is suppressed, `low` when one of them is and the statistic is below 30, `medium` otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import numpy as np

from vigie.analysis.rise import departement_expectation
from vigie.analysis.suppression import town_panel
from vigie.errors import VigieError
from vigie.geo.communes import departement_of
from vigie.warehouse import insert_rows, transaction

CRITICAL = 10.83  # χ²₁, p = 0.001
HIGH = 30.0
MIN_RISE = 1.3
SUSTAINED = 0.1  # every year from the onset on stays this far up from the earlier level to the later one


@dataclass
class OnsetResult:
    indicator: str
    codes: np.ndarray
    years: np.ndarray
    onset_year: np.ndarray  # float, NaN when no onset
    ratio: np.ndarray  # λ₁ / λ₀; inf when the town had less than one case in all the years before ("from 0")
    statistic: np.ndarray  # likelihood ratio / dispersion
    confidence: np.ndarray  # "high", "medium", "low" or ""
    dispersion: float


def _xlogy(x, y):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(x > 0, x * np.log(np.where(y > 0, y, 1)), 0.0)


def detect_onsets(
    codes: np.ndarray, years: np.ndarray, counts: np.ndarray, expected: np.ndarray, suppressed: np.ndarray
) -> OnsetResult:
    """Change points of many towns at once (towns × years arrays)."""
    y, e = np.asarray(counts, float), np.maximum(np.asarray(expected, float), 1e-9)
    n_years = y.shape[1]
    total = _xlogy(y.sum(1), y.sum(1) / e.sum(1))
    best_lr = np.zeros(len(y))
    best_tau = np.full(len(y), -1)
    best_ratio = np.ones(len(y))
    best_before = np.zeros(len(y))  # cases before the onset: below one, the rise is "from 0" and has no ratio
    cy, ce = np.cumsum(y, 1), np.cumsum(e, 1)
    for tau in range(1, n_years - 1):
        y0, e0 = cy[:, tau - 1], ce[:, tau - 1]
        y1, e1 = cy[:, -1] - y0, ce[:, -1] - e0
        l0, l1 = y0 / e0, y1 / e1
        lr = 2 * (_xlogy(y0, l0) + _xlogy(y1, l1) - total)
        # sustained: every year from τ on stays at least a quarter of the way up from the earlier level
        floor = (l0 + SUSTAINED * (l1 - l0))[:, None]
        kept = (y[:, tau:] / e[:, tau:] >= floor).all(1)
        rise = (l1 >= MIN_RISE * np.maximum(l0, 1e-9)) & kept
        better = rise & (lr > best_lr)
        best_lr[better], best_tau[better] = lr[better], tau
        best_ratio[better] = (l1 / np.maximum(l0, 1e-9))[better]
        best_before[better] = y0[better]
    # over-dispersion: Pearson χ² of the constant-risk model per degree of freedom, median over towns with cases
    fitted = e * (y.sum(1) / e.sum(1))[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        pearson = (((y - fitted) ** 2) / np.where(fitted > 0, fitted, np.nan)).sum(1) / (n_years - 1)
    dispersion = float(max(1.0, np.nanmedian(pearson[y.sum(1) >= n_years])))
    statistic = best_lr / dispersion
    found = (best_tau > 0) & (statistic > CRITICAL)
    onset = np.full(len(y), np.nan)
    tau = best_tau.copy()
    # a two-year ramp: the year before τ already half-way between the two levels
    rows = np.flatnonzero(found)
    before = tau[rows] - 1
    rr = y[rows, before] / e[rows, before]
    earlier = np.maximum(before - 1, 0)  # (a ramp needs a year before the half-way year: masked below)
    l0 = cy[rows, earlier] / ce[rows, earlier]
    l1 = (cy[rows, -1] - cy[rows, tau[rows] - 1]) / (ce[rows, -1] - ce[rows, tau[rows] - 1])
    ramp = (before >= 1) & (rr >= l0 + 0.5 * (l1 - l0))
    tau[rows[ramp]] -= 1
    onset[found] = years[tau[found]]
    near = np.zeros(len(y), bool)
    for shift in (-1, 0):
        idx = np.clip(tau + shift, 0, n_years - 1)
        near |= suppressed[np.arange(len(y)), idx]
    confidence = np.where(
        ~found, "", np.where((statistic > HIGH) & ~near, "high", np.where(near & (statistic < HIGH), "low", "medium"))
    )
    best_ratio = np.where(best_before < 1, np.inf, best_ratio)
    return OnsetResult(
        "", np.asarray(codes), np.asarray(years), onset, best_ratio, statistic, confidence.astype(object), dispersion
    )


def onsets(con: duckdb.DuckDBPyConnection, indicator: str = "trafic") -> OnsetResult:
    codes, years, counts, population, suppressed = town_panel(con, indicator, use_companion=False)
    if len(years) < 3:
        raise VigieError(
            f"{indicator}: the commune base covers {len(years)} year(s); an onset needs at least three (one before "
            "the rise, two from it on)"
        )
    expected = departement_expectation(counts, population, [departement_of(c) for c in codes])
    result = detect_onsets(codes, years, counts, expected, suppressed)
    result.indicator = indicator
    return result


def save(con: duckdb.DuckDBPyConnection, result: OnsetResult) -> None:
    found = ~np.isnan(result.onset_year)
    rows = [
        (
            result.indicator,
            result.codes[i],
            int(result.onset_year[i]),
            result.confidence[i],
            float(result.ratio[i]) if np.isfinite(result.ratio[i]) else None,  # NULL: a rise from 0
            float(result.statistic[i]),
        )
        for i in np.flatnonzero(found)
    ]
    with transaction(con):
        con.execute("DELETE FROM onset WHERE indicator = ?", [result.indicator])
        insert_rows(con, "onset", rows, ["indicator", "code", "onset_year", "confidence", "rise_ratio", "statistic"])

"""Suppressed cells (statistical secrecy): what the three-year rule proves, and the filling of the rest from the
département's exact suppressed total. Never a silent zero.

The SSMSI publishes a commune's figure only when it had at least 5 cases in each of the last three years, or none
in all three; the official complement gives the mean over a département's suppressed communes, hence their total.
"""

from __future__ import annotations

import duckdb
import numpy as np

from vigie.analysis.rise import departement_sums, recent_expectation
from vigie.analysis.spread import units_sql
from vigie.errors import VigieError
from vigie.indicators import check_slug

RULE_TOLERANCE = 0.005  # share of published pairs allowed to contradict the rule (measured: 0 % under it, 2–4 % not)
SECRECY_MINIMUM = 5  # a commune is published when it has at least 5 cases in each of the last three years
# a related indicator whose published counts say where a département's suppressed cases are likely to be
COMPANION = {"trafic": "usage", "usage": "trafic", "usage_afd": "usage", "usage_hors_afd": "usage"}


def follows_secrecy_rule(published: np.ndarray) -> bool:
    """Do the published figures obey the three-year rule that `proven` relies on? Under it, a published zero
    needs zeros in the two years before, and a published count ≥ 5 counts ≥ 5 there: two published years in a
    row are never one zero and one positive. Where over RULE_TOLERANCE of such pairs are (a file suppressing only
    counts of 1–4, or drug-use fines, whose window starts in 2020), the proofs would be wrong."""
    before, after = published[:, :-1], published[:, 1:]
    pairs = np.isfinite(before) & np.isfinite(after) & ((before > 0) | (after > 0))
    mixed = pairs & ((before == 0) != (after == 0))
    return mixed.sum() <= RULE_TOLERANCE * max(pairs.sum(), 1)


def proven(published: np.ndarray, suppressed: np.ndarray):
    """What the secrecy rule proves of each suppressed cell: ≥ 5 (a count ≥ 5 published in one of the next two
    years, whose window covers it), 0 (a published zero in one of the next two years), and that level. Nothing
    where the figures do not follow the rule (follows_secrecy_rule)."""
    ahead = [np.roll(published, -k, axis=1) for k in (1, 2)]
    for k, later in enumerate(ahead, 1):
        later[:, -k:] = np.nan
    at_least = suppressed & ((ahead[0] >= SECRECY_MINIMUM) | (ahead[1] >= SECRECY_MINIMUM))
    none = suppressed & ~at_least & ((ahead[0] == 0) | (ahead[1] == 0))
    if not follows_secrecy_rule(published):
        at_least, none = np.zeros_like(suppressed), np.zeros_like(suppressed)
    return at_least, none, np.where(ahead[0] >= SECRECY_MINIMUM, ahead[0], ahead[1])


def own_series(published, suppressed, estimate):
    """A town's own series: a proven cell takes the level of the nearest published year that proves it, a
    proven zero 0, the others the official complement."""
    at_least, none, level = proven(published, suppressed)
    counts = np.where(suppressed, np.nan_to_num(estimate), np.nan_to_num(published))
    return np.where(at_least, level, np.where(none, 0.0, counts))


def fill(published, suppressed, pooled, population, dep, lift=None):
    """Suppressed cells share what is left of their département's suppressed total, year by year, in proportion
    to population times `lift` (a cell proven ≥ 5 gets 5 plus its share, a proven zero nothing). `pooled` holds
    each suppressed cell's complement (0 elsewhere), so its département sums are the suppressed totals."""
    at_least, none, _ = proven(published, suppressed)
    weight = np.where(suppressed & ~none, population * (1.0 if lift is None else lift), 0.0)
    floor = np.where(at_least, float(SECRECY_MINIMUM), 0.0)
    rest = np.maximum(departement_sums(dep, pooled) - departement_sums(dep, floor), 0)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.nan_to_num(rest[dep] * weight / departement_sums(dep, weight)[dep])
    return np.where(suppressed, floor + share, np.nan_to_num(published))


def town_panel(con: duckdb.DuckDBPyConnection, indicator: str, use_companion: bool = True):
    """Towns × years arrays of counts, population and suppression; towns without population in some year are
    left out.

    A suppressed cell is first given what the secrecy rule proves about it (proven): at least 5, or none.

    The suppressed cells of a département then share its suppressed total, which the official complement gives
    exactly (the mean over the suppressed communes, times their number); a cell proven ≥ 5 gets 5 plus its share.
    Shares are in proportion to population, times the lift of a companion indicator where there is one (drug
    use for trafficking, and the reverse: both are recorded by the same police activity and move together): the
    companion's count this year against its own recent level (recent_expectation; a half case added to both),
    the companion itself filled the same way, by population (no lift in the first three years, which have no
    recent level). A jump hidden by the secrecy rule thus shows where the town's drug-use figures jumped too;
    where they did not, it is spread over the département's suppressed towns, and no single town can be told
    apart (measured: shares that also followed each town's own filled past found fewer planted emergences, since
    they carry the first years' errors forward).

    Without a companion (or with use_companion=False) the town's own series is kept instead (own_series):
    onsets use that, since a town's own series is steadier without the companion's noise (measured: the onsets
    matched the planted ones less well with the shares)."""
    check_slug(indicator)
    companion = COMPANION.get(indicator) if use_companion else None
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE _panel AS {units_sql(con, [indicator] + ([companion] if companion else []))}"
    )
    years = con.execute(f"SELECT DISTINCT year FROM _panel WHERE indicator = '{indicator}' ORDER BY 1").fetchall()
    years = np.array([r[0] for r in years])

    def lists(name: str, *columns: str) -> str:
        return ", ".join(f"list({c} ORDER BY year) FILTER (WHERE indicator = '{name}')" for c in columns)

    cells = ("count", "suppressed", "coalesce(from_complements, 0)")
    rows = con.execute(f"""
        SELECT city, any_value(departement), {lists(indicator, "population", "estimate", *cells)}
               {", " + lists(companion, *cells) if companion else ""}
        FROM _panel GROUP BY city
        HAVING count(*) FILTER (WHERE indicator = '{indicator}') = {len(years)} AND min(population) > 0
        ORDER BY city""").fetchall()
    if not rows or not len(years):
        raise VigieError(
            f"{indicator}: no town has a figure for every year of the commune base, so there is no series to analyse"
            + ("" if len(years) else " (the commune base has no row for this indicator)")
        )
    codes = np.array([r[0] for r in rows], dtype=object)
    _, dep = np.unique(np.array([r[1] for r in rows], dtype=object), return_inverse=True)

    def column(k: int, kind=float) -> np.ndarray:  # a town without the companion for every year has none
        return np.array(
            [r[k] if r[k] is not None and len(r[k]) == len(years) else [None] * len(years) for r in rows], kind
        )

    population, estimate, published, suppressed, pooled = column(2), column(3), column(4), column(5, bool), column(6)
    if not companion:
        return codes, years, own_series(published, suppressed, estimate), population, suppressed
    related = fill(column(7), column(8, bool), column(9), population, dep)
    recent = np.nan_to_num(recent_expectation(related, population, dep), nan=related)
    counts = fill(published, suppressed, pooled, population, dep, lift=(related + 0.5) / (recent + 0.5))
    return codes, years, counts, population, suppressed

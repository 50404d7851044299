"""How fast does trafficking travel outward from the big cities? Onset year against distance to the nearest hub.

Hubs are the towns of at least 150,000 inhabitants (Paris, Lyon and Marseille as whole cities), or a list given
by the user. Each town's distance to its nearest hub of the same territory (mainland France, Corsica, each overseas
département) is the great-circle distance between representative points. The wave speed comes from a robust
regression (Tukey's bisquare M-estimator, Beaton & Tukey 1974, as statsmodels' RLM: false onsets far from the line
get no weight) of onset year on distance, over medium towns with a detected onset of high or medium confidence
lying beyond the hubs' own urban areas (25 km by default: suburbs take part in the hub's market rather than in the
outward spread): speed = 1 / slope km a year, with a 95 % percentile-bootstrap interval.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import duckdb
import numpy as np

from vigie.analysis.onsets import OnsetResult
from vigie.config import size_classes
from vigie.errors import VigieError
from vigie.geo.communes import departement_of
from vigie.geo.weights import distance_km

HUB_POPULATION = 150_000
# bisquare tuning constant, in robust standard deviations of the residuals: smaller than the usual 4.685 (95 %
# efficiency with normal errors) because one onset in ten is false or years off, and such points should weigh
# nothing (measured on seven synthetic panels: any c from 2 to 3 gave the same speeds, 4.685 drifted by up to 38 %)
BISQUARE_C = 2.5
SUBURB_KM = 25.0  # towns this close to a hub belong to its own urban area, not to the outward spread


@dataclass
class DiffusionResult:
    speed_km_per_year: float | None
    speed_low: float | None  # 95 % interval; None = unbounded
    speed_high: float | None
    towns_used: int
    onsets_by_class: list[dict]
    hubs: list[str]
    points: list[dict] = field(default_factory=list)  # code, distance_km, onset_year, size_class (for the chart)
    notes: list[str] = field(default_factory=list)
    intercept: float | None = None  # onset year of the fitted line at distance 0
    fit_from_km: float | None = None  # the distances of the towns the fit used: draw the line over these only
    fit_to_km: float | None = None


def territory(code: str) -> str:
    """Mainland France, Corsica, or one overseas département: spread is measured within one territory."""
    departement = departement_of(code)
    if departement in ("2A", "2B"):
        return "corse"
    return departement if code.startswith("97") else "mainland"


def hub_distances(
    con: duckdb.DuckDBPyConnection, codes: np.ndarray, hubs: list[str] | None = None
) -> tuple[np.ndarray, list[str]]:
    """Distance (km) from each town to its nearest hub of the same territory (NaN where it has none), and the hub
    codes used."""
    if hubs:
        found = con.execute("SELECT code, lon, lat FROM commune WHERE code IN (SELECT unnest(?))", [hubs]).fetchall()
        missing = set(hubs) - {r[0] for r in found}
        if missing:
            raise VigieError(f"--hubs: unknown commune code(s) {', '.join(sorted(missing))}")
    else:
        found = con.execute(
            """SELECT code, lon, lat FROM commune WHERE kind = 'commune' AND population >= ?
                               AND lon IS NOT NULL""",
            [HUB_POPULATION],
        ).fetchall()
    if not found:
        raise VigieError("no hub: the commune reference has no town of 150,000 inhabitants with a location")
    if not len(codes):
        return np.zeros(0), [r[0] for r in found]
    hub_lon, hub_lat = np.array([r[1] for r in found]), np.array([r[2] for r in found])
    points = dict(
        con.execute("SELECT code, [lon, lat] FROM commune WHERE code IN (SELECT unnest(?))", [list(codes)]).fetchall()
    )
    lonlat = np.array([points.get(c) or [np.nan, np.nan] for c in codes], float)
    d = distance_km(lonlat[:, :1], lonlat[:, 1:], hub_lon[None, :], hub_lat[None, :])
    towns = np.array([territory(c) for c in codes])[:, None]
    same = towns == np.array([territory(r[0]) for r in found])[None, :]
    d = np.where(same, d, np.inf).min(1)
    return np.where(np.isinf(d), np.nan, d), [r[0] for r in found]


def wave_speed(
    distance: np.ndarray, onset_year: np.ndarray, resamples: int = 300, seed: int = 2025
) -> tuple[float | None, float | None, float | None]:
    """Speed (km/year) from the robust (Tukey bisquare) regression slope of onset year on distance, and its 95 %
    bootstrap interval (percentile, `resamples` resamples of the towns, seeded)."""
    ok = ~np.isnan(distance) & ~np.isnan(onset_year)
    x, y = distance[ok], onset_year[ok]
    if len(x) < 3 or np.ptp(y) == 0 or np.ptp(x) == 0:
        return None, None, None
    slope = bisquare_fit(x, y)[1]
    rng = np.random.default_rng(seed)
    draws = []
    for _ in range(resamples):
        pick = rng.integers(0, len(x), len(x))
        if np.ptp(x[pick]) > 0 and np.ptp(y[pick]) > 0:
            draws.append(bisquare_fit(x[pick], y[pick])[1])
    low, high = np.percentile(draws, [2.5, 97.5])
    invert = lambda s: float(1 / s) if s > 0 else None  # noqa: E731
    return invert(slope), invert(high), invert(low)


def bisquare_fit(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """(intercept, slope) of a Tukey-bisquare M-regression (statsmodels RLM, MAD scale, c = BISQUARE_C): false
    onsets far from the line weigh nothing. Unlike repeated medians, it copes with whole-year onsets, where most
    pairs of towns tie and the median pairwise slope is often exactly 0 (measured: no speed at all on a synthetic
    wave of 50 km a year)."""
    import statsmodels.api as sm

    with warnings.catch_warnings():  # a resample whose points all lie on the line: a perfect fit, not a problem
        warnings.simplefilter("ignore")
        fit = sm.RLM(y, sm.add_constant(x), M=sm.robust.norms.TukeyBiweight(c=BISQUARE_C)).fit()
    return float(fit.params[0]), float(fit.params[1])


def bisquare_slope(x: np.ndarray, y: np.ndarray) -> float:
    """The slope of bisquare_fit."""
    return bisquare_fit(x, y)[1]


def diffusion(
    con: duckdb.DuckDBPyConnection,
    result: OnsetResult,
    hubs: list[str] | None = None,
    min_distance_km: float = SUBURB_KM,
) -> DiffusionResult:
    distance, hub_codes = hub_distances(con, result.codes, hubs)
    population = dict(con.execute("SELECT code, population FROM commune").fetchall())
    classes = size_classes()
    size = np.array([classes.of(population.get(c) or 0) for c in result.codes], dtype=object)
    found = ~np.isnan(result.onset_year)
    used = (
        found
        & (size == "ville_moyenne")
        & np.isin(result.confidence, ["high", "medium"])
        & (distance >= min_distance_km)
    )
    speed, low, high = wave_speed(distance[used], result.onset_year[used])
    by_class: dict[tuple[int, str], int] = {}
    for year, cls in zip(result.onset_year[found].astype(int), size[found], strict=True):
        by_class[(year, cls)] = by_class.get((year, cls), 0) + 1
    totals: dict[int, int] = {}
    for (year, _), n in by_class.items():
        totals[year] = totals.get(year, 0) + n
    rows = [
        {"onset_year": y, "size_class": c, "onsets": n, "share_pct": round(100 * n / totals[y], 1)}
        for (y, c), n in sorted(by_class.items())
    ]
    points = [
        {
            "code": result.codes[i],
            "distance_km": round(float(distance[i]), 1),
            "onset_year": int(result.onset_year[i]),
            "size_class": size[i],
            "used_for_speed": bool(used[i]),
        }
        for i in np.flatnonzero(found)
    ]
    out = DiffusionResult(speed, low, high, int(used.sum()), rows, hub_codes, points)
    if speed is not None:
        out.intercept = bisquare_fit(distance[used], result.onset_year[used])[0]
        out.fit_from_km, out.fit_to_km = float(distance[used].min()), float(distance[used].max())
    if speed is None:
        out.notes.append("No wave speed: too few medium towns with a confident onset, or no outward trend.")
    return out

"""What is known about a town (or a police service) at the end of year t, and what happened in t+1: the features and
the targets of the early warning (analysis/forecast.py, analysis/backtest.py).

Leakage is ruled out by construction: the features of column t are computed from the panel *cut after t*
(`Panel.until(t)`): suppressed cells are filled, the secrecy rule's proofs read and onsets detected on years ≤ t
only, so a later year cannot reach them (tests/test_forecast.py shuffles year t+1 and checks).

Targets (`surge_labels`, `onset_labels`), for a unit and a target year s, read with the data known up to `until`:
- `surge`: count(s) ≥ max(5, 2 × mean of counts s-3..s-1). A suppressed past year counts for what the secrecy rule
  proves (its level, or 0), else the official complement (suppression.own_series), never 0; a town whose three
  previous years were all suppressed or zero and whose count(s) is published ≥ 5 is an emergence and counts as a
  surge. A suppressed count(s) is *unknown* (left out of scoring and training, and counted) unless the rule's
  proofs decide it: proven 0 (no surge), or proven ≥ 5 where the threshold is 5 (a surge).
  On the état 4001 by service (no secrecy) a unit-year is known when the service reported that year; a target year
  is scored for services with four consecutive known years (s-3..s). For règlements de comptes (index 01, rare) the
  target is "any in s where none in s-3..s-1".
- `onset`: the town's onset (analysis/onsets.py) falls in s, among towns with no onset before s; the onsets are
  detected on the years up to `until` (an onset needs two years from it on to be seen).

Features of the diffusion front and of the press (besides counts, rises, drug use, violence, neighbours, Gi*, hub):
- `onset_gap`: how many times this year's count the town must reach in the next two years for the onset detector
  to call an onset next year (the detector's own likelihood ratio, run on the years ≤ t): its distance to the
  criterion;
- `front_next_km`: how far beyond the place where the front of onsets should stand next year the town lies (a
  straight line through each year's median hub distance of the onsets seen so far);
- `onset_one_case`: for a town whose figure is a published zero, the chance that a single case next year makes
  the onset detector call an onset then (the secrecy rule suppresses the next two figures, the warehouse fills
  them with the département's complement: the detector's verdict on that series is known now), times the
  chance of at least one case; most onsets detected at the end of a series are of this kind;
- `front_hazard` (the onset model only, `ONSET_ONLY`): how many times the onset rate of towns of the town's size
  at its place relative to the moving front exceeds the rate at its distance from the hub (log), next year: the
  onsets seen so far, put in a frame that moves outward from the hubs at a speed chosen on the past years
  (`front_hazard`);
- `onset_hold` (the onset model only, `ONSET_ONLY`): 1 where the onset detector, run on the town's series with
  this year's level held one more year, calls an onset this year: a rise caught in its first year, which the
  detector cannot call before a second year is in (`onset_hold`);
- `near_rising`: towns within 25 km that rose this year (an onset of this year is not detectable yet);
- `press_events_20km`: the press monitor's events (table `event`) of year t whose commune lies within 20 km of the
  unit's town; 0 for everyone when the warehouse holds no event (and on years the press does not cover).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import duckdb
import numpy as np
from scipy import sparse
from scipy.ndimage import gaussian_filter
from scipy.spatial import cKDTree
from scipy.stats import poisson

from vigie.analysis.hotspots import gi_star
from vigie.analysis.onsets import detect_onsets
from vigie.analysis.rise import departement_expectation, recent_expectation
from vigie.analysis.spread import units_sql
from vigie.analysis.suppression import SECRECY_MINIMUM, fill, own_series, proven
from vigie.errors import VigieError
from vigie.geo.weights import EARTH_KM, distance_km, weights_for
from vigie.indicators import check_slug

PAST = 3  # the surge threshold compares a year with the mean of the three before it
DETECTOR_FROM = 3  # the onset detector's columns (onsets, onset_gap, onset_one_case) from the fourth year column
HUB_POPULATION = 150_000  # as analysis/diffusion.py: the big cities networks spread from
NEAR_KM = 25.0  # services whose towns lie this close are neighbours (services have no shared outlines)
PRESS_KM = 20.0  # press events (table `event`, the press monitor) this close to a unit's town count for it
# état 4001 indices: the indicator forecast, and its companions (drug use; violence)
SERVICE_INDEX = {"trafic": (55,), "reglements": (1,)}
SERVICE_RELATED = {
    "trafic": {"usage": (56, 57), "violence": (3, 5, 7, 74)},
    "reglements": {"usage": (55, 56, 57), "violence": (3, 5, 7, 74)},
}
COMMUNE_RELATED = {"usage": ("usage",), "violence": ("violences_hors_famille", "vols_armes")}
COMPANION = {"trafic": "usage", "usage": "trafic"}  # as analysis/suppression.py: where a hidden jump shows


@dataclass
class Series:
    """Units × years: published counts (NaN where suppressed or not reported), the suppressed flag, and each
    suppressed cell's official complement (the département's mean over its suppressed towns; 0 elsewhere)."""

    published: np.ndarray
    suppressed: np.ndarray
    complement: np.ndarray

    def cut(self, t: int) -> Series:
        return Series(self.published[:, : t + 1], self.suppressed[:, : t + 1], self.complement[:, : t + 1])


@dataclass
class Panel:
    """Everything the features read, for one source (`commune` or `service`) and indicator.

    `units` are town codes (Paris, Lyon, Marseille whole) or service ids, `towns` their commune code; `known`
    is False for a service-year the état 4001 does not report (services open and close)."""

    source: str
    indicator: str
    units: np.ndarray
    towns: np.ndarray
    names: np.ndarray
    years: np.ndarray
    main: Series
    related: dict[str, list[Series]]
    known: np.ndarray
    population: np.ndarray  # units × years
    dep: np.ndarray  # index of each unit's département
    departements: np.ndarray
    w: sparse.csr_matrix  # binary neighbours
    hub_distance: np.ndarray  # km to the nearest big city (NaN: none in the territory)
    hub: np.ndarray  # index of that hub among units (-1: not a unit)
    hub_names: np.ndarray
    near: sparse.csr_matrix | None = None  # units whose towns lie within NEAR_KM (the diffusion front's reach)
    follows_rule: bool = True
    rare: bool = False  # index 01: "any where none before"
    notes: list[str] = field(default_factory=list)
    press: np.ndarray | None = None  # units × years: press events within PRESS_KM (None: the warehouse has none)

    def counts(self, t: int) -> np.ndarray:
        """Units × years ≤ t: the counts as known at the end of year t (suppressed cells filled from years ≤ t)."""
        main = self.main.cut(t)
        if self.source == "service":
            return main.published.copy()
        population = self.population[:, : t + 1]
        lift = None
        if "usage" in self.related and COMPANION.get(self.indicator):
            related = self.related_counts("usage", t)
            recent = np.nan_to_num(recent_expectation(related, population, self.dep), nan=related)
            lift = (related + 0.5) / (recent + 0.5)
        return fill(main.published, main.suppressed, main.complement, population, self.dep, lift=lift)

    def own(self, t: int) -> np.ndarray:
        """Units × years ≤ t: each town's own series (proven level, proven zero, else the complement)."""
        main = self.main.cut(t)
        if self.source == "service":
            return main.published.copy()
        return own_series(main.published, main.suppressed, main.complement)

    def related_counts(self, name: str, t: int) -> np.ndarray:
        """Units × years ≤ t of a companion (drug use, violence), suppressed cells filled from years ≤ t."""
        if name not in self.related:
            return np.full((len(self.units), t + 1), np.nan)
        total = 0.0
        for s in self.related[name]:
            s = s.cut(t)
            if self.source == "service":
                total = total + s.published
            else:
                total = total + fill(s.published, s.suppressed, s.complement, self.population[:, : t + 1], self.dep)
        return total


def _matrix(rows, n_years: int, years_index: dict[int, int], units_index: dict[str, int], n_units: int):
    out = np.full((n_units, n_years), np.nan)
    for unit, year, value in rows:
        if unit in units_index and year in years_index and value is not None:
            out[units_index[unit], years_index[year]] = value
    return out


def commune_panel(con: duckdb.DuckDBPyConnection, indicator: str = "trafic", departement: str | None = None) -> Panel:
    """The commune base as a panel: towns (Paris, Lyon, Marseille whole) × years, with drug use and violence."""
    check_slug(indicator)
    if not con.execute("SELECT 1 FROM commune_fact LIMIT 1").fetchone():
        raise VigieError("the warehouse has no commune base: run `vigie build` (or use --source service)")
    related = {name: tuple(s for s in slugs if s != indicator) for name, slugs in COMMUNE_RELATED.items()}
    wanted = [indicator] + sorted({s for slugs in related.values() for s in slugs})
    con.execute(f"CREATE OR REPLACE TEMP TABLE _fc AS {units_sql(con, wanted)}")
    years = np.array(
        [
            r[0]
            for r in con.execute(f"SELECT DISTINCT year FROM _fc WHERE indicator = '{indicator}' ORDER BY 1").fetchall()
        ]
    )
    if len(years) == 0:
        raise VigieError(f"indicator {indicator!r}: the commune base has no data for it")
    towns = con.execute(f"""
        SELECT city, any_value(departement) FROM _fc WHERE indicator = '{indicator}' GROUP BY city
        HAVING count(*) = {len(years)} AND min(population) > 0 ORDER BY city""").fetchall()
    codes = np.array([r[0] for r in towns], dtype=object)
    deps = np.array([r[1] for r in towns], dtype=object)
    if departement:
        from vigie.analysis.spread import departement_code

        wanted_dep = departement_code(departement)
        if wanted_dep not in set(deps):
            raise VigieError(f"--departement {departement}: no town of that département in the commune base")
    index = {c: i for i, c in enumerate(codes)}
    years_index = {int(y): k for k, y in enumerate(years)}

    def series(slug) -> Series:
        rows = con.execute(
            f"SELECT city, year, count, suppressed, coalesce(from_complements, 0) FROM _fc WHERE indicator = '{slug}'"
        ).fetchall()
        shape = (len(years), years_index, index, len(codes))
        published = _matrix([(r[0], r[1], r[2]) for r in rows], *shape)
        flag = _matrix([(r[0], r[1], float(r[3])) for r in rows], *shape)
        suppressed = (flag == 1) | np.isnan(flag)  # a year missing for a town: as suppressed, never zero
        complement = np.where(suppressed, np.nan_to_num(_matrix([(r[0], r[1], r[4]) for r in rows], *shape)), 0.0)
        return Series(np.where(suppressed, np.nan, published), suppressed, complement)

    main = series(indicator)
    rel = {name: [series(s) for s in slugs] for name, slugs in related.items() if slugs}
    population = _matrix(
        con.execute(f"SELECT city, year, population FROM _fc WHERE indicator = '{indicator}'").fetchall(),
        len(years),
        years_index,
        index,
        len(codes),
    )
    names = dict(con.execute("SELECT code, name FROM commune").fetchall())
    deps_unique, dep = np.unique(deps, return_inverse=True)
    w = weights_for(con, codes).matrix
    hub_distance, hub, hub_names = _hubs(con, codes, codes, population[:, -1])
    where = dict(con.execute("SELECT code, [lon, lat] FROM commune WHERE lon IS NOT NULL").fetchall())
    lonlat = np.array([where.get(c) or [np.nan, np.nan] for c in codes], float)
    near = _near(lonlat, NEAR_KM)
    from vigie.analysis.suppression import follows_secrecy_rule

    panel = Panel(
        source="commune",
        indicator=indicator,
        units=codes,
        towns=codes,
        names=np.array([names.get(c, c) for c in codes], dtype=object),
        years=years,
        main=main,
        related=rel,
        known=np.ones(main.published.shape, bool),
        population=population,
        dep=dep,
        departements=deps_unique,
        w=w,
        hub_distance=hub_distance,
        hub=hub,
        hub_names=hub_names,
        near=near,
        follows_rule=follows_secrecy_rule(main.published),
        press=press_events(con, lonlat, years),
    )
    if departement:
        panel = restrict(panel, panel.departements[panel.dep] == departement_code(departement))
        if panel.main.suppressed.all():
            raise VigieError(
                f"--departement {departement}: every town-year of that département is suppressed (statistical "
                "secrecy): nothing can be scored or ranked there"
            )
    return panel


def restrict(panel: Panel, keep: np.ndarray) -> Panel:
    """The panel of some units only (their neighbours outside are dropped)."""
    idx = np.flatnonzero(keep)
    remap = np.full(len(panel.units), -1)
    remap[idx] = np.arange(len(idx))

    def cut(s: Series) -> Series:
        return Series(s.published[idx], s.suppressed[idx], s.complement[idx])

    out = Panel(
        panel.source,
        panel.indicator,
        panel.units[idx],
        panel.towns[idx],
        panel.names[idx],
        panel.years,
        cut(panel.main),
        {k: [cut(s) for s in v] for k, v in panel.related.items()},
        panel.known[idx],
        panel.population[idx],
        panel.dep[idx],
        panel.departements,
        panel.w[idx][:, idx],
        panel.hub_distance[idx],
        np.where(panel.hub[idx] >= 0, remap[np.maximum(panel.hub[idx], 0)], -1),
        panel.hub_names[idx],
        None if panel.near is None else panel.near[idx][:, idx],
        panel.follows_rule,
        panel.rare,
        list(panel.notes),
        None if panel.press is None else panel.press[idx],
    )
    return out


def _hubs(con, units_towns: np.ndarray, unit_keys: np.ndarray, population: np.ndarray):
    """Distance (km) from each unit's town to the nearest town of ≥ 150,000 inhabitants, that hub's position
    among the units (-1 when it is not one) and its name."""
    hubs = con.execute(
        "SELECT code, name, lon, lat FROM commune WHERE kind = 'commune' AND population >= ? AND lon IS NOT NULL",
        [HUB_POPULATION],
    ).fetchall()
    where = dict(con.execute("SELECT code, [lon, lat] FROM commune WHERE lon IS NOT NULL").fetchall())
    lonlat = np.array([where.get(c) or [np.nan, np.nan] for c in units_towns], float)
    if not hubs:
        n = len(units_towns)
        return np.full(n, np.nan), np.full(n, -1), np.array([""] * n, dtype=object)
    hl = np.array([[r[2], r[3]] for r in hubs], float)
    d = distance_km(lonlat[:, :1], lonlat[:, 1:], hl[None, :, 0], hl[None, :, 1])
    d = np.where(np.isnan(d), np.inf, d)
    nearest = d.argmin(1)
    dist = d[np.arange(len(d)), nearest]
    # the hub's own unit: for services, the biggest service of the hub's town
    position: dict[str, int] = {}
    for i, town in enumerate(units_towns):
        if town not in position or population[i] > population[position[town]]:
            position[town] = i
    hub_unit = np.array([position.get(hubs[k][0], -1) for k in nearest])
    hub_names = np.array([hubs[k][1] for k in nearest], dtype=object)
    far = ~np.isfinite(dist) | (dist > 400)  # another territory (overseas): no hub
    return np.where(far, np.nan, dist), np.where(far, -1, hub_unit), np.where(far, "", hub_names)


def service_panel(con: duckdb.DuckDBPyConnection, indicator: str = "trafic") -> Panel:
    """The état 4001 by service as a panel: the services mapped to a commune × years (2012–2021 in the real file).
    `indicator` is `trafic` (index 55) or `reglements` (index 01, règlements de comptes)."""
    if indicator not in SERVICE_INDEX:
        raise VigieError(
            f"--indicator {indicator!r}: the état 4001 source has trafic (index 55) and reglements (index 01)"
        )
    if not con.execute("SELECT 1 FROM service_fact LIMIT 1").fetchone():
        raise VigieError("the warehouse has no état 4001 by service: run `vigie build` with that file")
    units = con.execute("""
        SELECT s.service_id, s.code, s.name, s.departement, c.population FROM service s
        JOIN commune c ON c.code = s.code WHERE s.code IS NOT NULL ORDER BY s.service_id""").fetchall()
    if not units:
        raise VigieError("no service of the état 4001 is mapped to a commune: nothing to forecast")
    ids = np.array([r[0] for r in units], dtype=object)
    towns = np.array([r[1] for r in units], dtype=object)
    index = {s: i for i, s in enumerate(ids)}
    years = np.array([r[0] for r in con.execute("SELECT DISTINCT year FROM service_fact ORDER BY 1").fetchall()])
    years_index = {int(y): k for k, y in enumerate(years)}
    reported = _matrix(
        con.execute("SELECT service_id, year, 1.0 FROM service_fact GROUP BY ALL").fetchall(),
        len(years),
        years_index,
        index,
        len(ids),
    )
    known = ~np.isnan(reported)

    def series(indices) -> Series:
        rows = con.execute(
            f"""SELECT service_id, year, sum(count) FROM service_fact WHERE idx IN ({", ".join(map(str, indices))})
                GROUP BY ALL"""
        ).fetchall()
        values = _matrix(rows, len(years), years_index, index, len(ids))
        values = np.where(known, np.nan_to_num(values), np.nan)  # a reported year without the index: none
        return Series(values, ~known, np.zeros_like(values))

    main = series(SERVICE_INDEX[indicator])
    if not np.nansum(main.published):
        raise VigieError(f"--indicator {indicator}: the état 4001 by service has no case of it")
    related = {name: [series(idx)] for name, idx in SERVICE_RELATED[indicator].items()}
    population = np.array([r[4] or 0 for r in units], float)
    deps_unique, dep = np.unique(np.array([r[3] for r in units], dtype=object), return_inverse=True)
    where = dict(con.execute("SELECT code, [lon, lat] FROM commune WHERE lon IS NOT NULL").fetchall())
    lonlat = np.array([where.get(c) or [np.nan, np.nan] for c in towns], float)
    w = _near(lonlat, NEAR_KM)
    hub_distance, hub, hub_names = _hubs(con, towns, ids, population)
    return Panel(
        source="service",
        indicator=indicator,
        units=ids,
        towns=towns,
        names=np.array([r[2] for r in units], dtype=object),
        years=years,
        main=main,
        related=related,
        known=known,
        population=np.repeat(population[:, None], len(years), 1),
        dep=dep,
        departements=deps_unique,
        w=w,
        hub_distance=hub_distance,
        hub=hub,
        hub_names=hub_names,
        near=w,
        rare=indicator == "reglements",
        press=press_events(con, lonlat, years),
    )


def _near(lonlat: np.ndarray, km: float) -> sparse.csr_matrix:
    """Binary weights between points closer than `km` (great circle; a point is not its own neighbour)."""
    lon, lat = np.radians(lonlat[:, 0]), np.radians(lonlat[:, 1])
    xyz = np.column_stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])
    ok = np.isfinite(xyz).all(1)
    tree = cKDTree(np.where(ok[:, None], xyz, 10.0))
    pairs = tree.query_pairs(2 * np.sin(km / EARTH_KM / 2), output_type="ndarray")
    n = len(lonlat)
    rows = np.concatenate([pairs[:, 0], pairs[:, 1]]) if len(pairs) else np.array([], int)
    cols = np.concatenate([pairs[:, 1], pairs[:, 0]]) if len(pairs) else np.array([], int)
    m = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    m.data[:] = 1.0
    return m


def press_events(con: duckdb.DuckDBPyConnection, lonlat: np.ndarray, years: np.ndarray) -> np.ndarray | None:
    """Units × years: the press monitor's events (table `event`) of each calendar year whose commune lies within
    PRESS_KM of the unit's town (its own town included), every type counted once (an event reported by several
    articles is one event). An event is dated by its start (else its end); one without a commune or a date is left
    out. None when the warehouse holds no such event: the feature is then 0 for everyone (features_at)."""
    has = con.execute("SELECT 1 FROM duckdb_tables() WHERE table_name = 'event'").fetchone()
    if not has or not len(years):
        return None
    rows = con.execute(
        f"""SELECT c.lon, c.lat, year(coalesce(e.date_start, e.date_end)) AS y, count(*)
            FROM event e JOIN commune c ON c.code = e.commune
            WHERE c.lon IS NOT NULL AND coalesce(e.date_start, e.date_end) IS NOT NULL
              AND year(coalesce(e.date_start, e.date_end)) BETWEEN {int(years[0])} AND {int(years[-1])}
            GROUP BY ALL"""
    ).fetchall()
    if not rows:
        return None
    out = np.zeros((len(lonlat), len(years)))
    ok = np.isfinite(lonlat).all(1)
    tree = cKDTree(_unit_sphere(lonlat[ok]))
    where = np.flatnonzero(ok)
    first = int(years[0])
    radius = 2 * np.sin(PRESS_KM / EARTH_KM / 2)
    for lon, lat, year, count in rows:
        hits = tree.query_ball_point(_unit_sphere(np.array([[lon, lat]], float))[0], radius)
        np.add.at(out, (where[hits], int(year) - first), count)
    return out


def _unit_sphere(lonlat: np.ndarray) -> np.ndarray:
    lon, lat = np.radians(lonlat[:, 0]), np.radians(lonlat[:, 1])
    return np.column_stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])


def load_panel(con: duckdb.DuckDBPyConnection, source: str, indicator: str, departement: str | None = None) -> Panel:
    if source == "commune":
        return commune_panel(con, indicator, departement)
    if source == "service":
        panel = service_panel(con, indicator)
        if departement:
            from vigie.analysis.spread import departement_code

            keep = panel.departements[panel.dep] == departement_code(departement)
            if not keep.any():
                raise VigieError(f"--departement {departement}: no service of that département is mapped to a town")
            panel = restrict(panel, keep)
        return panel
    raise VigieError(f"--source {source!r}: choose commune or service")


# ---------------------------------------------------------------- features


def _ratio(a, b):
    with np.errstate(invalid="ignore", divide="ignore"):
        return (a + 1.0) / (b + 1.0)


def _col(x: np.ndarray, k: int) -> np.ndarray:
    return x[:, k] if k >= 0 else np.full(len(x), np.nan)


def _past_mean(x: np.ndarray, t: int, years: int = PAST) -> np.ndarray:
    lo = max(t - years + 1, 0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a town with no known year in the window: NaN
        return np.nanmean(x[:, lo : t + 1], 1)


def onsets_until(panel: Panel, t: int) -> np.ndarray:
    """Each town's onset column detected on the years ≤ t (NaN: none); the services have none."""
    return _onsets(panel, t)[0]


def _onsets(panel: Panel, t: int) -> tuple[np.ndarray, ...]:
    """(onset column, the detector's statistic, the rise the detector needs next (`onset_gap`), the chance that
    one case starts the town (`onset_one_case`), a rise caught in its first year (`onset_hold`)) of each town on
    the years ≤ t; NaN for the services and before the fourth year (DETECTOR_FROM: read from the third, these
    columns lost backtest years, BENCHMARKS.md onset session 11)."""
    n = len(panel.units)
    if panel.source != "commune" or t < DETECTOR_FROM:
        return tuple(np.full(n, np.nan) for _ in range(5))
    own = panel.own(t)
    expected = departement_expectation(own, panel.population[:, : t + 1], panel.dep)
    suppressed = panel.main.suppressed[:, : t + 1]
    result = detect_onsets(panel.units, np.arange(t + 1), own, expected, suppressed)
    one_case = onset_one_case(panel, t, own, expected)
    hold = onset_hold(panel.units, own, expected, suppressed)
    return result.onset_year, result.statistic, onset_gap(own, expected, result.dispersion), one_case, hold


def onset_hold(units: np.ndarray, own: np.ndarray, expected: np.ndarray, suppressed: np.ndarray) -> np.ndarray:
    """1 where the onset detector (analysis/onsets.py), run on each town's series of the years ≤ t (columns of
    `own`) followed by one more year at its year-t level (its expected count and its suppression held too),
    calls an onset in year t; else 0. A rise caught in its first year: the detector needs two years from an
    onset on, so it cannot call it yet. Read one or more years later, the detector puts such a town's onset in t
    (it is then no candidate for next year's onset any more) or, when the rise goes on, in t+1 by its ramp rule
    (year t below half-way to the later level): among the towns not started, a town so caught is a candidate for
    next year's onset that no level or trend column singles out (the lost 2022s of BENCHMARKS.md, onset session
    12: the default synthetic panel's Châlons-en-Champagne, 9 then 34). Whether and how much that counts is
    learned by the onset model."""
    years = own.shape[1]
    result = detect_onsets(
        units,
        np.arange(years + 1),
        np.column_stack([own, own[:, -1]]),
        np.column_stack([expected, expected[:, -1]]),
        np.column_stack([suppressed, suppressed[:, -1]]),
    )
    return (result.onset_year == years - 1).astype(float)


def onset_one_case(panel: Panel, t: int, own: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """For a town whose figure of year t is a published zero (none in t-2..t): the probability that its onset
    falls next year through a single case. Under the secrecy rule one case in t+1 suppresses the town's figure in
    t+1 and t+2 (their three-year windows hold a zero and a case), and the warehouse fills both with the
    département's complement (its mean over its suppressed towns, held at its year-t value), so whether the
    onset detector (analysis/onsets.py) then calls an onset in t+1 is decided now: it is run on the town's series
    so extended (every other town's level held). The probability is that verdict times P(at least one case) =
    1 − exp(−μ), μ the town's expected count next year (its département's rate × its population × its own ratio
    to that rate over the years ≤ t, half a case added to both sides). 0 for the other towns: their figure next
    year is not decided by one case."""
    n = len(panel.units)
    published, suppressed = panel.main.published[:, t], panel.main.suppressed[:, t]
    zero = ~suppressed & (np.nan_to_num(published, nan=-1) == 0)
    if not zero.any() or not panel.follows_rule:
        return np.zeros(n)
    complement = panel.main.complement[:, t]
    n_dep = len(panel.departements)
    count = np.bincount(panel.dep, suppressed.astype(float), n_dep)
    fill_value = np.bincount(panel.dep, np.where(suppressed, complement, 0.0), n_dep) / np.maximum(count, 1)
    national = np.median(complement[suppressed]) if suppressed.any() else 1.0
    fill_value = np.where(count > 0, fill_value, national)[panel.dep]
    ratio = (own.sum(1) + 0.5) / (expected.sum(1) + 0.5)
    level = ratio * expected[:, -1]  # every town's level held next year …
    ahead = np.where(zero, fill_value, level)  # … a published-zero town with one case: the complement
    years = np.arange(t + 3)
    result = detect_onsets(
        panel.units,
        years,
        np.column_stack([own, ahead, ahead]),
        np.column_stack([expected, expected[:, -1], expected[:, -1]]),
        np.column_stack([panel.main.suppressed[:, : t + 1], zero, zero]),
    )
    verdict = zero & (result.onset_year == t + 1)
    return np.where(verdict, -np.expm1(-level), 0.0)


def onset_gap(own: np.ndarray, expected: np.ndarray, dispersion: float, after: int = 2) -> np.ndarray:
    """How many times this year's count each town must reach in the next `after` years for the onset detector
    (analysis/onsets.py) to call an onset next year: with every year so far before the change point and the
    coming years at the count c (the département's rate held), the smallest c whose likelihood ratio, divided by
    the dispersion, exceeds the detector's critical value with a rise of at least MIN_RISE; returned as
    log((c + 0.5) / (this year's count + 0.5)). Small: a modest rise would already be an onset (a town with many
    expected cases, a quiet past); large: only a jump would (a small town, a busy past)."""
    from vigie.analysis.onsets import CRITICAL, MIN_RISE

    y0, e0 = own.sum(1), np.maximum(expected.sum(1), 1e-9)
    e1 = np.maximum(expected[:, -1], 1e-9)
    lam0 = y0 / e0

    def statistic(c):
        y1 = after * c
        total = y0 + y1
        lr = _xlogy(y0, lam0) + _xlogy(y1, c / e1) - _xlogy(total, total / (e0 + after * e1))
        return 2 * lr / dispersion

    low = np.maximum(MIN_RISE * lam0 * e1, 1e-6)
    high = np.maximum(low * 2, 1.0)
    for _ in range(60):  # grow the bracket until the statistic passes
        short = statistic(high) <= CRITICAL
        if not short.any():
            break
        high = np.where(short, high * 2, high)
    for _ in range(40):
        mid = (low + high) / 2
        passed = statistic(mid) > CRITICAL
        high, low = np.where(passed, mid, high), np.where(passed, low, mid)
    need = np.where(statistic(np.maximum(MIN_RISE * lam0 * e1, 1e-6)) > CRITICAL, MIN_RISE * lam0 * e1, high)
    return np.log((need + 0.5) / (np.nan_to_num(own[:, -1]) + 0.5))


def _xlogy(x, y):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(x > 0, x * np.log(np.where(y > 0, y, 1)), 0.0)


def front_next_gap(hub_distance: np.ndarray, onset: np.ndarray, t: int) -> np.ndarray:
    """km between each town and where the diffusion front should stand next year (column t+1): the front is the
    median distance to the nearest hub of the towns whose onset fell in a year, and its advance a straight line
    through those medians (least squares, each year weighted by its number of onsets), extrapolated one or two
    years on (the latest onsets are not seen yet: an onset needs two years from it on). NaN when fewer than three
    years have onsets or the front does not move outward."""
    started = np.isfinite(onset) & np.isfinite(hub_distance)
    years = np.unique(onset[started])
    if len(years) < 3:
        return np.full(len(onset), np.nan)
    front = np.array([np.median(hub_distance[started & (onset == y)]) for y in years])
    weight = np.array([np.sum(started & (onset == y)) for y in years], float)
    slope, intercept = np.polyfit(years, front, 1, w=np.sqrt(weight))
    if not slope > 0:
        return np.full(len(onset), np.nan)
    return hub_distance - (intercept + slope * (t + 1))


FRONT_SPEEDS = (0.0, 10.0, 15.0, 20.0, 25.0, 30.0, 40.0, 50.0, 60.0, 75.0, 90.0, 120.0)  # km a year; 0: no front
FRONT_WIDTHS = (0.5, 1.0)  # the front's width, in years of its advance (kernel sd: speed × width, ≥ 10 km × width)
FRONT_BIN_KM, FRONT_BIN_LOG_POP = 5.0, 0.25  # the grid the rates are smoothed on
FRONT_MAX_KM = 450.0  # the fixed frame's grid (hub distances end at 400 km: _hubs)
FRONT_POP_SD = 0.5  # towns of a similar size: kernel sd in log population
FRONT_STATIC_KM = 15.0  # the rate at a distance from the hub: kernel sd
FRONT_STATIC_PRIOR, FRONT_PRIOR = 2.0, 0.2  # shrinkage (town-years; expected onsets) toward no effect, per cell
FRONT_MIN_YEARS = 3  # years of onsets the front needs (from two, no wave shows: BENCHMARKS.md onset session 11)


def _grid_sum(i: np.ndarray, j: np.ndarray, weight: np.ndarray, shape: tuple[int, int]) -> np.ndarray:
    out = np.zeros(shape)
    np.add.at(out, (i, j), weight)
    return out


def _bin(v: np.ndarray, low: float, width: float, n: int) -> np.ndarray:
    return np.clip(((v - low) / width).astype(int), 0, n - 1)


def front_hazard(
    hub_distance: np.ndarray, log_population: np.ndarray, onset: np.ndarray, t: int
) -> tuple[np.ndarray, tuple[float, float] | None]:
    """(log ratio for each town, (speed, width) chosen): how many times its onset rate next year (column t+1) at its
    place relative to a front moving outward from the hubs exceeds the rate at its distance from the hub, for
    towns of its size, from the onsets detected on the years ≤ t (`onset`, columns).

    The diffusion wave of the issue starts towns at a distance d from the nearest hub around a year a + d / v: in a
    frame moving with the front (r = d − v × year) its onsets gather at one place, whatever the year. The rate of
    year s at (d, size) is first smoothed over the past years in the fixed frame (the static rate: towns near a
    hub start more, the wave's passage averaged out); the onsets are then counted in the moving frame against
    what the static rate expects there (both smoothed over r and log population, Gaussian kernels on a grid), and
    the ratio, shrunk toward 1 where few onsets are expected, is read at the town's r next year. The speed v and
    the front's width are chosen among FRONT_SPEEDS × FRONT_WIDTHS by the likelihood of each past year's onsets
    forecast from the years before it (forward: the backtest's own question), v = 0 (no moving front) among them.
    Years read: the onset columns 1..t-1 (the detector cannot call one in t yet); NaN before four such years."""
    n = len(hub_distance)
    ok = np.isfinite(hub_distance) & np.isfinite(log_population)
    years = list(range(1, t))
    if len(years) < max(FRONT_MIN_YEARS, 2) or not ok.any():
        return np.full(n, np.nan), None
    parts = []
    for s in years:
        risk = ok & ~(onset < s)  # towns with no onset before s (NaN: none seen)
        parts.append((np.full(risk.sum(), s), hub_distance[risk], log_population[risk], (onset[risk] == s) * 1.0))
    year, dist, size, started = (np.concatenate([p[k] for p in parts]) for k in range(4))
    n_size = int(16 / FRONT_BIN_LOG_POP)
    j = _bin(size, 0.0, FRONT_BIN_LOG_POP, n_size)
    n_dist = int(FRONT_MAX_KM / FRONT_BIN_KM)
    i_dist = _bin(dist, 0.0, FRONT_BIN_KM, n_dist)
    size_sd = FRONT_POP_SD / FRONT_BIN_LOG_POP

    def static(rows: np.ndarray) -> np.ndarray:
        """The rate by (distance, size) over the rows, shrunk toward the rate of the size."""
        sd = (FRONT_STATIC_KM / FRONT_BIN_KM, size_sd)
        shape = (n_dist, n_size)
        num = gaussian_filter(_grid_sum(i_dist[rows], j[rows], started[rows], shape), sd)
        den = gaussian_filter(_grid_sum(i_dist[rows], j[rows], np.ones(rows.sum()), shape), sd)
        by_size = (num.sum(0) + 0.5) / (den.sum(0) + 1.0)
        return (num + FRONT_STATIC_PRIOR * by_size) / (den + FRONT_STATIC_PRIOR)

    def moving(v: float, width: float, rows: np.ndarray, expected: np.ndarray):
        """The ratio observed / expected in the moving frame, on a grid, and the bins of r."""
        r = dist - v * year
        r_next = hub_distance[ok] - v * (t + 1)
        low = min(r.min(), r_next.min()) - 100.0
        n_r = int((max(r.max(), r_next.max()) + 100.0 - low) / FRONT_BIN_KM) + 1
        i_r = _bin(r, low, FRONT_BIN_KM, n_r)
        sd = (max(v, 10.0) * width / FRONT_BIN_KM, size_sd)
        num = gaussian_filter(_grid_sum(i_r[rows], j[rows], started[rows], (n_r, n_size)), sd)
        exp = gaussian_filter(_grid_sum(i_r[rows], j[rows], expected[rows], (n_r, n_size)), sd)
        return (num + FRONT_PRIOR) / (exp + FRONT_PRIOR), i_r, (low, n_r)

    tests = years[2:] if len(years) > 2 else years[1:]  # forecast from two years or more (from one: two read)
    expected_before = {}
    for s in tests:
        rate = static(year < s)
        expected_before[s] = rate[i_dist, j]
    best = None
    for v in FRONT_SPEEDS:
        for width in FRONT_WIDTHS:
            loglik = 0.0
            for s in tests:
                ratio, i_r, _ = moving(v, width, year < s, expected_before[s])
                now = year == s
                q = np.clip(expected_before[s][now] * ratio[i_r[now], j[now]], 1e-7, 1 - 1e-7)
                loglik += np.sum(started[now] * np.log(q) + (1 - started[now]) * np.log1p(-q))
            if best is None or loglik > best[0]:
                best = (loglik, v, width)
    _, v, width = best
    every = np.ones(len(year), bool)
    ratio, _, (low, n_r) = moving(v, width, every, static(every)[i_dist, j])
    out = np.full(n, np.nan)
    i_next = _bin(hub_distance[ok] - v * (t + 1), low, FRONT_BIN_KM, n_r)
    out[ok] = np.log(ratio[i_next, _bin(log_population[ok], 0.0, FRONT_BIN_LOG_POP, n_size)])
    return out, (v, width)


FEATURES = (
    "count",
    "count_1",
    "count_2",
    "count_3",
    "mean3",
    "threshold_gap",
    "log_threshold",
    "surge_z",
    "naive_surge_p",
    "rise_1y",
    "ratio_1y",
    "ratio_3y",
    "slope4",
    "volatility",
    "past_max_gap",
    "rate",
    "log_population",
    "suppressed_years",
    "suppressed_now",
    "usage",
    "usage_rise_2y",
    "usage_ratio_3y",
    "violence_rate",
    "violence_ratio_3y",
    "neigh_count",
    "neigh_ratio_3y",
    "neigh_rising",
    "neigh_usage_ratio",
    "gi_rate",
    "gi_rise",
    "hub_km",
    "hub_ratio_3y",
    "dep_ratio_3y",
    "dep_ratio_1y",
    "onsets_near",
    "onsets_within_25km",
    "front_gap_km",
    "front_next_km",
    "onset_gap",
    "onset_one_case",
    "near_rising",
    "own_onset_age",
    "press_events_20km",
    "front_hazard",
    "onset_hold",
)
ONSET_ONLY = ("front_hazard", "onset_hold")  # the last columns: read by the onset model only (forecast._width)


def features_at(panel: Panel, t: int) -> np.ndarray:
    """Units × FEATURES known at the end of year column t (computed from the panel cut after t)."""
    x = panel.counts(t)
    n = len(x)
    c0, c1, c2, c3 = (_col(x, t - k) for k in range(4))
    mean3 = _past_mean(x, t)
    threshold = np.maximum(SECRECY_MINIMUM, 2 * mean3)
    last4 = x[:, max(t - 3, 0) : t + 1]
    with np.errstate(invalid="ignore", divide="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        k = np.arange(last4.shape[1]) - (last4.shape[1] - 1) / 2
        slope = np.nansum((last4 - np.nanmean(last4, 1, keepdims=True)) * k, 1) / max((k**2).sum(), 1)
        volatility = np.nanstd(last4, 1) / (np.nanmean(last4, 1) + 1)
        past_max = np.nanmax(x[:, : t + 1], 1)
    population = panel.population[:, t]
    suppressed = (
        panel.main.suppressed[:, : t + 1] & panel.known[:, : t + 1]
        if panel.source == "commune"
        else (~panel.known[:, : t + 1])
    )
    zeros = np.zeros(n)

    usage = panel.related_counts("usage", t)
    violence = panel.related_counts("violence", t)
    u_mean = _past_mean(usage, t - 1) if t >= 1 else np.full(n, np.nan)
    v_mean = _past_mean(violence, t - 1) if t >= 1 else np.full(n, np.nan)
    w = panel.w
    c0z, mean3z = np.nan_to_num(c0), np.nan_to_num(mean3)
    neigh_count = w @ c0z
    neigh_mean = w @ mean3z
    rising = (c0z >= np.maximum(SECRECY_MINIMUM, 1.5 * mean3z)).astype(float)
    neigh_rising = w @ rising
    u0 = np.nan_to_num(_col(usage, t))
    neigh_usage = _ratio(w @ u0, w @ np.nan_to_num(u_mean))
    safe_pop = np.maximum(population, 1.0)
    gi_rate = gi_star(w, (c0z / safe_pop * 1000)[:, None])[:, 0]
    gi_rise = gi_star(w, ((c0z - mean3z) / np.sqrt(mean3z + 1))[:, None])[:, 0]
    hub_ratio = np.where(panel.hub >= 0, _ratio(c0z, mean3z)[np.maximum(panel.hub, 0)], np.nan)
    dep_now = np.bincount(panel.dep, c0z, len(panel.departements))
    dep_mean = np.bincount(panel.dep, mean3z, len(panel.departements))
    dep_last = np.bincount(panel.dep, np.nan_to_num(c1), len(panel.departements))
    onset, _, gap, one_case, hold = _onsets(panel, t)
    recent = ((onset >= t - 3) & (onset <= t)).astype(float)
    onsets_near = w @ recent
    within = panel.near @ recent if panel.near is not None else np.full(n, np.nan)
    within_rising = panel.near @ rising if panel.near is not None else np.full(n, np.nan)
    # the diffusion front: how far beyond the recent onsets around the same hub the town lies
    front = np.full(n, np.nan)
    started = recent > 0
    if started.any():
        for hub in np.unique(panel.hub_names[started]):
            if hub:
                same = panel.hub_names == hub
                front[same] = panel.hub_distance[same] - np.nanmedian(panel.hub_distance[same & started])
    columns = {
        "count": c0,
        "count_1": c1,
        "count_2": c2,
        "count_3": c3,
        "mean3": mean3,
        "threshold_gap": c0 / threshold,
        "log_threshold": np.log(threshold),
        "surge_z": (threshold - c0) / np.sqrt(np.maximum(c0, 1)),
        "naive_surge_p": poisson.sf(np.ceil(threshold) - 1, np.maximum(np.nan_to_num(np.maximum(c0, c1)), 0.1)),
        "rise_1y": c0 - c1,
        "ratio_1y": _ratio(c0, c1),
        "ratio_3y": _ratio(c0, _past_mean(x, t - 1) if t >= 1 else np.full(n, np.nan)),
        "slope4": slope,
        "volatility": volatility,
        "past_max_gap": _ratio(c0, past_max),
        "rate": c0 / safe_pop * 1000,
        "log_population": np.log1p(population),
        "suppressed_years": suppressed[:, max(t - 3, 0) :].sum(1).astype(float),
        "suppressed_now": suppressed[:, t].astype(float),
        "usage": _col(usage, t) / safe_pop * 1000,
        "usage_rise_2y": _ratio(_col(usage, t), _col(usage, t - 2)),
        "usage_ratio_3y": _ratio(_col(usage, t), u_mean),
        "violence_rate": _col(violence, t) / safe_pop * 1000,
        "violence_ratio_3y": _ratio(_col(violence, t), v_mean),
        "neigh_count": neigh_count,
        "neigh_ratio_3y": _ratio(neigh_count, neigh_mean),
        "neigh_rising": neigh_rising,
        "neigh_usage_ratio": neigh_usage,
        "gi_rate": gi_rate,
        "gi_rise": gi_rise,
        "hub_km": panel.hub_distance,
        "hub_ratio_3y": hub_ratio,
        "dep_ratio_3y": _ratio(dep_now, dep_mean)[panel.dep],
        "dep_ratio_1y": _ratio(dep_now, dep_last)[panel.dep],
        "onsets_near": onsets_near,
        "onsets_within_25km": within,
        "front_gap_km": front,
        "front_next_km": front_next_gap(panel.hub_distance, onset, t),
        "onset_gap": gap,
        "onset_one_case": one_case,
        "near_rising": within_rising,
        "own_onset_age": np.where(np.isnan(onset), np.nan, t - onset),
        "press_events_20km": zeros if panel.press is None else panel.press[:, t],
        "front_hazard": front_hazard(panel.hub_distance, np.log(safe_pop), onset, t)[0]
        if panel.source == "commune"
        else np.full(n, np.nan),
        "onset_hold": hold,
    }
    out = np.column_stack([np.asarray(columns[f], float) + zeros for f in FEATURES])
    out[~panel.known[:, t]] = np.nan  # a service that did not report: nothing known this year
    return out


# ---------------------------------------------------------------- targets


def surge_labels(panel: Panel, s: int, until: int, min_past: int = PAST) -> np.ndarray:
    """1 / 0 / NaN (unknown) for each unit: did year column s surge, read with the years ≤ until (module doc)?
    `min_past`: known past years needed (3 for scoring; training also takes 2)."""
    n = len(panel.units)
    out = np.full(n, np.nan)
    if s < min_past or s > until:
        return out
    lo = max(s - PAST, 0)
    known_past = panel.known[:, lo:s].sum(1) >= min_past if panel.source == "service" else np.full(n, True)
    if panel.source == "service":
        x = panel.main.published
        past = x[:, lo:s]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            mean = np.nanmean(past, 1)
        now = x[:, s]
        if panel.rare:
            label = (now > 0) & (np.nansum(past, 1) == 0)
        else:
            label = now >= np.maximum(SECRECY_MINIMUM, 2 * mean)
        ok = known_past & panel.known[:, s] & panel.known[:, lo:s].all(1)
        return np.where(ok, label.astype(float), np.nan)
    main = panel.main.cut(until)
    own = own_series(main.published, main.suppressed, main.complement)
    mean = own[:, lo:s].mean(1)
    threshold = np.maximum(SECRECY_MINIMUM, 2 * mean)
    published = ~main.suppressed[:, s]
    now = main.published[:, s]
    quiet = (main.suppressed[:, lo:s] | (np.nan_to_num(main.published[:, lo:s]) == 0)).all(1)
    out = np.where(published, (now >= threshold).astype(float), np.nan)
    out = np.where(published & quiet & (now >= SECRECY_MINIMUM), 1.0, out)
    if panel.follows_rule:
        at_least, none, _ = proven(main.published, main.suppressed)
        out = np.where(~published & none[:, s], 0.0, out)
        out = np.where(~published & at_least[:, s] & (threshold <= SECRECY_MINIMUM), 1.0, out)
    return out


def onset_labels(panel: Panel, s: int, until: int, onset: np.ndarray | None = None) -> np.ndarray:
    """1 / 0 / NaN for each town: does its onset (detected on years ≤ until) fall in year column s? NaN (unknown,
    not 0) for:
    - towns whose onset came before s (they have started already);
    - every town when s is the last year read: the detector needs two years from an onset on (analysis/onsets.py);
    - when s is the year before the last, the towns whose figure of s-1 was suppressed: their rise in s is still
      hidden behind the département's complement. Measured on four synthetic panels (seeds 2025, 7, 31, 404): read
      one year after, the detector called 0–1 of the 14–35 onsets a year of such towns it called two or more
      years after (of the other towns' onsets, about as many as later, not always the same towns)."""
    n = len(panel.units)
    if s >= until:
        return np.full(n, np.nan)
    if onset is None:
        onset = onsets_until(panel, until)
    out = np.where(onset == s, 1.0, 0.0)
    if s == until - 1 and panel.source == "commune":
        out = np.where(panel.main.suppressed[:, s - 1] & panel.known[:, s - 1], np.nan, out)
    return np.where(onset < s, np.nan, out)

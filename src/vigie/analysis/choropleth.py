"""What colours each town on the national map: its emerging hot-spot category, its rate, its trend, or (when a
forecast is stored) its place on the watchlist, for one indicator and year, read from the stored results.

The result holds classes and numbers only; the page picks the colours and writes the words around them.
Suppressed town-years keep their class where there is one (a category is computed on filled figures) and are
flagged, so the map can hatch them and say why.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import duckdb
import numpy as np

from vigie.analysis.hotspots import CATEGORIES
from vigie.errors import VigieError
from vigie.warehouse import literal

COLOURINGS = ("category", "rate", "trend", "watchlist")
RATE_QUANTILES = (0.2, 0.4, 0.6, 0.8, 0.95)  # of the towns with at least one case: five steps and the top 5 %
TREND_ALPHA = 0.05
WATCHLIST_SHARES = (0.01, 0.05, 0.10, 1.0)  # the watchlist: the 1 %, 5 %, 10 % of towns most likely to surge, the rest


@dataclass
class Choropleth:
    """`classes`: the class keys in legend order; `breaks`: for `rate`, the upper bound of each class; for
    `watchlist`, the share of towns ranked at or above each class (by forecast probability); `towns`: code →
    (class index or -1 for no figure, value or None); `suppressed`: the codes whose figure for the year was not
    published by the SSMSI."""

    colouring: str
    indicator: str
    year: int
    years: list[int]
    classes: list[str]
    breaks: list[float] = field(default_factory=list)
    towns: dict[str, tuple[int, float | None]] = field(default_factory=dict)
    suppressed: list[str] = field(default_factory=list)


def has_forecast(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the warehouse holds an early-warning forecast: a `forecast` table with `code` and `probability`
    (issue 11's), and rows in it."""
    columns = {
        r[0] for r in con.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = 'forecast'").fetchall()
    }
    return {"code", "probability"} <= columns and con.execute("SELECT 1 FROM forecast LIMIT 1").fetchone() is not None


def years(con: duckdb.DuckDBPyConnection, indicator: str) -> list[int]:
    return [
        r[0]
        for r in con.execute(
            "SELECT DISTINCT year FROM commune_fact WHERE indicator = ? ORDER BY 1", [indicator]
        ).fetchall()
    ]


def choropleth(con: duckdb.DuckDBPyConnection, indicator: str, year: int | None, colouring: str) -> Choropleth:
    """The class of every town for one indicator, year and colouring (see the module docstring)."""
    if colouring not in COLOURINGS:
        raise VigieError(f"colour {colouring!r}: choose one of {', '.join(COLOURINGS)}")
    if colouring == "watchlist" and not has_forecast(con):
        raise VigieError("colour 'watchlist': the warehouse holds no forecast yet")
    available = years(con, indicator)
    if not available:
        raise VigieError(f"indicator {indicator!r}: no commune figures in the warehouse")
    year = available[-1] if year is None else year
    if year not in available:
        raise VigieError(f"year {year}: the commune figures cover {available[0]}–{available[-1]}")
    suppressed = [
        r[0]
        for r in con.execute(
            """SELECT coalesce(c.parent, f.code) FROM commune_fact f LEFT JOIN commune c USING (code)
               WHERE f.indicator = ? AND f.year = ? GROUP BY 1 HAVING bool_or(f.suppressed)""",
            [indicator, year],
        ).fetchall()
    ]
    result = Choropleth(colouring, indicator, year, available, [], suppressed=suppressed)
    if colouring == "category":
        result.classes = list(CATEGORIES)
        index = {c: k for k, c in enumerate(CATEGORIES)}
        rows = con.execute(
            "SELECT code, category, gi_z FROM hotspot WHERE indicator = ? AND year = ?", [indicator, year]
        ).fetchall()
        if not rows:
            raise VigieError(
                f"no hot spots stored for {indicator} in {year}: run `vigie analyse --indicator {indicator}`"
            )
        result.towns = {code: (index[cat], None if z is None else round(z, 2)) for code, cat, z in rows}
    elif colouring == "trend":
        result.classes = ["hausse_significative", "hausse", "baisse", "baisse_significative"]
        rows = con.execute(
            "SELECT code, mk_z, mk_p FROM hotspot WHERE indicator = ? AND year = ? AND mk_z IS NOT NULL",
            [indicator, year],
        ).fetchall()
        if not rows:
            raise VigieError(
                f"no hot spots stored for {indicator} in {year}: run `vigie analyse --indicator {indicator}`"
            )
        result.towns = {
            code: ((0 if z > 0 else 3) if p < TREND_ALPHA else (1 if z > 0 else 2), round(z, 2)) for code, z, p in rows
        }
    elif colouring == "rate":
        rows = con.execute(
            """SELECT coalesce(c.parent, f.code) AS town,
                      1000.0 * sum(f.count) / nullif(sum(f.population), 0) AS rate, bool_or(f.suppressed)
               FROM commune_fact f LEFT JOIN commune c USING (code)
               WHERE f.indicator = ? AND f.year = ?
                 AND NOT EXISTS (SELECT 1 FROM commune a WHERE a.parent = f.code)
               GROUP BY town""",
            [indicator, year],
        ).fetchall()
        positive = np.array([r[1] for r in rows if r[1] and not r[2]], float)
        breaks = sorted(set(np.round(np.quantile(positive, RATE_QUANTILES), 2).tolist())) if len(positive) else []
        breaks.append(round(float(positive.max()), 2) if len(positive) else 0.0)
        result.breaks = breaks
        result.classes = ["zero", *[f"rate_{k}" for k in range(len(breaks))]]
        for code, rate, hidden in rows:
            if hidden or rate is None:
                result.towns[code] = (-1, None)
            else:
                step = 0 if rate == 0 else 1 + min(int(np.searchsorted(breaks, round(rate, 2))), len(breaks) - 1)
                result.towns[code] = (step, round(rate, 3))
    else:
        result.breaks = list(WATCHLIST_SHARES)
        result.classes = [f"watch_{k}" for k in range(len(result.breaks))]
        columns = {
            r[0]
            for r in con.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = 'forecast'").fetchall()
        }
        where = " AND ".join(
            clause
            for column, clause in (
                ("source", "source = 'commune'"),
                ("target", "target = 'surge'"),
                ("indicator", f"indicator = {literal(indicator)}"),
            )
            if column in columns
        )
        rows = con.execute(
            f"SELECT code, max(probability) FROM forecast {'WHERE ' + where if where else ''} GROUP BY code"
        ).fetchall()
        rows = sorted((r for r in rows if r[1] is not None), key=lambda r: -r[1])
        result.towns = {
            code: (int(np.searchsorted(result.breaks, (k + 1) / len(rows))), round(p, 4))
            for k, (code, p) in enumerate(rows)
        }
    return result

"""Everything a town's page shows, in one payload: its profile (`vigie commune`), plus its size class's median rate
year by year, its neighbours with their categories, its press events with their articles, and its forecast when
the warehouse holds one. The dashboard page and its CSV downloads render this; nothing is computed in the web code.
"""

from __future__ import annotations

import json

import duckdb

from vigie.analysis.choropleth import has_forecast
from vigie.analysis.profile import national_is_stored, profile
from vigie.analysis.spread import units_sql
from vigie.errors import VigieError
from vigie.indicators import DRUGS, INDICATORS, VIOLENCE
from vigie.warehouse import literal

PAGE_INDICATORS = tuple(i for i in (*DRUGS, *VIOLENCE) if i in INDICATORS)


def class_medians(
    con: duckdb.DuckDBPyConnection, indicators: list[str], size_class: str
) -> dict[str, dict[int, float]]:
    """Median rate per 1,000 (published and complemented counts) of the towns of one size class, by indicator and
    year."""
    result: dict[str, dict[int, float]] = {i: {} for i in indicators}
    if not indicators:
        return result
    if national_is_stored(con) and set(indicators) <= set(PAGE_INDICATORS):  # stored once per data version
        rows = con.execute(
            "SELECT indicator, year, median FROM class_median "
            f"WHERE size_class = {literal(size_class)} AND indicator IN ({', '.join(map(literal, indicators))}) "
            "ORDER BY ALL"
        ).fetchall()
    else:
        rows = con.execute(
            f"SELECT indicator, year, median FROM ({class_medians_sql(con, indicators)}) WHERE size_class = ? "
            "ORDER BY ALL",
            [size_class],
        ).fetchall()
    for indicator, year, value in rows:
        if value is not None:
            result[indicator][year] = round(value, 3)
    return result


def class_medians_sql(con: duckdb.DuckDBPyConnection, indicators: list[str]) -> str:
    """Median rate per 1,000 of every size class, by indicator and year: (indicator, size_class, year,
    median)."""
    return f"""WITH u AS ({units_sql(con, indicators)})
            SELECT indicator, size_class, year, median(1000.0 * estimate / nullif(population, 0)) AS median
            FROM u GROUP BY ALL"""


def neighbours(con: duckdb.DuckDBPyConnection, code: str, indicator: str = "trafic") -> list[dict]:
    """The towns whose outlines touch this one (queen contiguity), with their latest category and onset."""
    rows = con.execute(
        """WITH last AS (SELECT code, category FROM hotspot WHERE indicator = ?
                         QUALIFY year = max(year) OVER ())
           SELECT c.code, c.name, c.departement, c.population, last.category, o.onset_year
           FROM adjacency a JOIN commune c ON c.code = a.neighbour
           LEFT JOIN last ON last.code = c.code
           LEFT JOIN onset o ON o.code = c.code AND o.indicator = ?
           WHERE a.code = ? ORDER BY c.population DESC NULLS LAST""",
        [indicator, indicator, code],
    ).fetchall()
    keys = ("code", "name", "departement", "population", "category", "onset_year")
    return [dict(zip(keys, r, strict=True)) for r in rows]


def events(con: duckdb.DuckDBPyConnection, code: str) -> list[dict]:
    """The town's press events, latest first, each with the articles that report it."""
    rows = con.execute(
        """SELECT * FROM (
             SELECT e.event_id, e.type, e.place, e.date_start, e.date_end, e.killed, e.injured, e.count, e.cash_eur,
                    list({'title': a.title, 'url': a.url, 'published': a.published, 'evidence': m.evidence}
                         ORDER BY a.published) AS articles
             FROM event e JOIN event_mention m USING (event_id) JOIN article a USING (article_id)
             WHERE e.commune = ? GROUP BY ALL)
           ORDER BY coalesce(date_end, date_start) DESC NULLS LAST, event_id""",
        [code],
    ).fetchall()
    keys = ("event_id", "type", "place", "date_start", "date_end", "killed", "injured", "count", "cash_eur", "articles")
    return [dict(zip(keys, r, strict=True)) for r in rows]


def forecast(con: duckdb.DuckDBPyConnection, code: str) -> list[dict]:
    """The town's rows of the early-warning forecast, when the warehouse holds one (else an empty list)."""
    if not has_forecast(con):
        return []
    result = con.execute("SELECT * FROM forecast WHERE code = ?", [code])
    names = [d[0] for d in result.description]
    rows = [dict(zip(names, r, strict=True)) for r in result.fetchall()]
    for row in rows:  # drivers are stored as JSON: a list of {text} or of plain phrases
        drivers = row.get("drivers")
        if isinstance(drivers, str):
            try:
                drivers = json.loads(drivers)
            except ValueError:
                drivers = [drivers]
        row["drivers_list"] = [
            d.get("texte") or d.get("text") or str(d) if isinstance(d, dict) else str(d) for d in drivers or []
        ]
    return rows


def town_page(con: duckdb.DuckDBPyConnection, code: str) -> dict:
    """The payload of /commune/{code}: a VigieError (→ 404) when no commune has this code."""
    found = con.execute(
        "SELECT code FROM commune_code_map WHERE old_code = ? UNION SELECT code FROM commune WHERE code = ?",
        [code, code],
    ).fetchone()
    if not found:
        raise VigieError(f"no commune has the code {code!r}")
    result = profile(con, found[0])
    size_class = result["size_class"]
    shown = sorted({r["indicator"] for r in result["series"]})
    result["class_medians"] = class_medians(con, shown, size_class) if size_class else {}
    result["neighbours"] = neighbours(con, result["code"])
    result["events"] = events(con, result["code"])
    result["forecast"] = forecast(con, result["code"])
    return result


def latest_events(
    con: duckdb.DuckDBPyConnection,
    event_type: str | None = None,
    departement: str | None = None,
    start=None,
    end=None,
    limit: int = 500,
) -> list[dict]:
    """The latest press events of every town (for /evenements), filtered by type, département and dates (an event
    is kept when its dates overlap the range), each with its town's name and its articles."""
    where, params = ["TRUE"], []
    if event_type:
        where.append("e.type = ?")
        params.append(event_type)
    if departement:
        where.append("e.departement = ?")
        params.append(departement.upper().zfill(2))
    if start:
        where.append("coalesce(e.date_end, e.date_start) >= ?")
        params.append(start)
    if end:
        where.append("coalesce(e.date_start, e.date_end) <= ?")
        params.append(end)
    rows = con.execute(
        f"""SELECT * FROM (
             SELECT e.event_id, e.type, e.commune, c.name AS commune_name, e.departement, e.place, e.date_start,
                    e.date_end, e.killed, e.injured,
                    list({{'title': a.title, 'url': a.url, 'published': a.published}} ORDER BY a.published) AS articles
             FROM event e JOIN event_mention m USING (event_id) JOIN article a USING (article_id)
             LEFT JOIN commune c ON c.code = e.commune
             WHERE {" AND ".join(where)} GROUP BY ALL)
           ORDER BY coalesce(date_end, date_start) DESC NULLS LAST, event_id LIMIT {int(limit)}""",
        params,
    )
    names = [d[0] for d in rows.description]
    return [dict(zip(names, r, strict=True)) for r in rows.fetchall()]

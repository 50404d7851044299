"""`vigie commune`: one town's profile — its drug and violence series, how its rate compares with towns of its size,
its rank, and the police or gendarmerie services named after it. Suppressed years stay visible as such."""

from __future__ import annotations

import duckdb

from vigie.analysis.spread import units_sql
from vigie.errors import VigieError
from vigie.geo.communes import find_communes
from vigie.indicators import DRUGS, INDICATORS, VIOLENCE
from vigie.warehouse import commune_base_is_synthetic, require
from vigie.warehouse import literal as warehouse_literal

SERVICE_INDICES = {
    1: "règlements de comptes",
    55: "trafic et revente sans usage",
    56: "usage-revente",
    57: "usage",
    58: "autres ILS",
}


def pick_commune(con: duckdb.DuckDBPyConnection, query: str, departement: str | None = None):
    """The one commune a name designates, or an error listing the candidates."""
    require(con, "commune", "commune reference")
    candidates = find_communes(con, query, departement)
    if not candidates:
        raise VigieError(
            f"no commune matches {query!r}"
            + (f" in département {departement}" if departement else "")
            + "; check the spelling or give the INSEE code"
        )
    if len(candidates) > 1:
        listed = "; ".join(
            f"{c.name} ({c.departement}, code {c.code}, {c.population or 0:,} inhabitants)" for c in candidates[:15]
        )
        raise VigieError(
            f"{query!r} matches {len(candidates)} communes: {listed}. Give the INSEE code or add --departement."
        )
    return candidates[0]


def profile(con: duckdb.DuckDBPyConnection, query: str, departement: str | None = None) -> dict:
    town = pick_commune(con, query, departement)
    codes = [
        r[0]
        for r in con.execute(
            "SELECT old_code FROM commune_code_map WHERE code = ? UNION SELECT code FROM commune WHERE parent = ?",
            [town.code, town.code],
        ).fetchall()
    ]
    wanted = [i for i in (*DRUGS, *VIOLENCE) if i in INDICATORS]
    result = con.execute(
        """
        SELECT indicator, year, sum(count) AS count, bool_or(suppressed) AS suppressed,
               sum(complement_count) AS complement_count, sum(population) AS population,
               round(1000.0 * sum(coalesce(count, complement_count)) / nullif(sum(population), 0), 3) AS rate_per_1000
        FROM commune_fact
        WHERE code IN (SELECT unnest(?)) AND indicator IN (SELECT unnest(?))
          AND NOT (code = ? AND (SELECT count(*) FROM commune WHERE parent = ?) > 0)
        GROUP BY ALL ORDER BY indicator, year""",
        [codes, wanted, town.code, town.code],
    )
    names = [d[0] for d in result.description]
    series = [dict(zip(names, r, strict=True)) for r in result.fetchall()]
    from_table = national_is_stored(con)
    comparison = [c for ind in DRUGS if (c := _compare(con, ind, town.code, town.departement, from_table))]
    services = con.execute(
        f"""
        SELECT s.name AS service, s.force, f.year, f.idx AS "index", f.count
        FROM service s JOIN service_fact f USING (service_id)
        WHERE s.code IN (SELECT unnest(?)) AND f.idx IN ({", ".join(map(str, SERVICE_INDICES))})
        ORDER BY s.name, f.idx, f.year""",
        [codes],
    ).fetchall()
    hotspot = con.execute(
        """SELECT indicator, year, round(gi_z, 2), round(rise_z, 2), category, inference FROM hotspot
           WHERE code = ? ORDER BY indicator, year""",
        [town.code],
    ).fetchall()
    events = con.execute(
        """SELECT e.type, e.place, e.date_start, e.date_end, e.killed, e.injured, count(m.article_id) AS articles
           FROM event e JOIN event_mention m USING (event_id) WHERE e.commune = ?
           GROUP BY ALL ORDER BY e.date_end DESC NULLS LAST""",
        [town.code],
    ).fetchall()
    onset = con.execute(
        "SELECT indicator, onset_year, confidence FROM onset WHERE code = ? ORDER BY indicator", [town.code]
    ).fetchall()
    from vigie.analysis.forecast import for_commune

    forecast = for_commune(con, town.code)
    return {
        "code": town.code,
        "name": town.name,
        "resolved_as": town.note,
        "forecast": forecast,
        "hotspots": [
            dict(zip(("indicator", "year", "gi_z", "rise_z", "category", "inference"), r, strict=True)) for r in hotspot
        ],
        "onsets": [dict(zip(("indicator", "onset_year", "confidence"), r, strict=True)) for r in onset],
        "events": [
            dict(zip(("type", "place", "date_start", "date_end", "killed", "injured", "articles"), r, strict=True))
            for r in events
        ],
        "departement": town.departement,
        "population": town.population,
        "size_class": town.size_class,
        "synthetic_commune_figures": bool(series) and commune_base_is_synthetic(con),
        "series": series,
        "comparison": comparison,
        "services": [dict(zip(("service", "force", "year", "index", "count"), r, strict=True)) for r in services],
        "notes": [
            "A suppressed year is one the SSMSI did not publish (too few cases, or too irregular); its "
            "count is left empty and its rate uses the official complement (the mean of the département's "
            "suppressed communes), which is not the town's own figure."
        ],
    }


# The national figures a town is compared with (its rank among the towns of its size class, in its département and
# in France; its class's median rate, year by year) depend only on the data: `vigie build` / `vigie analyse` store
# them once per data version (step "national", `store_national`), the profile and the town page read them. Without
# them (an older warehouse, a warehouse being built) they are computed for the one town, as before: same figures.
NATIONAL_STEP, NATIONAL_SCOPE = "national", "all"  # its analysis_run record: one for every indicator at once
RANK_COLUMNS = (
    "year",
    "rate_per_1000",
    "suppressed",
    "size_class",
    "class_median_rate",
    "rank_in_departement_class",
    "of_in_departement_class",
    "rank_in_class",
    "of_in_class",
)


def national_is_stored(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the national figures stored (tables town_rank, class_median) are those of the files now loaded."""
    from vigie.analysis.stored import run_info

    return run_info(con, NATIONAL_STEP, NATIONAL_SCOPE) is not None


def _ranks_sql(con, indicator: str) -> str:
    """Every town's last-year rate of one indicator, its class's median, its ranks (the query of _compare, for all
    towns at once)."""
    return f"""
    WITH u AS ({units_sql(con, [indicator])}),
    last AS (SELECT * FROM u WHERE year = (SELECT max(year) FROM u)),
    cities AS (SELECT city, size_class, departement, suppressed,
                      CASE WHEN NOT suppressed THEN 1000.0 * count / nullif(population, 0) END AS rate
               FROM last),
    published AS (SELECT * FROM cities WHERE rate IS NOT NULL),
    ranked AS (SELECT *, rank() OVER (PARTITION BY size_class ORDER BY rate DESC) AS rank_in_class,
                      count(*) OVER (PARTITION BY size_class) AS of_in_class,
                      rank() OVER (PARTITION BY departement, size_class ORDER BY rate DESC) AS rank_in_dep,
                      count(*) OVER (PARTITION BY departement, size_class) AS of_in_dep
               FROM published),
    medians AS (SELECT size_class, median(rate) AS median FROM published GROUP BY size_class)
    SELECT {warehouse_literal(indicator)} AS indicator, c.city AS code, (SELECT max(year) FROM u) AS year,
           round(r.rate, 3) AS rate_per_1000, c.suppressed, c.size_class, round(m.median, 3) AS class_median_rate,
           r.rank_in_dep AS rank_in_departement_class, r.of_in_dep AS of_in_departement_class, r.rank_in_class,
           r.of_in_class
    FROM cities c LEFT JOIN ranked r USING (city) LEFT JOIN medians m ON m.size_class = c.size_class"""


def store_national(con: duckdb.DuckDBPyConnection) -> tuple[dict, dict]:
    """The analysis step "national" (analysis/analyse.py): tables town_rank (one row per drug indicator and town:
    what _compare returns) and class_median (the median rate per 1,000 of each size class, by indicator and year:
    what town.class_medians returns). Returns (params, payload) like every step."""
    from vigie.analysis.town import PAGE_INDICATORS, class_medians_sql

    present = {r[0] for r in con.execute("SELECT DISTINCT indicator FROM commune_fact").fetchall()}
    drugs = [i for i in DRUGS if i in present]
    shown = [i for i in PAGE_INDICATORS if i in present]
    ranks = " UNION ALL ".join(f"({_ranks_sql(con, i)})" for i in drugs) or (
        "SELECT NULL::VARCHAR AS indicator, NULL::VARCHAR AS code, NULL::BIGINT AS year WHERE FALSE"
    )
    con.execute(f"CREATE OR REPLACE TABLE town_rank AS {ranks}")
    if shown:
        con.execute(f"CREATE OR REPLACE TABLE class_median AS {class_medians_sql(con, shown)}")
    else:
        con.execute(
            "CREATE OR REPLACE TABLE class_median (indicator VARCHAR, size_class VARCHAR, year BIGINT, median DOUBLE)"
        )
    towns = con.execute("SELECT count(*) FROM town_rank").fetchone()[0]
    return {}, {"indicators": shown, "town_ranks": towns}


def _compare(con, indicator: str, code: str, departement: str | None, from_table: bool = False) -> dict | None:
    """The town's last-year rate against the median of its size class; its rank in its département and class
    (read from table town_rank when `from_table`, else computed for this town)."""
    if from_table:
        row = con.execute(
            f"SELECT {', '.join(RANK_COLUMNS)} FROM town_rank "
            f"WHERE indicator = {warehouse_literal(indicator)} AND code = {warehouse_literal(code)}"
        ).fetchone()
    else:
        row = _compare_one(con, indicator, code)
    return _comparison(indicator, row)


def _compare_one(con, indicator: str, code: str):
    """One town's row of _ranks_sql, computed on the fly (no stored national figures)."""
    return con.execute(
        f"SELECT {', '.join(RANK_COLUMNS)} FROM ({_ranks_sql(con, indicator)}) WHERE code = ?", [code]
    ).fetchone()


def _comparison(indicator: str, row) -> dict | None:
    if not row:
        return None
    year, rate, suppressed, size_class, median, rank_dep, of_dep, rank_class, of_class = row
    return {
        "indicator": indicator,
        "year": year,
        "rate_per_1000": rate,
        "suppressed": suppressed,
        "size_class": size_class,
        "class_median_rate": median,
        "ratio_to_class_median": round(rate / median, 2) if rate is not None and median else None,
        "rank_in_departement_class": rank_dep,
        "of_in_departement_class": of_dep,
        "rank_in_class": rank_class,
        "of_in_class": of_class,
        # which figure: the published count only (a suppressed figure is not the town's own, so such a town is
        # not ranked, and the median and ranks are over towns whose figure was published)
        "figure": "published count per 1,000 inhabitants; towns whose figure is suppressed are not ranked",
    }


def print_profile(result: dict) -> None:
    from vigie.output import console, fmt, table

    if result.get("resolved_as"):
        console.print(f"[yellow]{result['resolved_as']}[/]")
    console.print(
        f"[bold]{result['name']}[/] ({result['code']}), département {result['departement']}, "
        f"{fmt(result['population'])} inhabitants, size class {result['size_class']}"
    )
    if not result["series"]:
        console.print("[yellow]No commune figures for this town in the warehouse.[/]")
    indicators = list(dict.fromkeys(r["indicator"] for r in result["series"]))
    years = sorted({r["year"] for r in result["series"]})
    cells = {(r["indicator"], r["year"]): r for r in result["series"]}

    def cell(ind, year):
        r = cells.get((ind, year))
        if r is None:
            return "—"
        return f"s (≈{fmt(r['complement_count'])})" if r["suppressed"] else fmt(r["count"])

    rows = [{"year": y, **{ind: cell(ind, y) for ind in indicators}} for y in years]
    if rows:
        console.print(table(rows, "Counts by year (s = suppressed by the SSMSI; ≈ the official complement)"))
        console.print("[dim]" + "; ".join(f"{i} = {INDICATORS[i][0]}" for i in indicators) + "[/]")
    if result["comparison"]:
        console.print(
            table(
                result["comparison"],
                "Against towns of the same size (last year, published count per 1,000; suppressed figures are not "
                "ranked)",
                {
                    "indicator": "indicator",
                    "year": "year",
                    "rate_per_1000": "rate",
                    "class_median_rate": "median",
                    "ratio_to_class_median": "× median",
                    "rank_in_departement_class": "rank dép.",
                    "of_in_departement_class": "of",
                    "rank_in_class": "rank FR",
                    "of_in_class": "of",
                },
            )
        )
    if result["services"]:
        keys = list(dict.fromkeys((s["service"], s["index"]) for s in result["services"]))
        years = sorted({s["year"] for s in result["services"]})
        values = {(s["service"], s["index"], s["year"]): s["count"] for s in result["services"]}
        rows = [{"service": f"{k[0]} #{k[1]:02d}", **{str(y): values.get((*k, y)) for y in years}} for k in keys]
        console.print(
            table(
                rows,
                "État 4001 of the services named after the town (#01 règlements de comptes, #55–58 drugs)",
                {"service": "service, index", **{str(y): str(y) for y in years}},
            )
        )
    for indicator in dict.fromkeys(h["indicator"] for h in result["hotspots"]):
        rows = [h for h in result["hotspots"] if h["indicator"] == indicator]
        history = "  ".join(f"{h['year']}: {h['gi_z']:+.1f}/{h['rise_z'] or 0:+.1f}" for h in rows)
        console.print(
            f"Hot spots ({indicator}): [bold]{rows[-1]['category'].replace('_', ' ')}[/]; "
            f"Gi* z of the level/of the rise, by year: {history}"
        )
    for o in result["onsets"]:
        console.print(f"Onset ({o['indicator']}): [bold]{o['onset_year']}[/] ({o['confidence']} confidence)")
    if result.get("forecast"):
        f = result["forecast"]
        why = "; ".join(d["text"] for d in f["drivers"]) or "no single strong reason"
        console.print(
            f"Probability of a trafficking surge in {f['target_year']}: [bold]{f['probability'] * 100:.0f} %[/], "
            f"rank {f['rank']:,} of {f['of']:,} — why: {why}" + (" (synthetic figures)" if f["synthetic"] else ""),
            highlight=False,
        )
    if result["events"]:
        console.print(table(result["events"], "Events reported by the press (vigie press ingest)"))
    if not result["hotspots"] and not result["onsets"]:
        console.print(
            "[dim]No hot-spot category or onset stored for this town: `vigie build` computes them once a commune "
            "base is loaded (`vigie analyse` computes them again).[/]"
        )
    for note in result["notes"]:
        console.print(f"[dim]• {note}[/]")

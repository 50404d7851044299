"""The founding question: is drug trafficking spreading from the big cities into medium-sized towns?

For each size class and year: count, rate per 1,000, share of the national total, communes with the offence
recorded, and an index (first year = 100); the share held by the top 1 % and 3.5 % of communes; a test of whether
medium towns grow faster than big cities (analysis/growth.py); and the same at service level from the état 4001.

Suppressed cells: a commune-year that the SSMSI does not publish (est_diffuse = ndiff) counts for the official
complement value — the mean count of the département's suppressed communes for that indicator and year — never as
zero. `count_published` shows the published part alone and `suppressed_share` what the complements add.
Paris, Lyon and Marseille are counted once, as whole cities (their arrondissements repeat them); a
commune's size class comes from its population in the last year of the base and does not change over the years.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import duckdb
import numpy as np

from vigie.analysis.growth import GrowthTest, growth_test
from vigie.config import PLM_PARENTS, size_classes
from vigie.errors import VigieError
from vigie.indicators import INDICATORS, check_slug
from vigie.warehouse import commune_base_is_synthetic, literal, require

CLASS_ORDER = (
    "CASE size_class WHEN 'grande_ville' THEN 1 WHEN 'ville_moyenne' THEN 2 WHEN 'petite_ville' THEN 3 ELSE 4 END"
)


def _city_sql() -> str:
    """The city a code belongs to: an arrondissement's parent, else itself."""
    cases = " ".join(f"WHEN code BETWEEN '{a}' AND '{b}' THEN '{p}'" for p, (a, b) in PLM_PARENTS.items())
    return f"CASE {cases} ELSE code END"


def units_sql(
    con: duckdb.DuckDBPyConnection,
    indicators: list[str],
    departement: str | None = None,
    years: tuple[int, int] | None = None,
) -> str:
    """Town-years of the indicators (a town is a commune, or a whole city of Paris, Lyon or Marseille), with the
    published count (NULL when suppressed), the estimate with complements, and the town's fixed size class.

    Paris, Lyon and Marseille count once, by their own rows: these are exact where the secrecy rule hides
    some arrondissements. A file without the parent rows is read by arrondissement, summed into its city."""
    parents = ", ".join(f"'{p}'" for p in PLM_PARENTS)
    arm = " OR ".join(f"code BETWEEN '{a}' AND '{b}'" for a, b in PLM_PARENTS.values())
    dep = "CASE WHEN code LIKE '97%' THEN left(code, 3) ELSE left(code, 2) END"
    where = [f"indicator IN ({', '.join(literal(check_slug(i)) for i in indicators)})"]
    if departement:
        where.append(f"{dep} = {literal(departement_code(departement))}")
    if years:
        where.append(f"year BETWEEN {int(years[0])} AND {int(years[1])}")
    where = " AND ".join(where)
    has_parents = con.execute(f"SELECT 1 FROM commune_fact WHERE {where} AND code IN ({parents}) LIMIT 1").fetchone()
    if has_parents:  # one row per town already: drop the arrondissements
        towns = f"""SELECT indicator, year, code AS city, {dep} AS departement, count, suppressed,
                           coalesce(count, complement_count) AS estimate,
                           CASE WHEN suppressed THEN complement_count END AS from_complements, population
                    FROM commune_fact WHERE {where} AND NOT ({arm})"""
    else:
        towns = f"""SELECT indicator, year, {_city_sql()} AS city, any_value({dep}) AS departement, sum(count) AS count,
                           bool_or(suppressed) AS suppressed, sum(coalesce(count, complement_count)) AS estimate,
                           sum(CASE WHEN suppressed THEN complement_count END) AS from_complements,
                           sum(population) AS population
                    FROM commune_fact WHERE {where} GROUP BY ALL"""
    return f"""
    WITH towns AS MATERIALIZED ({towns}),
    last AS (SELECT city, population AS city_pop FROM towns
             WHERE year = (SELECT max(year) FROM towns) AND indicator = (SELECT min(indicator) FROM towns))
    SELECT t.*, {size_classes().sql("l.city_pop")} AS size_class FROM towns t JOIN last l USING (city)
    """


def departement_code(text: str) -> str:
    """'1' → '01', '2a' → '2A', '974' → '974'; anything else is an error."""
    code = text.strip().upper()
    code = code.zfill(2) if code.isdigit() and len(code) < 2 else code
    if not re.fullmatch(r"\d{2}|2A|2B|97[1-8]", code):
        raise VigieError(f"--departement {text!r}: expected a département code such as 26, 2A or 974")
    return code


@dataclass
class SpreadResult:
    indicator: str
    rows: list[dict]
    concentration: list[dict]
    growth: GrowthTest | None
    synthetic: bool
    notes: list[str] = field(default_factory=list)


NOTES = [
    "Suppressed (unpublished) commune-years count for the official complement value (mean of the "
    "département's suppressed communes), never as zero; 'count_published' is the published part alone.",
    "Paris, Lyon and Marseille count once, as whole cities; size classes use each commune's population in the "
    "last year of the base.",
]


def spread(
    con: duckdb.DuckDBPyConnection,
    indicators: list[str] | None = None,
    departement: str | None = None,
    years: tuple[int, int] | None = None,
) -> list[SpreadResult]:
    """The spread tables of each indicator (default: trafficking and drug use), in one pass over the base."""
    asked = bool(indicators)
    indicators = [check_slug(i) for i in (indicators or ["trafic", "usage"])]
    require(con, "commune_fact", "commune base")
    con.execute(f"CREATE OR REPLACE TEMP TABLE _units AS {units_sql(con, indicators, departement, years)}")
    present = {r[0] for r in con.execute("SELECT DISTINCT indicator FROM _units").fetchall()}
    missing = [i for i in indicators if i not in present]
    if missing and not asked and len(missing) < len(indicators):  # a default indicator the base lacks: left out
        indicators = [i for i in indicators if i in present]
    elif missing:
        raise VigieError(
            f"no commune figures for {', '.join(missing)}"
            + (f" in département {departement}" if departement else "")
            + (f" in {years[0]}–{years[1]}" if years else "")
        )
    rows, concentration = _class_rows(con), _concentration(con)
    synthetic = commune_base_is_synthetic(con)
    results = []
    for ind in indicators:
        growth, why = _growth(con, ind)
        notes = NOTES + ([] if growth else [f"No growth test: {why}."])
        results.append(SpreadResult(ind, _only(rows, ind), _only(concentration, ind), growth, synthetic, notes))
    return results


def _only(rows: list[dict], indicator: str) -> list[dict]:
    return [{k: v for k, v in r.items() if k != "indicator"} for r in rows if r["indicator"] == indicator]


def _dicts(result) -> list[dict]:
    names = [d[0] for d in result.description]
    return [dict(zip(names, r, strict=True)) for r in result.fetchall()]


def _class_rows(con) -> list[dict]:
    return _dicts(
        con.execute(f"""
    WITH agg AS (
        SELECT indicator, size_class, year, sum(estimate) AS count, sum(count) AS count_published,
               sum(from_complements) AS from_complements, sum(population) AS population,
               count(*) FILTER (WHERE count > 0) AS communes_recorded,
               count(*) FILTER (WHERE suppressed) AS communes_suppressed, count(*) AS communes
        FROM _units GROUP BY ALL)
    SELECT CAST(indicator AS VARCHAR) AS indicator, size_class, year, CAST(round(count) AS BIGINT) AS count,
           count_published, communes, communes_recorded, communes_suppressed,
           round(1000.0 * count / population, 4) AS rate_per_1000,
           round(100.0 * count / sum(count) OVER (PARTITION BY indicator, year), 2) AS share_pct,
           round(100.0 * count / first(count ORDER BY year) OVER (PARTITION BY indicator, size_class), 1)
               AS index_first_year,
           round(100.0 * coalesce(from_complements, 0) / nullif(count, 0), 1) AS suppressed_share_pct
    FROM agg ORDER BY year, {CLASS_ORDER}""")
    )


def _concentration(con) -> list[dict]:
    return _dicts(
        con.execute("""
    WITH sorted AS (SELECT indicator, year, count(*) AS total, sum(estimate) AS n,
                           list_sort(list(estimate), 'DESC') AS desc_n FROM _units GROUP BY ALL)
    SELECT CAST(indicator AS VARCHAR) AS indicator, year, total AS communes,
           round(100.0 * list_sum(desc_n[1:CAST(ceil(0.01 * total) AS BIGINT)]) / n, 2) AS top_1pct_share,
           round(100.0 * list_sum(desc_n[1:CAST(ceil(0.035 * total) AS BIGINT)]) / n, 2) AS top_3_5pct_share
    FROM sorted ORDER BY year""")
    )


def _growth(con, indicator: str) -> tuple[GrowthTest | None, str | None]:
    """The growth test of the selection, or None and the reason it cannot be fitted, in words."""
    data = con.execute(f"""
        SELECT year, size_class = 'ville_moyenne', count, population, city FROM _units
        WHERE indicator = {literal(indicator)} AND size_class IN ('grande_ville', 'ville_moyenne') AND population > 0
          AND NOT suppressed ORDER BY city, year""").fetchall()  # a fixed order: the same figures at every run
    left_out = con.execute(f"""SELECT count(*) FROM _units WHERE indicator = {literal(indicator)} AND suppressed
                               AND size_class IN ('grande_ville', 'ville_moyenne')""").fetchone()[0]
    if not data:
        return None, "the selection has no published count of a big city or a medium town"
    year, medium, count, pop, city = zip(*data, strict=True)
    medium = np.array(medium, bool)
    if not medium.any():
        return None, "the selection has no medium town (10,000–99,999 inhabitants) with published counts"
    if medium.all():
        return None, "the selection has no big city (100,000 inhabitants or more) with published counts"
    if len(set(year)) < 2:
        return None, f"the selection covers one year ({year[0]}); a growth needs two years or more"
    try:
        growth = growth_test(
            np.array(year, float), medium, np.array(count, float), np.array(pop, float), np.array(city), left_out
        )
    except np.linalg.LinAlgError:
        growth = None
    if growth is None or not all(np.isfinite([growth.ratio, growth.ci_low, growth.ci_high])):
        towns = len(set(city))
        return None, (
            f"the model cannot be fitted on this selection ({towns} towns, {int(sum(count)):,} published cases): "
            "too few towns or cases in one of the two classes to tell their growths apart"
        )
    return growth, None


def service_spread(con: duckdb.DuckDBPyConnection, index: int = 55, departement: str | None = None) -> list[dict]:
    """État 4001 by service: one index by the size class of the commune each territorial service is named after
    (only the services of `departement` when given)."""
    require(con, "service_fact", "état 4001 by service")
    where = f"AND s.departement = {literal(departement_code(departement))}" if departement else ""
    result = con.execute(f"""
    WITH svc AS (
        SELECT s.service_id, s.force, coalesce(p.population, c.population) AS pop
        FROM service s JOIN commune c ON c.code = s.code LEFT JOIN commune p ON p.code = c.parent
        WHERE s.territorial AND s.code IS NOT NULL {where}),
    facts AS (SELECT f.year, {size_classes().sql("svc.pop")} AS size_class, f.count, f.service_id
              FROM service_fact f JOIN svc USING (service_id) WHERE f.idx = {int(index)}),
    agg AS (SELECT size_class, year, sum(count) AS count, count(DISTINCT service_id) AS services
            FROM facts GROUP BY ALL)
    SELECT size_class, year, count, services,
           round(100.0 * count / sum(count) OVER (PARTITION BY year), 2) AS share_pct,
           round(100.0 * count / nullif(first(count ORDER BY year) OVER (PARTITION BY size_class), 0), 1)
               AS index_first_year
    FROM agg ORDER BY year, {CLASS_ORDER}""")
    return _dicts(result)


def service_left_out(con: duckdb.DuckDBPyConnection, index: int = 55, departement: str | None = None) -> dict:
    """The part of an état 4001 index that the by-town table cannot place: cases of non-territorial services
    (national and regional units, e.g. OFAST, SIR) and of territorial services named after no commune.
    {cases, left_out_cases, left_out_pct, years}."""
    where = f"AND s.departement = {literal(departement_code(departement))}" if departement else ""
    total, left, first, last = con.execute(f"""
        SELECT sum(f.count), sum(f.count) FILTER (WHERE NOT s.territorial OR s.code IS NULL), min(f.year), max(f.year)
        FROM service_fact f JOIN service s USING (service_id) WHERE f.idx = {int(index)} {where}""").fetchone()
    return {
        "cases": int(total or 0),
        "left_out_cases": int(left or 0),
        "left_out_pct": round(100.0 * (left or 0) / total, 1) if total else None,
        "years": [first, last],
    }


def label(indicator: str) -> str:
    return INDICATORS[indicator][0]

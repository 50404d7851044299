"""What is usual for a town of this size: the median rate of a size class, year by year.

A town's rate means little alone; a mayor asks how it compares with towns like hers. The median (not the mean) of
the class, because a few big-city outliers would drag a mean. Each town counts once (Paris, Lyon and Marseille as
whole cities) in its fixed size class (`units_sql`). A suppressed town-year counts for the official complement (the
mean of its département's suppressed communes), as in `vigie commune`'s comparison: leaving suppressed towns out
would compare the town with the busier towns only, since the secrecy rule hides the quiet ones.
"""

from __future__ import annotations

import duckdb

from vigie.analysis.spread import units_sql
from vigie.warehouse import literal


def class_median_rates(
    con: duckdb.DuckDBPyConnection, indicators: list[str], size_class: str
) -> dict[str, dict[int, float]]:
    """{indicator: {year: median rate per 1,000 inhabitants of the towns of `size_class`}} (one query for all the
    indicators; an indicator with no town in the class is left out)."""
    if not indicators:
        return {}
    rows = con.execute(
        f"""WITH u AS ({units_sql(con, list(indicators))})
            SELECT indicator::VARCHAR, year, median(1000.0 * estimate / nullif(population, 0)) FROM u
            WHERE size_class = {literal(size_class)} GROUP BY ALL ORDER BY 1, 2"""
    ).fetchall()
    out: dict[str, dict[int, float]] = {}
    for indicator, year, value in rows:
        if value is not None:
            out.setdefault(indicator, {})[int(year)] = float(value)
    return out

"""The answers to the space-time questions, read from what `vigie analyse` stored for the current data version.

The CLI (`vigie hotspots|onsets|diffusion`) and the HTTP API call these same functions; they return plain rows and
payloads (JSON-ready: no NaN, floats rounded), and never write. Hot spots, onsets and the diffusion wave are
computed once per data version (at the end of `vigie build`, or by `vigie analyse`) with the default parameters
(DEFAULTS). When a question asks for other parameters, or for a result that was not stored for this data version,
the answer is computed in memory when `compute=True` (and not saved: readers never write), and its payload says so
(`stored: false`, `computed_because`); with `compute=False` a VigieError says what is missing.

Stored results are current when they were computed from the files now loaded (warehouse.facts_version). Every
payload carries `data_version` (warehouse.data_version, the HTTP ETag), `synthetic_commune_figures` and `notes`
(sentences for people, about the selection asked: the year and the département).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable

import duckdb
import numpy as np

from vigie import warehouse
from vigie.errors import VigieError

# the parameters `vigie analyse` stores results for; a question with others is computed in memory
DEFAULTS = {
    "hotspots": {"permutations": 0, "seed": 2025, "alpha": 0.05},
    "onsets": {},
    "diffusion": {"hubs": None, "min_distance_km": 25.0},
}
EMERGING = ("new_hot_spot", "consecutive_hot_spot")


def clean(value):
    """A JSON-ready copy: NaN and infinities become None, numpy scalars Python ones, floats keep 6 significant
    digits (same input, byte-identical output)."""
    if isinstance(value, dict):
        return {str(k): clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return float(f"{value:.6g}")
    return value


def _has_table(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    return bool(con.execute(f"SELECT 1 FROM duckdb_tables() WHERE table_name = '{table}'").fetchone())


def run_info(con: duckdb.DuckDBPyConnection, step: str, indicator: str) -> dict | None:
    """What `vigie analyse` stored for this step and indicator, if it was computed from the files now loaded:
    {params, data_version (the facts_version it read), payload, computed_at}; None otherwise (nothing stored, or
    stored for an older version)."""
    if not _has_table(con, "analysis_run"):
        return None
    row = con.execute(  # literals, not bound parameters: binding imports pandas (0.5 s) on the fast path
        "SELECT params, data_version, payload, computed_at FROM analysis_run "
        f"WHERE step = {warehouse.literal(step)} AND indicator = {warehouse.literal(indicator)}"
    ).fetchone()
    if not row or row[1] != warehouse.facts_version(con):
        return None
    return {
        "params": json.loads(row[0]),
        "data_version": row[1],
        "payload": json.loads(row[2]) if row[2] else None,
        "computed_at": str(row[3]),
    }


def stored_runs(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Every stored analysis (step, indicator, params, data_version, current, computed_at), for status pages."""
    if not _has_table(con, "analysis_run"):
        return []
    version = warehouse.facts_version(con)
    rows = con.execute(
        "SELECT step, indicator, params, data_version, computed_at FROM analysis_run ORDER BY step, indicator"
    ).fetchall()
    return [
        {
            "step": s,
            "indicator": i,
            "params": json.loads(p),
            "data_version": v,
            "current": v == version,
            "computed_at": str(t),
        }
        for s, i, p, v, t in rows
    ]


def _why_compute(con, step: str, indicator: str, params: dict, compute: bool) -> tuple[dict | None, str | None]:
    """(stored run, None) when the stored result answers; (None, reason) when it must be computed in memory."""
    info = run_info(con, step, indicator)
    if info and all(info["params"].get(k) == v for k, v in params.items()):
        return info, None
    if info:
        changed = ", ".join(f"{k} {v}" for k, v in params.items() if info["params"].get(k) != v)
        reason = f"parameters other than the stored ones ({changed})"
    elif (
        _has_table(con, "analysis_run")
        and con.execute(
            f"SELECT 1 FROM analysis_run WHERE step = {warehouse.literal(step)} "
            f"AND indicator = {warehouse.literal(indicator)}"
        ).fetchone()
    ):
        reason = "the stored result is for an earlier data version"
    else:
        reason = f"no stored {step} for {indicator}"
    if not compute:
        raise VigieError(f"{step} of {indicator}: {reason}; run `vigie analyse --indicator {indicator}` to store it")
    return None, reason


def _departement(departement: str | None) -> str | None:
    from vigie.analysis.spread import departement_code

    return departement_code(departement) if departement else None


def _in_departement(codes, wanted: str | None) -> np.ndarray:
    from vigie.geo.communes import departement_of

    return np.array([wanted is None or departement_of(c) == wanted for c in codes], bool)


# ---------------------------------------------------------------------------------------------------------- hot spots


def hotspot_meta(result, permutations: int, seed: int) -> dict:
    """The part of a hot-spot result that is not per town (stored as the run's payload)."""
    return clean(
        {
            "years": [int(y) for y in result.years],
            "inference": result.inference,
            "alpha": result.alpha,
            "permutations": permutations,
            "seed": seed,
            "follows_secrecy_rule": bool(result.follows_rule),
            "hidden_by_year": {str(y): rows for y, rows in result.hidden_by_year.items()},
        }
    )


def hotspot_payload(
    con: duckdb.DuckDBPyConnection,
    indicator: str = "trafic",
    year: int | None = None,
    departement: str | None = None,
    category: str | None = None,
    include_all: bool = False,
    *,
    permutations: int = 0,
    seed: int = 2025,
    alpha: float = 0.05,
    compute: bool = True,
    progress: Callable[[str], None] | None = None,
) -> dict:
    """Emerging hot spots of `indicator` in `year` (default: the last), as of that year.

    Returns {indicator, year, years, inference, alpha, stored, computed_because, data_version, rows, counts, notes,
    hidden_rises, synthetic_commune_figures}. `rows`: one per town (only towns with a pattern unless include_all;
    only `category` if given; only the département if given), with code, name, year, gi_z, p, q, rise_z, rise_q,
    category (as of that year), eb_rate, suppressed; sorted by category, then gi_z descending. `counts`: towns by
    category in the selection. Errors (VigieError): unknown indicator, category, year or département."""
    from vigie.analysis import hotspots as hs
    from vigie.indicators import check_slug

    check_slug(indicator)
    wanted = _departement(departement)
    if category is not None and category not in hs.CATEGORIES:
        raise VigieError(f"category {category!r}: choose one of {', '.join(hs.CATEGORIES)}")
    params = {"permutations": permutations, "seed": seed, "alpha": alpha}
    info, reason = _why_compute(con, "hotspots", indicator, params, compute)
    table = "hotspot"
    if info:
        meta = info["payload"]
    else:
        warehouse.require(con, "commune_fact", "commune base")
        warehouse.require(con, "commune", "commune reference")
        if progress:
            progress(f"Computing hot spots of {indicator} ({reason}); not stored")
        result = hs.emerging_hotspots(con, indicator, permutations, seed, alpha)
        meta = hotspot_meta(result, permutations, seed)
        table = "_hotspot_now"
        con.register(table, hs.frame(result))
    try:
        return _hotspot_answer(con, table, meta, indicator, year, wanted, category, include_all, info, reason)
    finally:
        if table != "hotspot":
            con.unregister(table)


def _hotspot_answer(con, table, meta, indicator, year, wanted, category, include_all, info, reason) -> dict:
    from vigie.analysis import hotspots as hs

    years = meta["years"]
    year = years[-1] if year is None else int(year)
    if year not in years:
        raise VigieError(f"--year {year}: the commune base covers {years[0]}–{years[-1]}")
    # the selection in SQL (35,000 towns a year: only the rows listed come to Python); the département as in
    # geo.communes.departement_of
    where = f"h.indicator = {warehouse.literal(indicator)} AND h.year = {int(year)}"
    if wanted:
        where += f" AND (CASE WHEN h.code LIKE '97%' THEN left(h.code, 3) ELSE left(h.code, 2) END) = '{wanted}'"
    by_category = con.execute(
        f"SELECT category, count(*), count(*) FILTER (WHERE suppressed) FROM {table} h WHERE {where} GROUP BY ALL"
    ).fetchall()
    if wanted and not by_category:
        raise VigieError(f"--departement {wanted}: no town of this département in the {indicator} hot spots")
    listed = where
    if not include_all:
        listed += " AND h.category <> 'no_pattern'"
    if category is not None:
        listed += f" AND h.category = {warehouse.literal(category)}"
    selected = con.execute(
        f"""SELECT h.code, coalesce(c.name, ''), h.gi_z, h.p, h.q, h.rise_z, h.rise_q, h.category, h.eb_rate,
                   h.suppressed
            FROM {table} h LEFT JOIN commune c USING (code) WHERE {listed}"""
    ).fetchall()
    order = {c: k for k, c in enumerate(hs.CATEGORIES)}
    rows = [
        {
            "code": r[0],
            "name": r[1],
            "year": year,
            "gi_z": _round(r[2], 3),
            "p": _sig(r[3]),
            "q": _sig(r[4]),
            "rise_z": _round(r[5], 3),
            "rise_q": _sig(r[6]),
            "category": r[7],
            "eb_rate": _round(r[8], 3),
            "suppressed": bool(r[9]),
        }
        for r in selected
    ]
    rows.sort(key=lambda r: (order[r["category"]], -(r["gi_z"] or 0), r["code"]))
    found = {c: n for c, n, _ in by_category}
    counts = {c: found[c] for c in hs.CATEGORIES if c in found}
    hidden = [h for h in meta["hidden_by_year"].get(str(year), []) if wanted is None or h["departement"] == wanted]
    notes = _hotspot_notes(indicator, year, wanted, by_category, meta, hidden)
    return clean(
        {
            "indicator": indicator,
            "year": year,
            "years": years,
            "departement": wanted,
            "inference": meta["inference"],
            "alpha": meta["alpha"],
            "stored": info is not None,
            "computed_because": reason,
            "data_version": warehouse.data_version(con),
            "synthetic_commune_figures": warehouse.commune_base_is_synthetic(con),
            "rows": rows,
            "counts": counts,
            "hidden_rises": hidden,
            "notes": notes,
        }
    )


def _hotspot_notes(indicator, year, wanted, by_category, meta, hidden) -> list[str]:
    """Sentences about the selection: `by_category` holds (category, towns, suppressed towns) of that year."""
    where = f"département {wanted}" if wanted else "France"
    towns = sum(n for _, n, _ in by_category)
    share = sum(k for _, _, k in by_category) / towns if towns else 0.0
    emerging = sum(n for c, n, _ in by_category if c in EMERGING)
    unseen = sum(k for c, _, k in by_category if c in EMERGING) / emerging if emerging else 0.0
    notes = [
        f"{share:.0%} of the towns of {where} have their {year} figure suppressed by the secrecy rule "
        f"({unseen:.0%} of the new or consecutive hot spots). A suppressed figure is not the town's own: an "
        "emergence in a small town can stay invisible until its figures are published."
    ]
    if not meta["follows_secrecy_rule"]:
        notes.append(
            f"The published {indicator} figures do not follow the three-year secrecy rule (a zero and a positive "
            "count published in consecutive years): suppressed figures are estimated without the bounds that rule "
            "would prove."
        )
    if hidden:
        listed = ", ".join(
            f"{h['departement']} ({h['suppressed_total']:.0f} cases where {h['expected']:.0f} were expected)"
            for h in hidden[:8]
        )
        notes.append(
            f"In {len(hidden)} département(s) the suppressed towns together rose well above their recent level in "
            f"{year}: {listed}{', …' if len(hidden) > 8 else ''}. Some of their towns rose, and the secrecy rule "
            "hides which: look there beyond the towns listed."
        )
    if year != meta["years"][-1]:
        notes.append(f"Categories are as of {year}: from the years {meta['years'][0]}–{year} only.")
    return notes


def hotspot_rows(
    con: duckdb.DuckDBPyConnection,
    indicator: str = "trafic",
    year: int | None = None,
    departement: str | None = None,
    category: str | None = None,
    include_all: bool = False,
) -> list[dict]:
    """The rows of hotspot_payload with the stored (default) parameters."""
    return hotspot_payload(con, indicator, year, departement, category, include_all)["rows"]


# ------------------------------------------------------------------------------------------------------------ onsets


def onset_payload(
    con: duckdb.DuckDBPyConnection,
    indicator: str = "trafic",
    departement: str | None = None,
    *,
    compute: bool = True,
    progress: Callable[[str], None] | None = None,
) -> dict:
    """Onsets of `indicator`: {indicator, stored, computed_because, data_version, synthetic_commune_figures, rows,
    notes}. `rows`: code, name, onset_year, confidence (high, medium, low), rise_ratio (the level after over the
    level before; null when the town had less than one case before: a rise "from 0"), sorted by year then code."""
    from vigie.indicators import check_slug

    check_slug(indicator)
    wanted = _departement(departement)
    info, reason = _why_compute(con, "onsets", indicator, {}, compute)
    if info:
        found = con.execute(
            f"""SELECT o.code, coalesce(c.name, ''), o.onset_year, o.confidence, o.rise_ratio
                FROM onset o LEFT JOIN commune c USING (code) WHERE o.indicator = {warehouse.literal(indicator)}
                ORDER BY o.onset_year, o.code"""
        ).fetchall()
    else:
        result = _compute_onsets(con, indicator, reason, progress)
        names = dict(con.execute("SELECT code, name FROM commune").fetchall())
        found = sorted(
            (
                c,
                names.get(c, ""),
                int(result.onset_year[i]),
                result.confidence[i],
                float(result.ratio[i]) if np.isfinite(result.ratio[i]) else None,
            )
            for i, c in enumerate(result.codes)
            if not np.isnan(result.onset_year[i])
        )
        found.sort(key=lambda r: (r[2], r[0]))
    keep = _in_departement([r[0] for r in found], wanted)
    if wanted and not keep.any() and not _departement_known(con, wanted):
        raise VigieError(f"--departement {wanted}: no town of this département in the commune reference")
    rows = [
        {"code": r[0], "name": r[1], "onset_year": int(r[2]), "confidence": r[3], "rise_ratio": _round(r[4], 2)}
        for r, k in zip(found, keep, strict=True)
        if k
    ]
    notes = []
    if any(r["rise_ratio"] is None for r in rows):
        notes.append("rise_ratio is empty (shown 'from 0') where the town had less than one case before its onset.")
    return clean(
        {
            "indicator": indicator,
            "departement": wanted,
            "stored": info is not None,
            "computed_because": reason,
            "data_version": warehouse.data_version(con),
            "synthetic_commune_figures": warehouse.commune_base_is_synthetic(con),
            "rows": rows,
            "notes": notes,
        }
    )


def _departement_known(con, wanted: str) -> bool:
    from vigie.geo.communes import departement_of

    return any(departement_of(c) == wanted for (c,) in con.execute("SELECT code FROM commune").fetchall())


def _compute_onsets(con, indicator, reason, progress):
    from vigie.analysis import onsets as on

    warehouse.require(con, "commune_fact", "commune base")
    if progress:
        progress(f"Detecting onsets of {indicator} ({reason}); not stored")
    return on.onsets(con, indicator)


def onset_rows(con: duckdb.DuckDBPyConnection, indicator: str = "trafic", departement: str | None = None) -> list[dict]:
    """The rows of onset_payload."""
    return onset_payload(con, indicator, departement)["rows"]


# --------------------------------------------------------------------------------------------------------- diffusion


def diffusion_result_payload(wave, indicator: str, min_distance_km: float) -> dict:
    """A DiffusionResult as the payload stored and returned (see diffusion_payload)."""
    from dataclasses import asdict

    from vigie.analysis.spread import label

    return clean(
        {"indicator": indicator, "label": label(indicator), "min_distance_km": min_distance_km, **asdict(wave)}
    )


def diffusion_payload(
    con: duckdb.DuckDBPyConnection,
    indicator: str = "trafic",
    hubs: list[str] | None = None,
    min_distance_km: float = 25.0,
    *,
    compute: bool = True,
    progress: Callable[[str], None] | None = None,
) -> dict:
    """The diffusion wave of `indicator`: {indicator, label, min_distance_km, speed_km_per_year, speed_low,
    speed_high (None: unbounded), intercept (onset year at distance 0 of the fitted line), fit_from_km, fit_to_km
    (the distances the fit used), towns_used, hubs, onsets_by_class [{onset_year, size_class, onsets, share_pct}],
    points [{code, distance_km, onset_year, size_class, used_for_speed}], notes, stored, computed_because,
    data_version, synthetic_commune_figures}."""
    from vigie.indicators import check_slug

    check_slug(indicator)
    hubs = sorted(h.strip() for h in hubs if h.strip()) if hubs else None
    params = {"hubs": hubs, "min_distance_km": float(min_distance_km)}
    info, reason = _why_compute(con, "diffusion", indicator, params, compute)
    if info:
        payload = dict(info["payload"])
    else:
        from vigie.analysis import diffusion as di

        warehouse.require(con, "commune", "commune reference")
        onsets_info = run_info(con, "onsets", indicator)
        if onsets_info:
            result = _stored_onsets(con, indicator)
        else:
            result = _compute_onsets(con, indicator, reason, progress)
        if progress:
            progress(f"Measuring the wave of {indicator} ({reason}); not stored")
        payload = diffusion_result_payload(di.diffusion(con, result, hubs, min_distance_km), indicator, min_distance_km)
    payload.update(
        stored=info is not None,
        computed_because=reason,
        data_version=warehouse.data_version(con),
        synthetic_commune_figures=warehouse.commune_base_is_synthetic(con),
    )
    return clean(payload)


def _stored_onsets(con, indicator: str):
    """The stored onsets as an OnsetResult of the towns with one (what the diffusion reads)."""
    from vigie.analysis.onsets import OnsetResult

    rows = con.execute(
        "SELECT code, onset_year, confidence, coalesce(rise_ratio, 'inf'::DOUBLE), statistic FROM onset "
        f"WHERE indicator = {warehouse.literal(indicator)} ORDER BY code"
    ).fetchall()
    years = np.array(sorted({r[1] for r in rows}))
    return OnsetResult(
        indicator,
        np.array([r[0] for r in rows], dtype=object),
        years,
        np.array([r[1] for r in rows], float),
        np.array([r[3] for r in rows], float),
        np.array([r[4] for r in rows], float),
        np.array([r[2] for r in rows], dtype=object),
        float("nan"),
    )


def _round(value, digits: int):
    if value is None or not math.isfinite(value):
        return None
    return round(float(value), digits)


def _sig(value):
    if value is None or not math.isfinite(value):
        return None
    return float(f"{value:.3g}")


# ------------------------------------------------------------------------------- press events and loads (engineer B1)


def event_rows(
    con: duckdb.DuckDBPyConnection,
    types: list[str] | None = None,
    departement: str | None = None,
    commune: str | None = None,
    start=None,
    end=None,
    bbox: tuple[float, float, float, float] | None = None,
    limit: int = 100,
    offset: int = 0,
) -> dict:
    """Stored press events (`vigie press ingest`), latest first, each with the articles that report it:
    {total, rows}. Filters: event `types`, `departement` (the event's, else its town's), `commune` (code), dates
    (an event counts when [date_start, date_end] meets [start, end]), `bbox` (lon_min, lat_min, lon_max, lat_max:
    the town's point lies inside; events placed in no town are then left out). `rows`: event_id, type, commune,
    commune_name, departement, place, geo_precision, date_start, date_end, killed, injured, count, cash_eur, drugs,
    lon, lat, articles [{title, url, published, evidence}]."""
    where, params = ["TRUE"], []
    if types:
        where.append("e.type IN (SELECT unnest(?))")
        params.append(list(types))
    if departement:
        where.append("coalesce(e.departement, c.departement) = ?")
        params.append(_departement(departement))
    if commune:
        where.append("e.commune = ?")
        params.append(commune)
    if start is not None:
        where.append("coalesce(e.date_end, e.date_start) >= ?")
        params.append(start)
    if end is not None:
        where.append("coalesce(e.date_start, e.date_end) <= ?")
        params.append(end)
    if bbox is not None:
        where.append("c.lon BETWEEN ? AND ? AND c.lat BETWEEN ? AND ?")
        params += [bbox[0], bbox[2], bbox[1], bbox[3]]
    selection = f"FROM event e LEFT JOIN commune c ON c.code = e.commune WHERE {' AND '.join(where)}"
    total = con.execute(f"SELECT count(*) {selection}", params).fetchone()[0]
    result = con.execute(
        f"""WITH page AS (
              SELECT e.event_id, e.type, e.commune, c.name AS commune_name,
                     coalesce(e.departement, c.departement) AS departement, e.place, e.geo_precision, e.date_start,
                     e.date_end, e.killed, e.injured, e.count, e.cash_eur, e.drugs, c.lon, c.lat {selection}
              ORDER BY coalesce(e.date_end, e.date_start) DESC NULLS LAST, e.event_id LIMIT ? OFFSET ?)
            SELECT page.*, coalesce((
                SELECT list({{'title': a.title, 'url': a.url, 'published': a.published, 'evidence': m.evidence}}
                            ORDER BY a.published, a.article_id)
                FROM event_mention m JOIN article a USING (article_id) WHERE m.event_id = page.event_id), [])
                AS articles
            FROM page ORDER BY coalesce(date_end, date_start) DESC NULLS LAST, event_id""",
        [*params, int(limit), int(offset)],
    )
    names = [d[0] for d in result.description]
    rows = [dict(zip(names, r, strict=True)) for r in result.fetchall()]
    for row in rows:
        row["drugs"] = json.loads(row["drugs"]) if row["drugs"] else []
    return {"total": total, "rows": clean(rows)}


def loads(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Every file loaded (load_log): load_id, kind, file, rows, edition, synthetic, sha256 (first 12 digits),
    loaded_at."""
    result = con.execute(
        """SELECT load_id, kind, file, rows, edition, synthetic, left(sha256, 12) AS sha256, loaded_at
           FROM load_log ORDER BY load_id"""
    )
    names = [d[0] for d in result.description]
    return [dict(zip(names, r, strict=True)) for r in result.fetchall()]

"""The town report: two A4 pages in French for a mayor (WeasyPrint, from templates/report.html, charts by
analysis/town_charts.py).

`town_report` gathers one JSON-ready payload from the library (profile, size-class medians, stored hot spots and
onsets, press events, état 4001, forecast when there is one); `render_pdf` draws it. The CLI (`vigie report`) and
the route `/commune/{code}/rapport.pdf` both call `report_pdf`. No statistics here: every figure comes from the
library; this module only selects, orders and words them.
"""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path

import duckdb

from vigie import fr, warehouse
from vigie.errors import VigieError
from vigie.indicators import INDICATORS

TEMPLATES = Path(__file__).parent / "templates"
CHART_INDICATORS = ("trafic", "usage")  # the drug series drawn (usage_afd only exists from September 2020)
EVENT_MONTHS = 12
MAX_EVENTS = 5  # beyond this, the table says how many more (two pages, whatever the town)
SERVICE_YEARS = 6
MAX_SERVICE_ROWS = 5
MAX_NEIGHBOURS_NAMED = 40

CAVEATS = [
    "Secret statistique : le SSMSI ne publie le chiffre d'une commune pour une année que si elle a compté au moins "
    "5 faits chacune des trois dernières années (ou aucun les trois années). Les autres années sont marquées « non "
    "publié » : Vigie ne les remplace jamais par zéro ; leur barre hachurée et leur taux reprennent le complément "
    "officiel, la moyenne des communes non publiées du département, qui n'est pas le chiffre de la commune.",
    "Les faits constatés mesurent aussi l'activité des services : le trafic de stupéfiants est une infraction "
    "révélée par l'initiative de la police et de la gendarmerie. Une hausse peut venir d'opérations plus "
    "nombreuses autant que d'un trafic plus actif ; une baisse, de moyens affectés ailleurs.",
    "Les points chauds et le début de hausse sont des indices statistiques sur la commune et ses voisines, pas un "
    "constat sur le terrain : à confronter à la connaissance locale (police municipale, bailleurs, "
    "établissements scolaires).",
    "Les événements de presse sont ceux que Vigie a lus dans les articles qui lui ont été donnés : leur absence ne "
    "prouve pas qu'il ne s'est rien passé.",
]
SYNTHETIC = (
    "DONNÉES SYNTHÉTIQUES : les chiffres communaux de ce rapport ont été générés par make_panel.py pour des essais "
    "et des démonstrations. Ce ne sont pas des statistiques officielles et ils ne décrivent aucune commune réelle."
)


def _has_table(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    return bool(con.execute(f"SELECT 1 FROM duckdb_tables() WHERE table_name = {warehouse.literal(table)}").fetchone())


def _has_rows(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    return _has_table(con, table) and bool(con.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone())


def town_report(
    con: duckdb.DuckDBPyConnection, query: str, departement: str | None = None, today: dt.date | None = None
) -> dict:
    """Everything the report shows about one town (a name or an INSEE code, as `vigie commune` takes), JSON-ready.

    Keys: code, name, departement, departement_name, population, size_class, synthetic, today, last_year,
    key_figures (trafficking's last year against its size class), series, class_medians {indicator: {year: rate}},
    category {code, label, meaning, year} or None (no hot-spot result for the town), analysed (hot spots were
    computed for this warehouse), onsets, events (the last 12 months
    before `today`), events_older, services {years, rows}, forecast (None without a forecast table), neighbours (codes),
    data_version, caveats. Raises VigieError for an unknown or ambiguous town."""
    from vigie.analysis.profile import profile

    today = today or dt.date.today()
    p = profile(con, query, departement)
    code = p["code"]
    size_class = next((c["size_class"] for c in p["comparison"] if c.get("size_class")), p["size_class"])
    drawn = [i for i in CHART_INDICATORS if any(r["indicator"] == i for r in p["series"])]
    medians = _class_medians(con, drawn, size_class) if size_class else {}
    years = [r["year"] for r in p["series"] if r["indicator"] in CHART_INDICATORS]
    dep_name = con.execute(
        f"SELECT name FROM departement WHERE code = {warehouse.literal(p['departement'] or '')}"
    ).fetchone()
    return {
        "code": code,
        "name": p["name"],
        "departement": p["departement"],
        "departement_name": dep_name[0] if dep_name else None,
        "population": p["population"],
        "size_class": size_class,
        # flagged even for a town without figures: its neighbours' colours on the map come from the synthetic base
        "synthetic": warehouse.commune_base_is_synthetic(con),
        "today": today.isoformat(),
        "last_year": max(years) if years else None,
        "key_figures": _key_figures(p),
        "series": [r for r in p["series"] if r["indicator"] in CHART_INDICATORS],
        "drawn_indicators": drawn,
        "class_medians": {i: {str(y): v for y, v in m.items()} for i, m in medians.items()},
        "category": _category(p["hotspots"]),
        "analysed": _has_rows(con, "hotspot"),
        "onsets_computed": _has_rows(con, "onset"),
        "onsets": [o for o in p["onsets"] if o["indicator"] in INDICATORS],
        **_events(p["events"], today),
        "services": _services(p["services"]),
        "forecast": _forecast(con, code),
        "neighbours": [
            r[0]
            for r in con.execute(
                f"SELECT DISTINCT neighbour FROM adjacency WHERE code = {warehouse.literal(code)} ORDER BY 1"
            ).fetchall()
        ],
        "data_version": warehouse.data_version(con),
        "caveats": CAVEATS,
    }


_MEDIANS: dict[tuple, dict] = {}


def _class_medians(con: duckdb.DuckDBPyConnection, indicators: list[str], size_class: str) -> dict:
    """The size class's medians, computed once per data version and class in a process (the same for every town
    of the class; a server draws many reports)."""
    from vigie.analysis.town import class_medians

    key = (warehouse.data_version(con), tuple(indicators), size_class)
    if key not in _MEDIANS:
        if len(_MEDIANS) > 64:
            _MEDIANS.clear()
        _MEDIANS[key] = {i: m for i, m in class_medians(con, list(indicators), size_class).items() if m}
    return _MEDIANS[key]


def _key_figures(p: dict) -> dict | None:
    """Trafficking in the last year: published count (or not), rate, the median of the size class, ranks."""
    comparison = next((c for c in p["comparison"] if c["indicator"] == "trafic"), None)
    if comparison is None:
        return None
    year = comparison["year"]
    cell = next((r for r in p["series"] if r["indicator"] == "trafic" and r["year"] == year), None)
    return {
        "year": year,
        "count": cell["count"] if cell else None,
        "suppressed": bool(cell and cell["suppressed"]),
        "complement_count": cell["complement_count"] if cell else None,
        "rate_per_1000": comparison.get("rate_per_1000"),
        # a suppressed year's rate from the official complement (the series'), shown as an estimate
        "estimated_rate": cell["rate_per_1000"] if cell and cell["suppressed"] else None,
        "published_basis": "published" in (comparison.get("figure") or ""),
        "class_median_rate": comparison.get("class_median_rate"),
        "ratio_to_class_median": comparison.get("ratio_to_class_median"),
        "rank_in_departement_class": comparison.get("rank_in_departement_class"),
        "of_in_departement_class": comparison.get("of_in_departement_class"),
        "rank_in_class": comparison.get("rank_in_class"),
        "of_in_class": comparison.get("of_in_class"),
    }


def _category(hotspots: list[dict]) -> dict | None:
    rows = [h for h in hotspots if h["indicator"] == "trafic"]
    if not rows:
        return None
    last = max(rows, key=lambda h: h["year"])
    label, meaning = fr.CATEGORIES.get(last["category"], (last["category"], ""))
    return {
        "code": last["category"],
        "label": label,
        "meaning": meaning,
        "year": last["year"],
        "first_year": min(h["year"] for h in rows),
    }


def _events(events: list[dict], today: dt.date) -> dict:
    since = today - dt.timedelta(days=365 * EVENT_MONTHS // 12)

    def day(e):
        value = e.get("date_end") or e.get("date_start")
        return dt.date.fromisoformat(str(value)[:10]) if value else None

    recent = [e for e in events if (d := day(e)) is not None and since <= d <= today]
    recent.sort(key=day, reverse=True)
    return {
        "events_since": since.isoformat(),
        "events": [{**e, "date": day(e).isoformat()} for e in recent[:MAX_EVENTS]],
        "events_more": max(0, len(recent) - MAX_EVENTS),
        "events_older": len(events) - len(recent),
    }


def _services(services: list[dict]) -> dict:
    """État 4001 of the town's services: one row per service and index, the last SERVICE_YEARS years."""
    from vigie.analysis.profile import SERVICE_INDICES

    years = sorted({s["year"] for s in services})[-SERVICE_YEARS:]
    rows: dict[tuple, dict] = {}
    for s in services:
        key = (s["service"], s["index"])
        row = rows.setdefault(
            key,
            {
                "service": s["service"],
                "force": s["force"],
                "index": s["index"],
                "label": SERVICE_INDICES.get(s["index"], ""),
                "counts": {},
            },
        )
        if s["year"] in years:
            row["counts"][str(s["year"])] = s["count"]
    shown = [r for r in rows.values() if r["counts"]]  # a service closed before these years is left out
    ordered = sorted(shown, key=lambda r: (r["index"] != 55, r["service"], r["index"]))
    return {
        "years": [str(y) for y in years],
        "rows": ordered[:MAX_SERVICE_ROWS],
        "more": max(0, len(ordered) - MAX_SERVICE_ROWS),
    }


def _forecast(con: duckdb.DuckDBPyConnection, code: str) -> dict | None:
    """The town's stored surge forecast (early warning) when the warehouse has one, else None; its drivers in
    French."""
    if not _has_rows(con, "forecast"):
        return None
    try:
        from vigie.analysis.forecast import for_commune
    except ImportError:  # a warehouse made by a newer Vigie
        return None
    found = for_commune(con, code)
    if found is None:
        return {"missing": True}
    return {
        "missing": False,
        "target_year": found.get("target_year"),
        "probability": found.get("probability"),
        "rank": found.get("rank"),
        "of": found.get("of"),
        "drivers": [d.get("texte") or d.get("text") or d.get("feature") for d in found.get("drivers") or []],
    }


# ----------------------------------------------------------------------------------------------------- rendering


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode()


def _map_items(con: duckdb.DuckDBPyConnection, report: dict) -> tuple[dict, list[dict]]:
    """The town and its neighbours with their outlines (Paris, Lyon, Marseille as whole cities) and categories."""
    import shapely.geometry

    from vigie.geo.communes import geojson

    codes = [report["code"], *report["neighbours"][:MAX_NEIGHBOURS_NAMED]]
    listed = ", ".join(map(warehouse.literal, codes))
    names = dict(con.execute(f"SELECT code, name FROM commune WHERE code IN ({listed})").fetchall())
    categories = {}
    if report["category"] is not None:
        categories = dict(
            con.execute(
                f"""SELECT code, category FROM hotspot WHERE indicator = 'trafic'
                    AND year = {int(report["category"]["year"])}
                    AND code IN ({listed})"""
            ).fetchall()
        )
    features = geojson(con, [{"code": c} for c in codes])["features"]
    items = [
        {
            "code": f["properties"]["code"],
            "name": names.get(f["properties"]["code"], f["properties"]["code"]),
            "geometry": shapely.geometry.shape(f["geometry"]) if f["geometry"] else None,
            "category": categories.get(f["properties"]["code"]),
        }
        for f in features
    ]
    return items[0], items[1:]


def render_html(con: duckdb.DuckDBPyConnection, report: dict) -> str:
    """The report as HTML (charts inlined as PNG data URIs), ready for WeasyPrint."""
    import jinja2

    from vigie.analysis import town_charts

    medians = {i: {int(y): v for y, v in m.items()} for i, m in report["class_medians"].items()}
    series_png = (
        town_charts.series_chart(report["series"], medians, report["drawn_indicators"])
        if report["drawn_indicators"]
        else None
    )
    town, neighbours = _map_items(con, report)
    map_png = town_charts.map_chart(town, neighbours)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=jinja2.select_autoescape(["html"]), trim_blocks=True
    )
    env.filters.update(number=fr.number, date_fr=fr.date, percent=fr.percent)
    return env.get_template("report.html").render(
        r=report,
        fr=fr,
        indicators={k: v[0] for k, v in INDICATORS.items()},
        size_class_text=fr.size_class(report["size_class"]) if report["size_class"] else "taille inconnue",
        series_chart=_data_uri(series_png) if series_png else None,
        map_chart=_data_uri(map_png),
        event_types=fr.EVENT_TYPES,
        onset_confidence=fr.ONSET_CONFIDENCE,
        hot_spot_text=fr.HOT_SPOT,
        synthetic_text=SYNTHETIC,
    )


def render_pdf(con: duckdb.DuckDBPyConnection, report: dict) -> bytes:
    """The two-page PDF of a town_report payload."""
    import weasyprint

    return weasyprint.HTML(string=render_html(con, report), base_url=str(TEMPLATES)).write_pdf()


def report_pdf(
    con: duckdb.DuckDBPyConnection, query: str, departement: str | None = None, today: dt.date | None = None
) -> tuple[bytes, dict]:
    """(PDF bytes, payload) of the report on the town `query` designates; VigieError when it is unknown."""
    report = town_report(con, query, departement, today)
    return render_pdf(con, report), report


def check_output(path: Path) -> Path:
    """Refuse a --out path before any work: its folder must exist and the name end in .pdf."""
    path = Path(path)
    if path.suffix.lower() != ".pdf":
        raise VigieError(f"--out {path}: give a file name ending in .pdf")
    if not path.parent.exists():
        raise VigieError(f"--out {path}: folder {path.parent} does not exist")
    if not path.parent.is_dir():
        raise VigieError(f"--out {path}: {path.parent} is not a folder")
    if path.is_dir():
        raise VigieError(f"--out {path}: is a folder; give a file name ending in .pdf")
    return path


__all__ = ["town_report", "render_html", "render_pdf", "report_pdf", "check_output", "VigieError"]

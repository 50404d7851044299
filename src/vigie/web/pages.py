"""The dashboard pages, in French (Jinja2 templates), each rendering what one library function returns.

/ the national map, /commune/{code} a town, /diffusion the wave, /spread the founding question, /evenements the
press events; /recherche turns what `vigie commune` accepts into a town page. Every page says when the commune
figures are synthetic. Each table of a page can be downloaded as CSV (`?format=csv&table=NAME`).
"""

from __future__ import annotations

import csv
import io
import os
from datetime import date as Date
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from vigie import fr, warehouse
from vigie.analysis.choropleth import has_forecast
from vigie.analysis.town import PAGE_INDICATORS, town_page
from vigie.errors import VigieError
from vigie.geo.communes import find_communes
from vigie.geo.outlines import INSETS
from vigie.indicators import INDICATORS
from vigie.web.deps import Warehouse
from vigie.web.map import cached
from vigie.web.map import router as map_router

HERE = Path(__file__).parent
STATIC = HERE / "static"
NODE_MODULES = Path(os.environ.get("VIGIE_NODE_MODULES", HERE.parents[2] / "node_modules"))
VENDOR = {"leaflet": NODE_MODULES / "leaflet" / "dist"}  # third-party files served, from npm (package.json)

router = APIRouter(include_in_schema=False)
router.include_router(map_router)  # the map's layer, colours and names (web/map.py)
templates = Jinja2Templates(directory=HERE / "templates")
SHORT_CLASSES = {
    "grande_ville": "Grandes villes",
    "ville_moyenne": "Villes moyennes",
    "petite_ville": "Petites villes",
    "rural": "Communes rurales",
}
# Why an analysis cannot be shown, in French: (pattern of the library's English reason, French words). A reason
# not listed here is shown as given, marked as English.
REASONS_FR = (
    (
        r"^no hub",
        "Cet entrepôt ne connaît aucune grande ville (150 000 habitants ou plus, avec sa position dans le "
        "référentiel des communes) d'où mesurer la diffusion.",
    ),
    (
        r"too few (medium )?towns",
        "Trop peu de villes pour ce calcul (villes moyennes avec une première hausse durable sûre, ou villes de "
        "chaque taille).",
    ),
    (
        r"no stored|earlier data version|run `vigie analyse",
        "L'analyse n'est pas enregistrée pour les données chargées : lancer `vigie analyse` (ou `vigie build`).",
    ),
    (
        r"commune base covers \d+ year",
        "La base communale couvre trop peu d'années : une première hausse durable en demande au moins trois.",
    ),
    (r"no commune figures for", "La base communale de cet entrepôt n'a pas de chiffres pour cet indicateur."),
    (
        r"the warehouse has no (commune base|commune reference)",
        "L'entrepôt n'a pas encore de base communale ou de référentiel des communes : lancer `vigie build`.",
    ),
)


def reason_fr(text: str | None) -> str | None:
    """The French words for a known reason (REASONS_FR), or None (the page then shows the English one)."""
    import re

    for pattern, words in REASONS_FR:
        if text and re.search(pattern, text, re.IGNORECASE):
            return words
    return None


templates.env.filters.update(
    raison=reason_fr,
    nombre=fr.number,
    pourcent=fr.percent,
    date_fr=fr.date,
    mois=fr.month,
    classe=fr.size_class,
    classe_courte=lambda name: SHORT_CLASSES.get(name, name),
)
templates.env.globals.update(
    INDICATORS=INDICATORS, CATEGORIES=fr.CATEGORIES, EVENT_TYPES=fr.EVENT_TYPES, CONFIDENCE=fr.ONSET_CONFIDENCE
)

MAP_INDICATORS = ("trafic", "usage", "usage_afd", "violences_hors_famille", "vols_armes", "homicides")
TABLES_CSV_LIMIT = 100_000


def _page(request: Request, con, template: str, status: int = 200, **context) -> HTMLResponse:
    """A page with what every page needs: the synthetic-figures flag and the data version."""
    context.setdefault("synthetic", warehouse.commune_base_is_synthetic(con) if con is not None else False)
    return templates.TemplateResponse(request, template, context, status_code=status)


def _csv(rows: list[dict], name: str) -> Response:
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows[:TABLES_CSV_LIMIT])
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


def _not_found(request: Request, con, message: str, candidates: list | None = None) -> HTMLResponse:
    return _page(request, con, "introuvable.html", 404, message=message, candidates=candidates or [])


# ------------------------------------------------------------------------------------------------------ the pages


@router.get("/", response_class=HTMLResponse)
def carte(request: Request, con: Warehouse) -> HTMLResponse:
    """The national map; its state (indicator, year, colouring, view) lives in the URL, read by carte.js."""
    years, present = cached(
        request,
        ("map-choices",),
        lambda: (
            [r[0] for r in con.execute("SELECT DISTINCT year FROM commune_fact ORDER BY 1").fetchall()],
            {r[0] for r in con.execute("SELECT DISTINCT indicator FROM commune_fact").fetchall()},
        ),
    )
    indicators = [i for i in MAP_INDICATORS if i in present] or sorted(present)
    return _page(
        request,
        con,
        "carte.html",
        years=years,
        indicators=indicators,
        forecast=has_forecast(con),
        insets=[{"dep": d, "name": n, "box": box} for d, (n, *box) in INSETS.items()],
    )


@router.get("/recherche", response_class=HTMLResponse)
def recherche(request: Request, con: Warehouse, q: Annotated[str, Query(max_length=200)] = "") -> Response:
    """What `vigie commune` accepts (a name, misspelt or not, a code, a postcode): one town opens its page; several
    are listed."""
    if not q.strip():
        return RedirectResponse("/", status_code=303)
    try:
        candidates = find_communes(con, q)
    except VigieError as exc:
        return _not_found(request, con, str(exc))
    if len(candidates) == 1:
        return RedirectResponse(f"/commune/{candidates[0].code}", status_code=303)
    if not candidates:
        return _not_found(request, con, f"Aucune commune ne correspond à « {q} ».")
    return _page(request, con, "recherche.html", q=q, candidates=candidates)


@router.get("/commune/{code}", response_class=HTMLResponse)
def commune(
    request: Request,
    con: Warehouse,
    code: str,
    format: Annotated[str | None, Query(pattern="^(csv)$")] = None,
    table: Annotated[str | None, Query(max_length=40)] = None,
) -> Response:
    """A town: its series against its size class, Gi* and category, onset, events, services, neighbours."""
    if len(code) > 10:
        return _not_found(request, con, "Ce code n'est pas un code de commune (INSEE, 5 caractères).")
    try:
        town = cached(request, ("town", code.upper()), lambda: town_page(con, code.upper()))
    except VigieError:
        try:  # a name typed in the address: its town, or the candidates
            candidates = find_communes(con, code.replace("-", " "))
        except VigieError:
            candidates = []
        if len(candidates) == 1:
            return RedirectResponse(f"/commune/{candidates[0].code}", status_code=303)
        return _not_found(request, con, f"Aucune commune n'a le code « {code} ».", candidates[:20])
    tables = _town_tables(town)
    if format == "csv":
        if table not in tables:
            return _not_found(request, con, f"Pas de tableau « {table} » sur cette page.")
        return _csv(tables[table], f"{town['code']}-{table}")
    shown = [i for i in PAGE_INDICATORS if any(r["indicator"] == i for r in town["series"])]
    return _page(
        request,
        con,
        "commune.html",
        synthetic=town["synthetic_commune_figures"] or warehouse.commune_base_is_synthetic(con),
        town=town,
        shown=shown,
        chart={
            "series": [{**r} for r in town["series"]],
            "medians": town["class_medians"],
            "labels": {i: INDICATORS[i][0] for i in shown},
            "hotspots": town["hotspots"],
        },
        tables={k: len(v) for k, v in tables.items()},
        category_rows=_last_categories(town),
        years=sorted({r["year"] for r in town["series"]}),
        cells={(r["indicator"], r["year"]): r for r in town["series"]},
        services=_services(town["services"]),
    )


def _services(services: list[dict]) -> dict:
    """The état 4001 rows as one line per service and index, one column per year."""
    years = sorted({s["year"] for s in services})
    rows: dict[tuple, dict] = {}
    for s in services:
        key = (s["service"], s["index"])
        label = f"{s['service']} ({s['force']}), n° {s['index']:02d}"
        rows.setdefault(key, {"label": label, "by_year": {}})["by_year"][s["year"]] = s["count"]
    return {"years": years, "rows": list(rows.values())}


def _last_categories(town: dict) -> list[dict]:
    last: dict[str, dict] = {}
    for h in town["hotspots"]:
        last[h["indicator"]] = h
    return list(last.values())


def _town_tables(town: dict) -> dict[str, list[dict]]:
    """Every table of the town page, by name (the CSV downloads)."""
    return {
        "series": town["series"],
        "comparaison": town["comparison"],
        "points_chauds": town["hotspots"],
        "emergence": town["onsets"],
        "evenements": [{k: v for k, v in e.items() if k != "articles"} for e in town["events"]],
        "articles": [{"event_id": e["event_id"], **a} for e in town["events"] for a in (e["articles"] or [])],
        "services": town["services"],
        "voisines": town["neighbours"],
        "prevision": [{k: v for k, v in f.items()} for f in town["forecast"]],
    }


@router.get("/diffusion", response_class=HTMLResponse)
def diffusion(
    request: Request,
    con: Warehouse,
    indicateur: Annotated[str, Query(max_length=40)] = "trafic",
    format: Annotated[str | None, Query(pattern="^(csv)$")] = None,
    table: Annotated[str | None, Query(max_length=40)] = None,
) -> Response:
    """Onset against distance to the nearest hub, the wave speed with its interval, onsets by size class and year."""
    from vigie.analysis.stored import diffusion_payload

    if indicateur not in INDICATORS:
        return _not_found(request, con, f"Indicateur inconnu : « {indicateur} ».")
    try:
        wave = cached(request, ("diffusion", indicateur), lambda: diffusion_payload(con, indicateur))
    except VigieError as exc:
        return _page(request, con, "diffusion.html", wave=None, error=str(exc), indicator=indicateur)
    names = cached(request, ("names",), lambda: dict(con.execute("SELECT code, name FROM commune").fetchall()))
    if format == "csv":
        rows = {"points": wave["points"], "emergences": wave["onsets_by_class"]}.get(table or "")
        if rows is None:
            return _not_found(request, con, f"Pas de tableau « {table} » sur cette page.")
        return _csv([{**r, "name": names.get(r.get("code"), "")} if "code" in r else r for r in rows], table)
    return _page(
        request,
        con,
        "diffusion.html",
        wave=wave,
        names=names,
        indicator=indicateur,
        error=None,
        scatter=_scatter(wave, names),
    )


def _scatter(wave: dict, names: dict) -> dict | None:
    """Where each onset goes on the SVG chart (distance across, onset year down), and the fitted line."""
    points = [p for p in wave["points"] if p.get("distance_km") is not None and p.get("onset_year") is not None]
    if not points:
        return None
    width, height, left, right, top, bottom = 760, 360, 56, 744, 20, 316
    dmax = max(1.0, max(p["distance_km"] for p in points))
    y0, y1 = min(p["onset_year"] for p in points) - 1, max(p["onset_year"] for p in points) + 1

    def px(d: float) -> float:
        return round(left + (right - left) * d / dmax, 1)

    def py(y: float) -> float:
        return round(top + (bottom - top) * (y1 - y) / (y1 - y0), 1)

    step = next(s for s in (10, 20, 25, 50, 100, 200, 250, 500, 1000) if dmax / s <= 8) if dmax <= 8000 else 2000
    line = None
    speed, intercept = wave.get("speed_km_per_year"), wave.get("intercept")
    if speed and intercept is not None and wave.get("fit_from_km") is not None:
        a, b = wave["fit_from_km"], wave["fit_to_km"]
        line = (px(a), py(intercept + a / speed), px(b), py(intercept + b / speed))
    return {
        "width": width,
        "height": height,
        "left": left,
        "right": right,
        "y_ticks": [(y, py(y)) for y in range(y0, y1 + 1)],
        "x_ticks": [(d, px(d)) for d in range(0, int(dmax) + 1, step)],
        "points": [
            {
                "x": px(p["distance_km"]),
                "y": py(p["onset_year"]),
                "used": p.get("used_for_speed"),
                "label": f"{names.get(p['code'], p['code'])} : {p['onset_year']}, {fr.number(p['distance_km'])} km",
            }
            for p in points
        ],
        "line": line,
    }


@router.get("/spread", response_class=HTMLResponse)
def spread_page(
    request: Request,
    con: Warehouse,
    indicateur: Annotated[str, Query(max_length=40)] = "trafic",
    format: Annotated[str | None, Query(pattern="^(csv)$")] = None,
    table: Annotated[str | None, Query(max_length=40)] = None,
) -> Response:
    """The founding question: is drug trafficking spreading from big cities into medium towns?"""
    from vigie.analysis.spread import spread

    if indicateur not in INDICATORS:
        return _not_found(request, con, f"Indicateur inconnu : « {indicateur} ».")
    try:
        result = cached(request, ("spread", indicateur), lambda: spread(con, [indicateur])[0])
    except VigieError as exc:
        return _page(request, con, "spread.html", result=None, error=str(exc), indicator=indicateur)
    if format == "csv":
        rows = {"classes": result.rows, "concentration": result.concentration}.get(table or "")
        if rows is None:
            return _not_found(request, con, f"Pas de tableau « {table} » sur cette page.")
        return _csv(rows, f"spread-{table}")
    return _page(
        request, con, "spread.html", result=result, error=None, indicator=indicateur, chart=_index_chart(result.rows)
    )


CLASS_COLOURS = {  # Okabe–Ito, distinguishable with the common colour-vision deficiencies
    "grande_ville": "#0072B2",
    "ville_moyenne": "#D55E00",
    "petite_ville": "#009E73",
    "rural": "#777777",
}


def _index_chart(rows: list[dict]) -> dict | None:
    """The index (first year = 100) of each size class as SVG polylines: where each point goes on the chart."""
    points = [r for r in rows if r.get("index_first_year") is not None]
    if not points:
        return None
    width, height, left, right, top, bottom = 760, 320, 48, 580, 16, 286
    years = sorted({r["year"] for r in points})
    low = min(min(r["index_first_year"] for r in points), 100)
    high = max(max(r["index_first_year"] for r in points), 100)
    step = next(s for s in (5, 10, 20, 25, 50, 100, 200, 500) if (high - low) / s <= 8)
    low, high = step * (low // step), step * -(-high // step)

    def px(year: int) -> float:
        return round(left + (right - left) * (year - years[0]) / max(1, years[-1] - years[0]), 1)

    def py(value: float) -> float:
        return round(top + (bottom - top) * (high - value) / max(1e-9, high - low), 1)

    lines = []
    for size_class, colour in CLASS_COLOURS.items():
        mine = sorted((r for r in points if r["size_class"] == size_class), key=lambda r: r["year"])
        if mine:
            lines.append(
                {
                    "label": SHORT_CLASSES[size_class],
                    "colour": colour,
                    "path": " ".join(f"{px(r['year'])},{py(r['index_first_year'])}" for r in mine),
                    "end": (px(mine[-1]["year"]) + 6, py(mine[-1]["index_first_year"]) + 4),
                    "last": mine[-1]["index_first_year"],
                }
            )
    placed = -1e9
    for line in sorted(lines, key=lambda item: item["end"][1]):  # labels at least a line apart
        line["end"] = (line["end"][0], max(line["end"][1], placed + 14))
        placed = line["end"][1]
    return {
        "width": width,
        "height": height,
        "left": left,
        "right": right,
        "x_ticks": [(y, px(y)) for y in years],
        "y_ticks": [(v, py(v)) for v in range(int(low), int(high) + 1, step)],
        "base": py(100),
        "lines": lines,
    }


@router.get("/evenements", response_class=HTMLResponse)
def evenements(
    request: Request,
    con: Warehouse,
    type: Annotated[str, Query(max_length=40)] = "",
    departement: Annotated[str, Query(max_length=3)] = "",
    du: Annotated[str, Query(max_length=10)] = "",
    au: Annotated[str, Query(max_length=10)] = "",
    format: Annotated[str | None, Query(pattern="^(csv)$")] = None,
) -> Response:
    """The latest press events, filtered by type, département and dates."""
    from vigie.analysis.town import latest_events

    errors = []
    start = end = None
    for label, text in (("du", du), ("au", au)):
        if text:
            try:
                value = Date.fromisoformat(text)
            except ValueError:
                errors.append(f"Date « {text} » illisible : écrire AAAA-MM-JJ.")
                continue
            start, end = (value, end) if label == "du" else (start, value)
    if type and type not in fr.EVENT_TYPES:
        errors.append(f"Type d'événement inconnu : « {type} ».")
    rows = [] if errors else latest_events(con, type or None, departement or None, start, end)
    if format == "csv":
        return _csv([{k: v for k, v in r.items() if k != "articles"} for r in rows], "evenements")
    departements = con.execute(
        """SELECT c.departement, coalesce(any_value(d.name), '') FROM commune c
           LEFT JOIN departement d ON d.code = c.departement
           WHERE c.departement IS NOT NULL GROUP BY 1 ORDER BY 1"""
    ).fetchall()
    return _page(
        request,
        con,
        "evenements.html",
        rows=rows,
        errors=errors,
        filters={"type": type, "departement": departement, "du": du, "au": au},
        departements=departements,
    )


# ------------------------------------------------------------------------------------------------- static files


@router.get("/static/{name}")
def static(name: str) -> FileResponse:
    """Our own JavaScript and CSS (src/vigie/web/static)."""
    return _file(STATIC, name)


@router.get("/vendor/{package}/{name:path}")
def vendor(package: str, name: str) -> FileResponse:
    """Third-party assets from npm (node_modules, installed by make from package.json; never a CDN)."""
    if package not in VENDOR:
        raise _missing()
    return _file(VENDOR[package], name)


def _missing():
    from fastapi import HTTPException

    return HTTPException(404, "fichier introuvable")


def _file(folder: Path, name: str) -> FileResponse:
    path = (folder / name).resolve()
    if not path.is_relative_to(folder.resolve()) or not path.is_file():
        raise _missing()
    return FileResponse(path, headers={"Cache-Control": "public, max-age=3600"})

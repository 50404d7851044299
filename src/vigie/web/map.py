"""The national map's data: the outline layer (gzip, ETag by data version), the class of every town for a colouring,
and the towns' names for the hover labels. Colours are chosen here, from colour-blind-safe palettes."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response

from vigie import fr
from vigie.analysis.choropleth import Choropleth, choropleth
from vigie.errors import VigieError
from vigie.geo.outlines import national_layer
from vigie.indicators import INDICATORS
from vigie.web.deps import Warehouse, remember

router = APIRouter()


def cached(request: Request, key: tuple, compute):
    """A payload computed once per data version (the diffusion and spread pages take seconds to compute), kept in
    the version's own memo, as the API's answers are."""
    return remember(request.app.state.reader.current(), key, compute)


# Hot spots in reds/oranges, cold spots in blues (after ColorBrewer RdBu/PuOr and Okabe–Ito, distinguishable with
# the common colour-vision deficiencies); the hatching, not a colour, says "suppressed".
CATEGORY_COLOURS = {
    "new_hot_spot": "#fdae61",
    "consecutive_hot_spot": "#f46d43",
    "intensifying_hot_spot": "#a50026",
    "persistent_hot_spot": "#d73027",
    "diminishing_hot_spot": "#f4a6a6",
    "sporadic_hot_spot": "#fee090",
    "oscillating_hot_spot": "#e08214",
    "historical_hot_spot": "#b35806",
    "new_cold_spot": "#abd9e9",
    "consecutive_cold_spot": "#74add1",
    "intensifying_cold_spot": "#313695",
    "persistent_cold_spot": "#4575b4",
    "diminishing_cold_spot": "#c6dbef",
    "sporadic_cold_spot": "#e0f3f8",
    "oscillating_cold_spot": "#8073ac",
    "historical_cold_spot": "#542788",
    "no_pattern": "#f2f2f2",
}
SEQUENTIAL = ["#fff5eb", "#fdd0a2", "#fdae6b", "#fd8d3c", "#e6550d", "#a63603", "#5a1e02"]  # ColorBrewer Oranges
TREND_COLOURS = {
    "hausse_significative": "#b2182b",
    "hausse": "#f4a582",
    "baisse": "#92c5de",
    "baisse_significative": "#2166ac",
}
TREND_LABELS = {
    "hausse_significative": "Hausse significative",
    "hausse": "Hausse non significative",
    "baisse": "Baisse non significative",
    "baisse_significative": "Baisse significative",
}
NO_FIGURE = "#bdbdbd"
COLOURING_LABELS = {
    "category": "Catégorie de point chaud émergent",
    "rate": "Taux pour 1 000 habitants",
    "trend": "Tendance du score Gi* (Mann-Kendall)",
    "watchlist": "Liste de vigilance : communes classées par probabilité de flambée l'an prochain",
}


def _legend(result: Choropleth) -> list[dict]:
    """Each class's colour and French label, in legend order."""
    if result.colouring == "category":
        return [{"label": fr.CATEGORIES[c][0], "colour": CATEGORY_COLOURS[c], "key": c} for c in result.classes]
    if result.colouring == "trend":
        return [{"label": TREND_LABELS[c], "colour": TREND_COLOURS[c], "key": c} for c in result.classes]
    bounds = [0.0, *result.breaks]
    legend = []
    if result.colouring == "rate":
        legend.append({"label": "0", "colour": SEQUENTIAL[0], "key": "zero"})
        palette = SEQUENTIAL[1:]
        for k in range(len(result.breaks)):
            low = fr.number(bounds[k], 2)
            legend.append(
                {
                    "label": f"{low} à {fr.number(bounds[k + 1], 2)}",
                    "colour": palette[k % len(palette)],
                    "key": f"rate_{k}",
                }
            )
    else:
        palette = [SEQUENTIAL[6], SEQUENTIAL[5], SEQUENTIAL[3], SEQUENTIAL[1]]
        for k, share in enumerate(result.breaks):
            if share >= 1:
                label = "Les autres communes"
            elif k == 0:
                label = f"Les {fr.percent(100 * share)} les plus exposées"
            else:
                label = f"De {fr.percent(100 * bounds[k])} à {fr.percent(100 * share)}"
            legend.append({"label": label, "colour": palette[min(k, len(palette) - 1)], "key": f"watch_{k}"})
    return legend


@router.get("/carte/communes.json", include_in_schema=False)
def layer(request: Request, con: Warehouse) -> Response:
    """Every commune's simplified outline in the map's compact format (geo.outlines.compact; about 1.3 MB gzip for
    France), cached by the client until the data change."""
    reader = request.app.state.reader
    try:
        built = national_layer(con, reader.path.parent)
    except VigieError as exc:  # no outlines in this warehouse
        raise HTTPException(404, str(exc)) from None
    headers = {"ETag": built.etag, "Cache-Control": "no-cache", "Vary": "Accept-Encoding"}
    if request.headers.get("if-none-match") == built.etag:
        return Response(status_code=304, headers=headers)
    if "gzip" in request.headers.get("accept-encoding", ""):
        return Response(built.gzipped, media_type="application/json", headers={**headers, "Content-Encoding": "gzip"})
    import gzip

    return Response(gzip.decompress(built.gzipped), media_type="application/json", headers=headers)


@router.get("/api/v1/map/values", tags=["carte"])
def values(
    request: Request,
    con: Warehouse,
    indicator: Annotated[str, Query(max_length=40, description="Indicateur (slug), ex. trafic")] = "trafic",
    year: Annotated[int | None, Query(ge=1900, le=2100, description="Année (défaut : la dernière)")] = None,
    colour: Annotated[Literal["category", "rate", "trend", "watchlist"], Query()] = "category",
) -> Response:
    """The class and colour of every town for one indicator, year and colouring (the national map's colours):
    `towns` maps a code to [class index, value]; class -1 = no figure; `suppressed` lists the towns whose figure for
    the year was not published (secret statistique)."""
    etag = f'"values-{request.app.state.reader.version}-{indicator}-{year}-{colour}"'
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers={"ETag": etag})
    if indicator not in INDICATORS:
        raise HTTPException(422, f"indicator: unknown indicator {indicator!r}")
    try:
        result = cached(
            request, ("map-values", indicator, year, colour), lambda: choropleth(con, indicator, year, colour)
        )
    except VigieError as exc:
        raise HTTPException(422, str(exc)) from None
    body = {
        "indicator": result.indicator,
        "indicator_label": INDICATORS[result.indicator][0],
        "year": result.year,
        "years": result.years,
        "colour": result.colouring,
        "title": COLOURING_LABELS[result.colouring],
        "legend": _legend(result),
        "no_figure": NO_FIGURE,
        "towns": {code: [k, v] for code, (k, v) in result.towns.items()},
        "suppressed": result.suppressed,
    }
    return JSONResponse(body, headers={"ETag": etag, "Cache-Control": "no-cache"})


@router.get("/carte/noms.json", include_in_schema=False)
def names(request: Request, con: Warehouse) -> Response:
    """code → [name, département] of every town, for the map's hover labels (loaded once the map is drawn)."""
    etag = f'"names-{request.app.state.reader.version}"'
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers={"ETag": etag})
    rows = con.execute("SELECT code, name, departement FROM commune WHERE kind <> 'arrondissement'").fetchall()
    return JSONResponse({c: [n, d] for c, n, d in rows}, headers={"ETag": etag, "Cache-Control": "no-cache"})

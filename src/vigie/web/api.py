"""The HTTP API under /api/v1: each route calls one public library function and returns a pydantic model.

Read-only. Every answer carries an ETag naming the data version it was read from; a client that sends it back
(If-None-Match) gets 304 until a build swaps in new data. Answers are computed once per data version and kept
(deps.remember): the library's figures for one version never change. Every error has one JSON shape
(models.Error): 422 names the parameter at fault, 404 lists the candidate towns.
"""

from __future__ import annotations

import datetime as dt
import enum
import gzip
import os
import re
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from vigie.analysis import stored
from vigie.analysis.hotspots import CATEGORIES
from vigie.errors import VigieError
from vigie.indicators import INDICATORS
from vigie.web import models
from vigie.web.deps import NotModified, Read, Reading, remember

ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": models.Error, "description": "Unknown town (with candidates), or no such data in the warehouse."},
    422: {"model": models.Error, "description": "A parameter is malformed or out of range (named in `parameter`)."},
}
router = APIRouter(prefix="/api/v1", responses=ERRORS)

Indicator = enum.StrEnum("Indicator", {slug: slug for slug in INDICATORS})
Category = enum.StrEnum("Category", {c: c for c in CATEGORIES})
EventType = enum.StrEnum(
    "EventType", {t: t for t in ("shooting", "seizure", "dealing_point", "intimidation", "arrest", "network_arrival")}
)

DEPARTEMENT = r"^([0-9]{1,2}|2[AaBb]|97[1-8])$"
CODE = r"^[0-9][0-9AaBb][0-9]{3}$"
# a commune name, postcode or code as people type it (Latin letters with their accents, digits, spaces, ' ’ - . , ( ));
# anything else (SQL, paths, control or invisible characters, symbols, other scripts) is refused, naming the parameter
LETTER = "0-9A-Za-zÀ-ÖØ-öø-ɏ"
NAME = rf"^[ '’.,()\-]*[{LETTER}][{LETTER}\u0300-\u036f '’.,()\-]*$"
MAX_TEXT = 100
GZIP_FROM = 1000  # bytes: smaller answers go as they are (as the app's GZipMiddleware does)
PATTERN_HINTS = {
    "q": "letters, digits, spaces and ' ’ - . , ( ) only, with at least one letter or digit",
    "code": "an INSEE code such as 26362 or 2A004",
    "departement": "a département code such as 26, 2A or 974",
    "commune": "an INSEE code such as 26362 or 2A004",
    "bbox": "four numbers lon_min,lat_min,lon_max,lat_max",
}

IndicatorQuery = Annotated[Indicator, Query(description="Indicator slug (trafic, usage, usage_afd…).")]
DepartementQuery = Annotated[
    str | None, Query(max_length=3, pattern=DEPARTEMENT, description="Département code: 26, 2A, 974.")
]
Limit = Annotated[int, Query(ge=1, le=1000, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Rows skipped (pagination).")]


class ParameterError(VigieError):
    """A parameter the API refuses (422), named."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter


class NotFound(VigieError):
    """Nothing answers (404); for a town, the communes the request may have meant."""

    def __init__(self, message: str, candidates: list[dict] | None = None) -> None:
        super().__init__(message)
        self.candidates = candidates or []


# ------------------------------------------------------------------------------------------------------------ helpers


def _encode(model) -> tuple[bytes, bytes]:
    body = model.model_dump_json().encode()
    return body, gzip.compress(body, compresslevel=6, mtime=0)


async def _answer(request: Request, read: Reading, compute) -> Response:
    """The JSON of `compute()` (a pydantic model), computed once per data version and URL (in a worker thread: the
    library blocks) and kept with its gzip, with its ETag. An answer already computed is sent straight from the
    event loop, gzipped once and for all when the client accepts it (the middleware then leaves it alone)."""
    key = (request.url.path, request.url.query)
    answer = read.version.memo.get(key)
    if answer is None:
        answer = await run_in_threadpool(remember, read.version, key, lambda: _encode(compute()))
    headers = _cache_headers(read.version.etag)
    if "gzip" in request.headers.get("accept-encoding", "") and len(answer[0]) > GZIP_FROM:
        return Response(answer[1], media_type="application/json", headers={**headers, "Content-Encoding": "gzip"})
    return Response(answer[0], media_type="application/json", headers=headers)


def _cache_headers(etag: str) -> dict[str, str]:
    return {"ETag": etag, "Cache-Control": "no-cache", "Vary": "Accept-Encoding"}


def _ref(c) -> dict:
    return {
        "code": c.code,
        "name": c.name,
        "departement": c.departement,
        "population": c.population,
        "size_class": c.size_class,
        "matched_name": c.matched_name,
    }


def _page(rows: list, limit: int, offset: int) -> dict:
    return {"total": len(rows), "limit": limit, "offset": offset, "items": rows[offset : offset + limit]}


def _departement(value: str | None) -> str | None:
    from vigie.analysis.spread import departement_code

    return departement_code(value) if value else None


# ------------------------------------------------------------------------------------------------------------ routes

GEOJSON_SCHEMA = "#/components/schemas/HotspotCollection"


@router.get("/status", response_model=models.Status, tags=["status"])
async def status(request: Request, read: Read) -> Response:
    """What the warehouse serves: its data version, the files loaded, the analyses stored for it, whether the
    commune figures are synthetic and whether a forecast is there."""
    from vigie import warehouse
    from vigie.analysis.choropleth import has_forecast

    def compute():
        con = read.con
        years = [r[0] for r in con.execute("SELECT DISTINCT year FROM commune_fact ORDER BY 1").fetchall()]
        return models.Status(
            data_version=read.version.data_version,
            etag=read.version.etag,
            synthetic_commune_figures=warehouse.commune_base_is_synthetic(con),
            commune_years=years,
            forecast=has_forecast(con) and con.execute("SELECT 1 FROM forecast LIMIT 1").fetchone() is not None,
            analyses=stored.stored_runs(con),
            loads=stored.loads(con),
        )

    return await _answer(request, read, compute)


@router.get("/communes", response_model=models.CommuneSearch, tags=["communes"])
async def search_communes(
    request: Request,
    read: Read,
    q: Annotated[
        str,
        Query(
            max_length=MAX_TEXT,
            pattern=NAME,
            description='A name as people write it ("le creuzot", "LE CREUSOT", "Creusot"), a postcode or an INSEE '
            "code. Case, accents, articles, hyphens and small misspellings do not matter.",
        ),
    ],
    departement: DepartementQuery = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> Response:
    """Search communes, as `vigie commune` does: every commune the text may designate, largest first."""
    from vigie.geo.communes import find_communes

    text = q.strip()
    wanted = _departement(departement)

    def compute():
        found = [_ref(c) for c in find_communes(read.con, text, wanted)]
        return models.CommuneSearch(query=text, **_page(found, limit, offset))

    return await _answer(request, read, compute)


def _profile(read: Reading, code: str) -> dict:
    """The town page's payload (analysis.town.town_page) of `code`, once per data version; NotFound with the
    candidates when no commune has this code."""
    from vigie.analysis.town import town_page
    from vigie.geo.communes import find_communes

    def compute():
        try:
            found = town_page(read.con, code.upper())
        except VigieError as exc:
            try:
                candidates = [_ref(c) for c in find_communes(read.con, code)][:20]
            except VigieError:
                candidates = []
            raise NotFound(f"{exc}; see `candidates`, or search with /api/v1/communes?q=", candidates) from None
        return {**found, "data_version": read.version.data_version, "forecast": found.get("forecast") or None}

    return remember(read.version, ("profile", code.upper()), compute)


CodePath = Annotated[
    str, PathParam(max_length=MAX_TEXT, pattern=NAME, description="INSEE code of the commune ('71106', '2A004').")
]


@router.get("/communes/{code}", response_model=models.Profile, tags=["communes"])
async def commune(request: Request, read: Read, code: CodePath) -> Response:
    """A town's profile: its series (suppressed years as such), its rate against its size class, its rank, its
    hot-spot history and category, its onset, its press events, the état 4001 of its services, its neighbours, and
    its forecast when the warehouse holds one. 404 with candidates for an unknown code."""
    code = code.strip()
    return await _answer(request, read, lambda: models.Profile(**_profile(read, code)))


@router.get("/communes/{code}/series", response_model=models.Series, tags=["communes"])
async def commune_series(
    request: Request,
    read: Read,
    code: CodePath,
    indicator: Annotated[Indicator | None, Query(description="Only this indicator (default: all).")] = None,
    limit: Limit = 1000,
    offset: Offset = 0,
) -> Response:
    """A town's yearly series: count (null when suppressed, never zero), the official complement, rate per 1,000."""
    code = code.strip()

    def compute():
        town = _profile(read, code)
        rows = [r for r in town["series"] if indicator is None or r["indicator"] == indicator]
        return models.Series(
            code=town["code"],
            name=town["name"],
            data_version=read.version.data_version,
            synthetic_commune_figures=town["synthetic_commune_figures"],
            **_page(rows, limit, offset),
        )

    return await _answer(request, read, compute)


@router.get(
    "/hotspots",
    response_model=models.Hotspots | models.HotspotCollection,
    tags=["space-time"],
    responses={200: {"content": {"application/geo+json": {"schema": {"$ref": GEOJSON_SCHEMA}}}}},
)
async def hotspots(
    request: Request,
    read: Read,
    indicator: IndicatorQuery = Indicator.trafic,
    year: Annotated[int | None, Query(ge=1900, le=2200, description="Year (default: the last).")] = None,
    departement: DepartementQuery = None,
    category: Annotated[Category | None, Query(description="Only towns of this category.")] = None,
    include_all: Annotated[bool, Query(alias="all", description="Also towns with no pattern.")] = False,
    fmt: Annotated[Literal["json", "geojson"], Query(alias="format", description="json or geojson.")] = "json",
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    """Emerging hot spots (stored by `vigie build` / `vigie analyse`): Gi* of the level and of the rise, q-values,
    and the category of each town as of `year`, most significant first. format=geojson adds each town's outline."""

    def compute():
        payload = stored.hotspot_payload(
            read.con,
            indicator.value,
            year,
            _departement(departement),
            category.value if category else None,
            include_all,
            compute=False,
        )
        answer = models.Hotspots(
            **{k: v for k, v in payload.items() if k not in ("rows", "stored", "computed_because")},
            category=category.value if category else None,
            **_page(payload["rows"], limit, offset),
        )
        if fmt == "json":
            return answer
        from vigie.geo.communes import geojson

        collection = geojson(read.con, [r.model_dump() for r in answer.items])
        return models.HotspotCollection(
            features=collection["features"], vigie=answer.model_dump(mode="json", exclude={"items"})
        )

    response = await _answer(request, read, compute)
    if fmt == "geojson":
        response.media_type = "application/geo+json"
        response.headers["content-type"] = "application/geo+json"
    return response


@router.get("/onsets", response_model=models.Onsets, tags=["space-time"])
async def onsets(
    request: Request,
    read: Read,
    indicator: IndicatorQuery = Indicator.trafic,
    departement: DepartementQuery = None,
    confidence: Annotated[Literal["high", "medium", "low"] | None, Query(description="Only this confidence.")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    """Which towns are new to it: the first year of a sustained rise of each town (stored per data version)."""

    def compute():
        payload = stored.onset_payload(read.con, indicator.value, _departement(departement), compute=False)
        rows = [r for r in payload["rows"] if confidence is None or r["confidence"] == confidence]
        return models.Onsets(
            **{k: v for k, v in payload.items() if k not in ("rows", "stored", "computed_because")},
            **_page(rows, limit, offset),
        )

    return await _answer(request, read, compute)


@router.get("/diffusion", response_model=models.Diffusion, tags=["space-time"])
async def diffusion(request: Request, read: Read, indicator: IndicatorQuery = Indicator.trafic) -> Response:
    """How fast it travels: onset year against distance to the nearest hub, the wave speed (km a year) with its 95 %
    interval, and new onsets by size class and year (stored per data version, default parameters)."""

    def compute():
        payload = stored.diffusion_payload(read.con, indicator.value, compute=False)
        return models.Diffusion(**{k: v for k, v in payload.items() if k not in ("stored", "computed_because")})

    return await _answer(request, read, compute)


@router.get("/spread", response_model=models.Spread, tags=["space-time"])
async def spread(
    request: Request,
    read: Read,
    indicator: Annotated[
        list[Indicator] | None, Query(max_length=4, description="Up to 4 indicators; default trafic and usage.")
    ] = None,
    departement: DepartementQuery = None,
    from_year: Annotated[int | None, Query(ge=1900, le=2200, description="First year.")] = None,
    to_year: Annotated[int | None, Query(ge=1900, le=2200, description="Last year.")] = None,
) -> Response:
    """The founding question: counts, rates, shares and index by town size class and year, concentration, and the
    growth test of medium towns against big cities, in a sentence."""
    from vigie.analysis.spread import label
    from vigie.analysis.spread import spread as compute_spread

    if from_year and to_year and from_year > to_year:
        raise ParameterError("to_year", f"{to_year} is before from_year {from_year}")
    indicators = list(dict.fromkeys(i.value for i in indicator)) if indicator else None

    def compute():
        wanted = _departement(departement)
        years = None
        if from_year or to_year:
            known = [r[0] for r in read.con.execute("SELECT DISTINCT year FROM commune_fact ORDER BY 1").fetchall()]
            years = (from_year or (known[0] if known else 0), to_year or (known[-1] if known else 9999))
        results = compute_spread(read.con, indicators, wanted, years)
        return models.Spread(
            data_version=read.version.data_version,
            synthetic_commune_figures=any(r.synthetic for r in results),
            departement=wanted,
            years=list(years) if years else None,
            indicators=[
                {
                    "indicator": r.indicator,
                    "label": label(r.indicator),
                    "by_size_class": r.rows,
                    "concentration": r.concentration,
                    "growth_test": stored.clean(r.growth.__dict__) if r.growth else None,
                    "growth_sentence": r.growth.sentence(label(r.indicator)) if r.growth else None,
                    "notes": r.notes,
                }
                for r in results
            ],
        )

    return await _answer(request, read, compute)


BBOX = r"^\s*-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?\s*$"


@router.get("/events", response_model=models.Events, tags=["press"])
async def events(
    request: Request,
    read: Read,
    event_type: Annotated[
        list[EventType] | None, Query(alias="type", max_length=len(EventType), description="Event type(s).")
    ] = None,
    departement: DepartementQuery = None,
    commune: Annotated[str | None, Query(pattern=CODE, max_length=5, description="INSEE code of the town.")] = None,
    start: Annotated[dt.date | None, Query(description="Events on or after this date (YYYY-MM-DD).")] = None,
    end: Annotated[dt.date | None, Query(description="Events on or before this date (YYYY-MM-DD).")] = None,
    bbox: Annotated[
        str | None,
        Query(max_length=100, pattern=BBOX, description="lon_min,lat_min,lon_max,lat_max (WGS 84, the town's point)."),
    ] = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Response:
    """Press events stored by `vigie press ingest` (shootings, seizures, dealing points, intimidation, arrests,
    networks' arrival), latest first, each with its articles."""
    if start and end and start > end:
        raise ParameterError("end", f"{end} is before start {start}")
    box = None
    if bbox:
        box = tuple(float(v) for v in bbox.split(","))
        if not (-180 <= box[0] <= box[2] <= 180 and -90 <= box[1] <= box[3] <= 90):
            raise ParameterError("bbox", "expected lon_min ≤ lon_max in −180…180 and lat_min ≤ lat_max in −90…90")

    def compute():
        found = stored.event_rows(
            read.con,
            [t.value for t in event_type] if event_type else None,
            _departement(departement),
            commune.upper() if commune else None,
            start,
            end,
            box,
            limit,
            offset,
        )
        from vigie import warehouse

        return models.Events(
            total=found["total"],
            limit=limit,
            offset=offset,
            items=found["rows"],
            data_version=read.version.data_version,
            synthetic_commune_figures=warehouse.commune_base_is_synthetic(read.con),
        )

    return await _answer(request, read, compute)


# ----------------------------------------------------------------------------------------- docs and errors (install)

OPTION = re.compile(r"^--([a-z][a-z_-]*)\b")


def _error(status: int, kind: str, message: str, problems=(), candidates=()) -> JSONResponse:
    body = models.Error(
        status=status,
        error=kind,
        message=message,
        parameter=problems[0]["parameter"] if problems else None,
        problems=list(problems),
        candidates=list(candidates),
    )
    return JSONResponse(body.model_dump(mode="json"), status_code=status)


def _is_api(request: Request) -> bool:
    return request.url.path.startswith(router.prefix + "/") or request.url.path == router.prefix


def vigie_error(request: Request, exc: VigieError) -> Response:
    """VigieError → one JSON shape: 422 for a ParameterError (a request that cannot be right: end before start);
    404 otherwise, naming the parameter when the library's message starts with its option ("--year 2099: the commune
    base covers 2016–2025": well formed, but nothing there), with the candidate towns when there are."""
    if not _is_api(request) and hasattr(request.app.state, "page_error"):
        return request.app.state.page_error(request, exc)
    message = str(exc)
    if isinstance(exc, ParameterError):
        return _error(422, "invalid_parameter", message, [{"parameter": exc.parameter, "message": message}])
    if match := OPTION.match(message):  # well formed, but the data hold nothing for it (year 2099, département 99)
        parameter = match.group(1).replace("-", "_")
        return _error(404, "not_found", message, [{"parameter": parameter, "message": message}])
    if isinstance(exc, NotFound):
        return _error(404, "not_found", message, candidates=exc.candidates)
    return _error(404, "not_found", message)


def validation_error(request: Request, exc: RequestValidationError) -> Response:
    """FastAPI's validation errors → the same shape, naming each parameter (never echoing a long input)."""
    if not _is_api(request) and hasattr(request.app.state, "page_error"):
        return request.app.state.page_error(request, exc)
    problems = []
    for e in exc.errors():
        loc = [str(part) for part in e.get("loc", ()) if part not in ("query", "path", "header", "body")]
        parameter = loc[0] if loc else None  # a list parameter's item index is not part of its name
        hint = PATTERN_HINTS.get(parameter) if e.get("type") == "string_pattern_mismatch" else None
        problems.append({"parameter": parameter, "message": f"{parameter}: {hint or e.get('msg', 'invalid')}"})
    message = "; ".join(p["message"] for p in problems) or "invalid request"
    return _error(422, "invalid_parameter", message, problems)


async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
    """Other routes' HTTP errors under /api/v1 (an unknown path, a method other than GET, the map's routes) in the
    same shape; elsewhere (the pages) FastAPI's own."""
    if not _is_api(request):
        return await http_exception_handler(request, exc)
    kind = {404: "not_found", 422: "invalid_parameter"}.get(exc.status_code, "bad_request")
    message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    problems = []
    if exc.status_code == 422 and (match := re.match(r"^-{0,2}([a-z_]+)\b", message)):
        problems = [{"parameter": match.group(1), "message": message}]
    response = _error(exc.status_code, kind, message, problems)
    response.headers.update(exc.headers or {})
    return response


def _documented_errors(app: FastAPI):
    """The app's OpenAPI with every /api/v1 operation's 404 and 422 documented as models.Error (the handlers
    above answer them so, whichever router the operation comes from)."""
    generate = app.openapi

    def openapi() -> dict:
        schema = generate()
        error = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        for path, operations in schema.get("paths", {}).items():
            if path.startswith(router.prefix + "/"):
                for operation in operations.values():
                    responses = operation.setdefault("responses", {})
                    for status, info in ERRORS.items():
                        responses[str(status)] = {"description": info["description"], **error}
        return schema

    return openapi


def not_modified(request: Request, exc: NotModified) -> Response:
    return Response(status_code=304, headers=_cache_headers(exc.etag))


def node_modules() -> Path:
    """The npm packages (package.json, installed by `make install`): beside the source tree, or VIGIE_NODE_MODULES."""
    return Path(os.environ.get("VIGIE_NODE_MODULES") or Path(__file__).resolve().parents[3] / "node_modules")


def npm_package(name: str) -> Path:
    """The folder of one npm package, or a VigieError saying how to install it."""
    folder = node_modules() / name
    if not (folder / "package.json").is_file():
        raise VigieError(
            f"{folder} is missing: the dashboard's JavaScript and CSS come from npm; run `make install` "
            "(or `npm ci` in the repository), or set VIGIE_NODE_MODULES"
        )
    return folder


SWAGGER = "/static/vendor/swagger-ui"


def install(app: FastAPI) -> None:
    """Mount the API's Swagger UI (from the npm package swagger-ui-dist, no CDN) and its error handlers."""
    app.mount(SWAGGER, StaticFiles(directory=npm_package("swagger-ui-dist")), name="swagger-ui")
    app.add_exception_handler(NotModified, not_modified)
    app.add_exception_handler(VigieError, vigie_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.openapi = _documented_errors(app)

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url,
            title="Vigie — API",
            swagger_js_url=f"{SWAGGER}/swagger-ui-bundle.js",
            swagger_css_url=f"{SWAGGER}/swagger-ui.css",
            swagger_favicon_url=f"{SWAGGER}/favicon-32x32.png",
        )

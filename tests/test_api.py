"""The HTTP API (/api/v1) on a small real warehouse: the synthetic panel of three départements with its analyses
stored, and a few hand-made press events. Every answer is compared with the library function it must call."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from vigie import warehouse
from vigie.analysis import analyse as steps
from vigie.analysis import stored
from vigie.analysis.town import town_page
from vigie.errors import VigieError
from vigie.geo.communes import find_communes
from vigie.web import api, models

warnings.filterwarnings("ignore", message=".*httpx2.*")
from fastapi.testclient import TestClient  # noqa: E402

from vigie.web.app import create_app  # noqa: E402

ARTICLES = [
    ("a1", "https://example.test/valence-tirs", "2024-03-03", "Tirs à Valence"),
    ("a2", "https://example.test/marseille-saisie", "2024-06-11", "Saisie à Marseille"),
    ("a3", "https://example.test/marseille-saisie-2", "2024-06-12", "Douze kilos saisis"),
    ("a4", "https://example.test/niort-point", "2023-11-21", "Un point de deal à Niort"),
    ("a5", "https://example.test/drome", "2024-01-16", "Menaces dans la Drôme"),
]
# event_id, type, commune, departement, place, date, killed, injured, drugs, article ids
EVENTS = [
    (1, "shooting", "26362", "26", "Fontbarlettes", "2024-03-02", 1, 0, None, ["a1"]),
    (
        2,
        "seizure",
        "13055",
        "13",
        None,
        "2024-06-10",
        None,
        None,
        [{"substance": "cannabis", "quantity": 12}],
        ["a2", "a3"],
    ),
    (3, "dealing_point", "79191", "79", None, "2023-11-20", None, None, None, ["a4"]),
    (4, "intimidation", None, "26", "près de Montélimar", "2024-01-15", None, None, None, ["a5"]),
]


def add_events(con) -> None:
    """A handful of press events as `vigie press ingest` stores them (tables article, event, event_mention)."""
    for article_id, url, published, title in ARTICLES:
        con.execute(
            """INSERT INTO article (article_id, url, published, title, sha256, date_assumed)
               VALUES (?, ?, ?, ?, ?, false)""",
            [article_id, url, published, title, hashlib.sha256(url.encode()).hexdigest()],
        )
    for event_id, kind, commune, dep, place, day, killed, injured, drugs, articles in EVENTS:
        con.execute(
            """INSERT INTO event (event_id, type, commune, departement, place, geo_precision, date_start, date_end,
                                  killed, injured, drugs) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)""",
            [event_id, kind, commune, dep, place, day, day, killed, injured, json.dumps(drugs) if drugs else None],
        )
        for article_id in articles:
            con.execute("INSERT INTO event_mention VALUES (?, ?, ?)", [event_id, article_id, f"evidence {event_id}"])


@pytest.fixture(scope="session")
def api_db(tmp_path_factory, panel_db) -> Path:
    """The small panel with its analyses stored (as after `vigie build`) and a few press events."""
    path = tmp_path_factory.mktemp("api") / "vigie.duckdb"
    shutil.copy(panel_db, path)
    saved = steps.STEPS  # the API's own steps only: the forecast has its own tests, and takes long to train
    steps.STEPS = [step for step in saved if step[0] in ("hotspots", "onsets", "diffusion")]
    try:
        with warehouse.writing(path) as con:
            steps.analyse(con)
            add_events(con)
    finally:
        steps.STEPS = saved
    return path


@pytest.fixture(scope="module")
def client(api_db):
    with TestClient(create_app(api_db), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def con(api_db):
    con = warehouse.connect(api_db, read_only=True)
    yield con
    con.close()


def check_error(response, status: int, parameter: str | None = None) -> dict:
    """Every error has the one shape of models.Error."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    models.Error.model_validate(body)
    assert set(body) == set(models.Error.model_fields)
    assert body["status"] == status
    if parameter:
        assert body["parameter"] == parameter
        assert parameter in body["message"]
    return body


# ------------------------------------------------------------------------------------------------- status, communes


def test_status_names_the_data_version_and_the_stored_analyses(client, con):
    r = client.get("/api/v1/status")
    assert r.status_code == 200
    body = r.json()
    assert body["data_version"] == warehouse.data_version(con)
    assert r.headers["etag"] == body["etag"] and body["data_version"] in r.headers["etag"]
    assert body["synthetic_commune_figures"] is True
    assert [x["file"] for x in body["loads"]] == [x["file"] for x in stored.loads(con)]
    runs = {(x["step"], x["indicator"]): x["current"] for x in body["analyses"]}
    assert runs[("hotspots", "trafic")] and runs[("onsets", "trafic")] and runs[("diffusion", "trafic")]
    tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    held = "forecast" in tables and con.execute("SELECT count(*) FROM forecast").fetchone()[0] > 0
    assert body["forecast"] is held


@pytest.mark.parametrize("text", ["le creuzot", "LE CREUSOT", "Creusot", "valence", "26362", "Saint-Étienne", "26000"])
def test_search_answers_what_vigie_commune_finds(client, con, text):
    r = client.get("/api/v1/communes", params={"q": text})
    assert r.status_code == 200
    body = r.json()
    expected = [c.code for c in find_communes(con, text)]
    assert expected, text
    assert [c["code"] for c in body["items"]] == expected[:20] and body["total"] == len(expected)


def test_search_takes_a_postcode(client):
    found = client.get("/api/v1/communes", params={"q": "26000"}).json()
    assert "26362" in [c["code"] for c in found["items"]]  # Valence's postcode


def test_search_pages_and_filters_by_departement(client, con):
    everything = client.get("/api/v1/communes", params={"q": "valence"}).json()
    assert everything["total"] > 1
    second = client.get("/api/v1/communes", params={"q": "valence", "limit": 1, "offset": 1}).json()
    assert second["total"] == everything["total"] and second["items"] == everything["items"][1:2]
    drome = client.get("/api/v1/communes", params={"q": "valence", "departement": "26"}).json()
    assert [c["code"] for c in drome["items"]] == [c.code for c in find_communes(con, "valence", "26")]


def test_profile_is_the_town_page_payload(client, con):
    r = client.get("/api/v1/communes/26362")
    assert r.status_code == 200
    body = r.json()
    page = town_page(con, "26362")
    assert body["name"] == page["name"] == "Valence"
    assert body["synthetic_commune_figures"] is True
    assert len(body["series"]) == len(page["series"]) > 0
    assert [(s["indicator"], s["year"], s["count"], s["suppressed"]) for s in body["series"]] == [
        (s["indicator"], s["year"], s["count"], s["suppressed"]) for s in page["series"]
    ]
    assert [h["category"] for h in body["hotspots"]] == [h["category"] for h in page["hotspots"]]
    assert [e["type"] for e in body["events"]] == ["shooting"]
    expected = [(f["code"], f["probability"]) for f in page["forecast"]]  # the early warning's, when stored
    assert [(f["code"], f["probability"]) for f in body["forecast"] or []] == expected
    series = client.get("/api/v1/communes/26362/series", params={"indicator": "trafic"}).json()
    assert series["items"] == [s for s in body["series"] if s["indicator"] == "trafic"]
    assert series["total"] == len(series["items"]) > 0


def test_unknown_town_is_404_with_candidates(client):
    body = check_error(client.get("/api/v1/communes/99999"), 404)
    assert "99999" in body["message"] and body["candidates"] == []
    body = check_error(client.get("/api/v1/communes/le creuzot"), 404)
    assert [c["code"] for c in body["candidates"]] == ["71153"]  # Le Creusot's INSEE code
    check_error(client.get("/api/v1/communes/99999/series"), 404)


# ------------------------------------------------------------------------------------------ hot spots and the rest


def test_hotspots_are_the_stored_ones_as_json_and_geojson(client, con):
    r = client.get("/api/v1/hotspots", params={"indicator": "trafic", "departement": "26", "limit": 1000})
    assert r.status_code == 200
    body = r.json()
    expected = stored.hotspot_payload(con, "trafic", None, "26", compute=False)
    assert body["items"] == expected["rows"] and body["total"] == len(expected["rows"]) > 0
    assert body["year"] == expected["year"] and body["counts"] == expected["counts"]
    assert all(row["code"].startswith("26") for row in body["items"])
    first = body["items"][0]["category"]
    only = client.get("/api/v1/hotspots", params={"departement": "26", "category": first}).json()
    assert {row["category"] for row in only["items"]} == {first}
    geo = client.get("/api/v1/hotspots", params={"departement": "26", "format": "geojson", "limit": 5})
    assert geo.status_code == 200 and geo.headers["content-type"].startswith("application/geo+json")
    collection = geo.json()
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == min(5, body["total"])
    assert [f["properties"]["code"] for f in collection["features"]] == [row["code"] for row in body["items"][:5]]
    assert all(f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in collection["features"])
    assert collection["vigie"]["total"] == body["total"]
    earlier = client.get("/api/v1/hotspots", params={"year": body["years"][0] + 3, "departement": "26"}).json()
    assert earlier["year"] == body["years"][0] + 3


@pytest.mark.parametrize(
    "params, parameter",
    [
        ({"year": "abc"}, "year"),
        ({"year": "20.5"}, "year"),
        ({"indicator": "trafic'; DROP TABLE hotspot; --"}, "indicator"),
        ({"departement": "ABC"}, "departement"),
        ({"category": "warm_spot"}, "category"),
        ({"limit": "0"}, "limit"),
        ({"format": "kml"}, "format"),
    ],
)
def test_malformed_hotspot_parameters_are_422_naming_them(client, params, parameter):
    check_error(client.get("/api/v1/hotspots", params=params), 422, parameter)


@pytest.mark.parametrize("params, parameter", [({"year": "2099"}, "year"), ({"departement": "99"}, "departement")])
def test_well_formed_parameters_the_data_do_not_cover_are_404_naming_them(client, params, parameter):
    check_error(client.get("/api/v1/hotspots", params=params), 404, parameter)


def test_an_indicator_not_analysed_is_404_saying_how_to_store_it(client):
    body = check_error(client.get("/api/v1/hotspots", params={"indicator": "homicides"}), 404)
    assert "vigie analyse" in body["message"]


def test_onsets_and_diffusion_are_the_stored_ones(client, con):
    body = client.get("/api/v1/onsets", params={"departement": "13", "limit": 1000}).json()
    expected = stored.onset_payload(con, "trafic", "13", compute=False)
    assert body["items"] == expected["rows"] and body["total"] == len(expected["rows"])
    high = client.get("/api/v1/onsets", params={"confidence": "high", "limit": 1000}).json()
    assert {r["confidence"] for r in high["items"]} <= {"high"}
    wave = client.get("/api/v1/diffusion").json()
    expected = stored.diffusion_payload(con, "trafic", compute=False)
    assert wave["speed_km_per_year"] == expected["speed_km_per_year"]
    assert wave["onsets_by_class"] == expected["onsets_by_class"] and wave["towns_used"] == expected["towns_used"]


def test_spread_answers_the_founding_question(client, con):
    from vigie.analysis.spread import spread

    body = client.get("/api/v1/spread", params={"indicator": "trafic"}).json()
    (expected,) = spread(con, ["trafic"])
    (answer,) = body["indicators"]
    assert answer["by_size_class"] == json.loads(json.dumps(expected.rows))
    assert (answer["growth_sentence"] is None) == (expected.growth is None)
    check_error(client.get("/api/v1/spread", params={"from_year": 2022, "to_year": 2020}), 422, "to_year")


def test_events_filter_by_type_departement_dates_and_box(client):
    def ids(**params):
        r = client.get("/api/v1/events", params=params)
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["total"] >= len(body["items"])
        return [e["event_id"] for e in body["items"]]

    assert ids() == [2, 1, 4, 3]  # latest first
    assert ids(type="seizure") == [2]
    assert ids(type=["seizure", "shooting"]) == [2, 1]
    assert ids(departement="26") == [1, 4]  # the event near Montélimar has a département and no town
    assert ids(start="2024-01-01", end="2024-03-31") == [1, 4]
    assert ids(commune="79191") == [3]
    assert ids(bbox="4.8,44.85,5.0,45.0") == [1]  # Valence, by the town's point
    assert ids(limit=1, offset=1) == [1]
    seizure = client.get("/api/v1/events", params={"type": "seizure"}).json()["items"][0]
    assert [a["url"] for a in seizure["articles"]] == [ARTICLES[1][1], ARTICLES[2][1]]
    assert seizure["commune_name"] == "Marseille" and seizure["drugs"][0]["substance"] == "cannabis"
    check_error(client.get("/api/v1/events", params={"start": "2024-05-01", "end": "2024-01-01"}), 422, "end")
    check_error(client.get("/api/v1/events", params={"bbox": "1,2,3"}), 422, "bbox")
    check_error(client.get("/api/v1/events", params={"bbox": "5,45,4,44"}), 422, "bbox")
    check_error(client.get("/api/v1/events", params={"start": "hier"}), 422, "start")
    check_error(client.get("/api/v1/events", params={"type": "burglary"}), 422, "type")


# --------------------------------------------------------------------------------------------- HTTP: cache, gzip…


def test_etag_gives_304_until_the_data_change(client):
    first = client.get("/api/v1/communes/26362")
    etag = first.headers["etag"]
    again = client.get("/api/v1/communes/26362", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    other = client.get("/api/v1/communes/26362", headers={"If-None-Match": 'W/"another-version"'})
    assert other.status_code == 200 and other.content == first.content


def test_answers_are_gzipped(client):
    r = client.get("/api/v1/communes/26362", headers={"Accept-Encoding": "gzip"})
    assert r.headers["content-encoding"] == "gzip"
    raw = client.get("/api/v1/communes/26362", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in raw.headers
    assert json.loads(gzip.decompress(gzip.compress(raw.content))) == r.json()


def test_no_endpoint_writes(client, api_db):
    before = hashlib.sha256(api_db.read_bytes()).hexdigest()
    schema = client.get("/openapi.json").json()
    methods = {m for operations in schema["paths"].values() for m in operations}
    assert methods == {"get"}
    for path in ("/api/v1/status", "/api/v1/communes/26362", "/api/v1/hotspots"):
        assert client.post(path).status_code == 405
        assert client.delete(path).status_code == 405
    client.get("/api/v1/spread")  # builds a temporary table: in memory, not in the file
    assert hashlib.sha256(api_db.read_bytes()).hexdigest() == before


def test_docs_come_from_the_npm_package_not_a_cdn(client):
    r = client.get("/docs")
    assert r.status_code == 200
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in r.text
    assert "cdn" not in r.text.lower() and "https://" not in r.text
    js = client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js")
    assert js.status_code == 200 and len(js.content) > 100_000
    assert client.get("/openapi.json").json()["paths"]["/api/v1/hotspots"]["get"]["parameters"]


def test_a_missing_node_modules_says_run_make_install(api_db, tmp_path, monkeypatch):
    monkeypatch.setenv("VIGIE_NODE_MODULES", str(tmp_path))
    with pytest.raises(VigieError, match="make install"):
        create_app(api_db)


@pytest.mark.parametrize(
    "path, parameter",
    [
        ("/api/v1/communes?q=%27%20OR%201%3D1%20--", "q"),  # ' OR 1=1 --
        ("/api/v1/communes?q=%27%3B%20DROP%20TABLE%20commune%3B%20--", "q"),
        ("/api/v1/communes?q=..%2F..%2F..%2Fetc%2Fpasswd", "q"),
        ("/api/v1/communes?q=" + "a" * 10_000, "q"),
        ("/api/v1/communes?q=%E2%80%AEsirap", "q"),  # right-to-left override
        ("/api/v1/communes?q=%00", "q"),
        ("/api/v1/communes?q=%F0%9F%92%8A", "q"),  # an emoji
        ("/api/v1/communes?q=%20%20", "q"),
        ("/api/v1/communes/" + "7" * 10_000, "code"),
        ("/api/v1/communes/..%5C..%5Cwindows", "code"),
        ("/api/v1/hotspots?departement=..%2F..", "departement"),
        ("/api/v1/hotspots?departement=" + "2" * 10_000, "departement"),
        ("/api/v1/hotspots?year=1%20OR%201%3D1", "year"),
        ("/api/v1/hotspots?indicator=%C3%A9%F0%9F%92%8A", "indicator"),
        ("/api/v1/events?bbox=" + "1," * 5_000, "bbox"),
        ("/api/v1/events?commune=%27%20OR%20%27%27%3D%27", "commune"),
    ],
)
def test_hostile_parameters_are_refused_with_4xx(client, path, parameter):
    check_error(client.get(path), 422, parameter)


def test_path_traversal_in_the_path_finds_nothing(client):
    for path in (
        "/api/v1/communes/../../../etc/passwd",
        "/api/v1/communes/..%2F..%2Fetc%2Fpasswd",
        "/static/vendor/swagger-ui/../../../../etc/passwd",
        "/static/vendor/swagger-ui/%2e%2e/%2e%2e/pyproject.toml",
    ):
        r = client.get(path)
        assert 400 <= r.status_code < 500 and b"root:" not in r.content and b"[project]" not in r.content


# ------------------------------------------------------------------------------- a new data version, a forecast


def test_a_swapped_in_version_with_a_forecast_is_served_without_restart(api_db, tmp_path):
    path = tmp_path / "vigie.duckdb"
    shutil.copy(api_db, path)
    with warehouse.writing(path) as con:  # a version without the early-warning forecast
        con.execute("DROP TABLE IF EXISTS forecast")
    with TestClient(create_app(path)) as c:
        old = c.get("/api/v1/communes/26362")
        assert old.json()["forecast"] is None
        held = c.app.state.reader.cursor()  # a request still running on the old version
        with warehouse.writing(path) as con:  # the table of the early-warning issue (warehouse.DDL), one town in it
            con.execute(
                """INSERT INTO forecast (source, indicator, target, target_year, unit, code, probability, rank,
                                         of_total, drivers, model_version, training_years, seed, synthetic)
                   VALUES ('commune', 'trafic', 'surge', 2026, '26362', '26362', 0.42, 1, 100,
                           '["voisins en hausse"]', 'test', '2016-2025', 1, true)"""
            )
        new = c.get("/api/v1/communes/26362")
        assert new.headers["etag"] != old.headers["etag"]
        (row,) = new.json()["forecast"]
        assert {k: row[k] for k in ("code", "target_year", "target", "probability")} == {
            "code": "26362",
            "target_year": 2026,
            "target": "surge",
            "probability": 0.42,
        }
        assert c.get("/api/v1/communes/26363").json()["forecast"] is None
        assert c.get("/api/v1/status").json()["forecast"] is True
        assert held[0].execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'forecast'").fetchone() == (0,)
        held[0].close()
        assert c.get("/api/v1/communes/26362", headers={"If-None-Match": old.headers["etag"]}).status_code == 200


# ------------------------------------------------------------------------------------------------- schemathesis


CROSS_PARAMETER = {"to_year", "end", "bbox"}  # what a schema cannot say: end before start, an inverted box
OWN_PATHS = {route.path for route in api.router.routes}


def test_openapi_schema_by_schemathesis(api_db):
    """Random valid and invalid parameters on every operation (property-based, in process): never a 5xx, every
    answer as documented (status, content type, body schema). A request valid by the schema is accepted, unless its
    parameters contradict each other, which the schema cannot say: then 422 naming the parameter."""
    import schemathesis

    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(api_db))
    examples = int(os.environ.get("VIGIE_SCHEMATHESIS_EXAMPLES", 15))
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        try:
            explore(operation, operation.path in OWN_PATHS, examples)
        except Exception as exc:  # every operation's failures, reported together
            failures.append(f"{operation.label}: {exc}")
    assert not failures, "\n\n".join(failures)


def explore(operation, mine: bool, examples: int) -> None:
    """One operation's examples; other routers' (the map's) are held to no 5xx and to their documentation."""
    from hypothesis import given
    from schemathesis.specs.openapi.checks import positive_data_acceptance

    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def run(case):
        response = case.call_and_validate(excluded_checks=[positive_data_acceptance])
        if mine and case.meta.generation.mode.is_positive and response.status_code == 422:
            assert response.json()["parameter"] in CROSS_PARAMETER, response.text
        assert response.status_code < 500

    run()

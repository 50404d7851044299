"""The dashboard's pages and the map's data, through FastAPI's TestClient on the small panel warehouse (Deux-Sèvres,
Drôme, Bouches-du-Rhône, synthetic commune figures, stored analyses). The browser itself is in test_browser.py."""

from __future__ import annotations

import csv
import html
import io
import json

import numpy as np
import pytest
import shapely
from fastapi.testclient import TestClient

from vigie import warehouse
from vigie.analysis.choropleth import has_forecast
from vigie.analysis.hotspots import CATEGORIES
from vigie.analysis.town import town_page
from vigie.geo.outlines import _fit
from vigie.web.app import create_app

NBSP = "\u00a0"
TOWN = "13063"  # Miramas: a medium town with suppressed years in the panel


@pytest.fixture(scope="module")
def client(panel_db):
    with TestClient(create_app(panel_db)) as c:
        yield c


@pytest.fixture(scope="module")
def con(panel_db):
    connection = warehouse.connect(panel_db, read_only=True)
    yield connection
    connection.close()


@pytest.mark.parametrize("path", ["/", f"/commune/{TOWN}", "/diffusion", "/spread", "/evenements"])
def test_every_page_is_french_and_says_the_figures_are_synthetic(client, path):
    response = client.get(path)
    assert response.status_code == 200, response.text[:500]
    assert '<html lang="fr">' in response.text
    assert 'id="synthetic-banner"' in response.text and "Données communales synthétiques" in response.text


def test_town_page_shows_suppressed_years_as_such_and_french_numbers(client, con):
    town = town_page(con, TOWN)
    page = client.get(f"/commune/{TOWN}").text
    assert town["name"] in page
    assert f"26{NBSP}203" in page  # population 26203, as French writes it
    shown_suppressed = [r for r in town["series"] if r["suppressed"]]
    assert shown_suppressed, "the test town should have suppressed years"
    assert page.count('<span class="suppr" title="non diffusé') == len(shown_suppressed)
    assert "rapport.pdf" in page


def test_unknown_towns_get_a_french_404(client):
    for path in ("/commune/99999", "/commune/" + "9" * 40, "/recherche?q=zzqqxxw"):
        response = client.get(path)
        assert response.status_code == 404
        assert "Page introuvable" in response.text and '<html lang="fr">' in response.text


def test_every_table_of_the_town_page_downloads_as_csv(client, con):
    town = town_page(con, TOWN)
    for table, expected in (
        ("series", len(town["series"])),
        ("comparaison", len(town["comparison"])),
        ("points_chauds", len(town["hotspots"])),
        ("emergence", len(town["onsets"])),
        ("voisines", len(town["neighbours"])),
        ("services", len(town["services"])),
    ):
        response = client.get(f"/commune/{TOWN}", params={"format": "csv", "table": table})
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/csv")
        rows = list(csv.DictReader(io.StringIO(response.text)))
        assert len(rows) == expected, table
    assert client.get(f"/commune/{TOWN}", params={"format": "csv", "table": "nope"}).status_code == 404


def test_search_accepts_what_vigie_commune_accepts(client):
    one = client.get("/recherche", params={"q": "montelimar"}, follow_redirects=False)
    assert one.status_code == 303 and one.headers["location"] == "/commune/26198"
    code = client.get("/recherche", params={"q": "26198"}, follow_redirects=False)
    assert code.headers["location"] == "/commune/26198"
    several = client.get("/recherche", params={"q": "valence"})
    assert several.status_code == 200
    assert several.text.index("/commune/26362") < several.text.index("/commune/82186")  # the largest first


def test_map_colours_are_the_stored_categories(client, con):
    year = con.execute("SELECT max(year) FROM hotspot WHERE indicator = 'trafic'").fetchone()[0]
    body = client.get("/api/v1/map/values", params={"indicator": "trafic", "colour": "category"}).json()
    assert body["year"] == year
    assert [item["key"] for item in body["legend"]] == list(CATEGORIES)
    assert len({item["colour"] for item in body["legend"]}) == 17
    stored = dict(
        con.execute("SELECT code, category FROM hotspot WHERE indicator = 'trafic' AND year = ?", [year]).fetchall()
    )
    shown = {code: body["legend"][k]["key"] for code, (k, _) in body["towns"].items()}
    assert shown == stored


def test_map_rate_classes_bracket_each_rate_and_suppressed_towns_are_listed(client, con):
    body = client.get("/api/v1/map/values", params={"indicator": "trafic", "year": 2020, "colour": "rate"}).json()
    breaks = [0.0] + [float(item["label"].split(" à ")[1].replace(",", ".")) for item in body["legend"][1:]]
    for code, (k, value) in body["towns"].items():
        if k < 0:
            assert code in body["suppressed"] or value is None
        elif k == 0:
            assert value == 0
        else:
            assert breaks[k - 1] - 0.005 <= value <= breaks[k] + 0.005, (code, k, value)
    suppressed = {
        r[0]
        for r in con.execute(
            """SELECT coalesce(c.parent, f.code) FROM commune_fact f LEFT JOIN commune c USING (code)
               WHERE f.indicator = 'trafic' AND f.year = 2020 AND f.suppressed"""
        ).fetchall()
    }
    assert set(body["suppressed"]) == suppressed and suppressed


def test_map_values_refuse_bad_parameters_and_answer_304(client):
    for params in ({"colour": "bogus"}, {"indicator": "bogus"}, {"year": 1950}, {"year": "x"}):
        assert client.get("/api/v1/map/values", params=params).status_code == 422, params
    first = client.get("/api/v1/map/values", params={"colour": "trend"})
    assert first.status_code == 200 and first.headers["etag"]
    again = client.get(
        "/api/v1/map/values", params={"colour": "trend"}, headers={"If-None-Match": first.headers["etag"]}
    )
    assert again.status_code == 304


def test_watchlist_colouring_and_forecast_panel_when_a_forecast_is_stored(client, con):
    if not has_forecast(con):
        pytest.skip("this warehouse holds no forecast table (the early-warning step did not run)")
    code = con.execute("SELECT code FROM forecast ORDER BY probability DESC LIMIT 1").fetchone()[0]
    assert 'value="watchlist"' in client.get("/").text
    body = client.get("/api/v1/map/values", params={"colour": "watchlist"}).json()
    assert body["towns"][code][0] == 0  # the most likely town is in the first class (the top 1 %)
    ranked = sorted(body["towns"].values(), key=lambda kv: -kv[1])
    assert [k for k, _ in ranked] == sorted(k for k, _ in ranked)  # a likelier town is never in a lower class
    top = sum(1 for k, _ in ranked if k == 0)
    assert top == int(0.01 * len(ranked))
    assert 'id="prevision"' in client.get(f"/commune/{code}").text


def test_events_page_filters_and_says_what_is_wrong(client):
    bad = client.get("/evenements", params={"du": "03/06/2023"})
    assert bad.status_code == 200 and "Date « 03/06/2023 » illisible" in bad.text
    assert "Type d'événement inconnu" in html.unescape(client.get("/evenements", params={"type": "bogus"}).text)


def test_overseas_insets_keep_their_shape_inside_their_box():
    square = shapely.box(55.2, -21.4, 55.8, -20.9)  # La Réunion's extent, roughly
    box = (-9.6, 41.9, -6.6, 43.3)
    moved = _fit(np.array([square]), box)[0]
    west, south, east, north = moved.bounds
    assert box[0] <= west < east <= box[2] and box[1] <= south < north <= box[3]
    # the shape's ground proportions are kept (width shrunk by the cosine of latitude at both places)
    before = (0.6 * np.cos(np.radians(-21.15))) / 0.5
    after = ((east - west) * np.cos(np.radians((south + north) / 2))) / (north - south)
    assert after == pytest.approx(before, rel=0.02)


def test_a_name_typed_in_the_address_opens_its_town(client):
    response = client.get("/commune/le-creuzot", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/commune/71153"
    several = client.get("/commune/valence")
    assert several.status_code == 404 and "/commune/26362" in several.text  # the candidates are offered


def test_the_question_page_draws_one_line_per_size_class(client, con):
    from vigie.analysis.spread import spread

    classes = {r["size_class"] for r in spread(con, ["trafic"])[0].rows}
    page = client.get("/spread").text
    assert 'id="index-chart"' in page and page.count("<polyline") == len(classes)
    words = " ".join(page.split())
    assert "dans les villes moyennes, contre" in words and "intervalle de confiance à 95 %" in words


def test_compact_layer_decodes_to_the_outlines():
    from vigie.geo.outlines import compact

    hole = shapely.Polygon([(0, 0), (4, 0), (4, 4), (0, 4)], [[(1, 1), (2, 1), (2, 2), (1, 1)]])
    pair = shapely.MultiPolygon([shapely.box(5.12345, 45.0, 5.5, 45.5), shapely.box(6, 46, 6.25, 46.75)])
    layer = json.loads(compact(["a", "b"], np.array([hole, pair])))
    assert layer["codes"] == ["a", "b"]
    for geom, rings in zip((hole, pair), layer["rings"], strict=True):
        expected = shapely.get_rings(shapely.get_parts(geom))
        assert len(rings) == len(expected)
        for ring, shape in zip(rings, expected, strict=True):
            decoded = np.cumsum(np.array(ring).reshape(-1, 2), axis=0) / layer["scale"]
            np.testing.assert_allclose(decoded, shapely.get_coordinates(shape), atol=1e-4)


def test_an_empty_warehouse_gives_french_pages_not_errors(tmp_path):
    path = tmp_path / "empty.duckdb"
    warehouse.connect(path).close()
    with TestClient(create_app(path)) as empty:
        for page in ("/", "/spread", "/diffusion", "/evenements"):
            response = empty.get(page)
            assert response.status_code == 200 and '<html lang="fr">' in response.text, page
        assert empty.get("/commune/71153").status_code == 404
        assert empty.get("/carte/communes.json").status_code == 404
        assert empty.get("/api/v1/map/values").status_code == 422


def test_pages_say_in_french_why_an_analysis_cannot_be_shown(panel_db, tmp_path):
    """The known reasons (no hub, no commune base, too few towns, no stored analysis) are given in French, not as
    the library's English error; an unknown reason is still shown, marked as English."""
    import shutil

    from vigie.web.pages import reason_fr

    copy = tmp_path / "nohub.duckdb"
    shutil.copy(panel_db, copy)
    con = warehouse.connect(copy)
    con.execute("UPDATE commune SET lon = NULL WHERE population >= 150000")  # no big town with a location
    con.execute("DELETE FROM analysis_run WHERE step = 'diffusion'")  # so that the page measures the wave itself
    con.close()
    with TestClient(create_app(copy)) as c:
        text = html.unescape(c.get("/diffusion").text)
    assert "aucune grande ville" in text and "no hub" not in text and "en anglais" not in text
    empty = tmp_path / "empty.duckdb"
    warehouse.connect(empty).close()
    with TestClient(create_app(empty)) as c:
        for page in ("/diffusion", "/spread"):
            text = html.unescape(c.get(page).text)
            assert "Raison : L'entrepôt n'a pas encore" in text and "en anglais" not in text, page
    assert reason_fr("diffusion of trafic: no stored diffusion for trafic; run `vigie analyse`").startswith("L'analyse")
    assert reason_fr("too few towns or cases in one of the two classes").startswith("Trop peu")
    assert reason_fr("something else entirely") is None

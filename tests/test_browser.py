"""The dashboard in a real headless Chromium, against `vigie serve` on a small warehouse: Saône-et-Loire (Le Creusot)
and Drôme, synthetic commune figures with their hot spots and onsets, and one hand-written press article about
Le Creusot ingested by `vigie press ingest`. The pages are also checked by axe-core (no serious or critical
accessibility violation)."""

from __future__ import annotations

import io
import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from conftest import COG, GEO, ROOT, make_panel

from vigie import warehouse
from vigie.analysis import hotspots, onsets
from vigie.geo.weights import ensure_adjacency
from vigie.sources.build import build

CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEPARTEMENTS = ("71", "26")
ARTICLE = {
    "id": "test-le-creusot-1",
    "date": "2023-06-03",
    "title": "Le Creusot : un point de deal démantelé, trois interpellations",
    "text": (
        "Mardi, les policiers ont démantelé un point de deal au Creusot, en Saône-et-Loire. Trois hommes ont été "
        "interpellés et placés en garde à vue. Les enquêteurs ont saisi 2 kilos de cannabis et 4 000 euros en "
        "liquide.\n\nDans la nuit de samedi à dimanche, plusieurs coups de feu ont été tirés au Creusot, dans le "
        "quartier de la Molette. Personne n'a été blessé."
    ),
}

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (make browser)")


@pytest.fixture(scope="module")
def town_db(tmp_path_factory) -> Path:
    """Reference (outlines of Saône-et-Loire and Drôme only, so the map layer is small), synthetic panel of the two
    départements, stored analyses, and the article about Le Creusot."""
    reference = tmp_path_factory.mktemp("reference_71_26")
    shutil.copy(COG, reference / "communes.json")
    shutil.copy(COG.parent / "epci.json", reference / "epci.json")
    outlines = pq.read_table(GEO / "communes_outlines.parquet")
    keep = pc.or_(*(pc.starts_with(outlines["code"], d) for d in DEPARTEMENTS))
    pq.write_table(outlines.filter(keep), reference / "communes_outlines.parquet")
    panel = make_panel(
        tmp_path_factory.mktemp("panel_71_26"), "--departements", ",".join(DEPARTEMENTS), "--formats", "parquet"
    )
    path = tmp_path_factory.mktemp("town_db") / "vigie.duckdb"
    con = warehouse.connect(path)
    build(con, [reference])
    build(con, [panel])
    ensure_adjacency(con)
    hotspots.save(con, hotspots.emerging_hotspots(con, "trafic"))  # what `vigie build` stores (the forecast aside)
    onsets.save(con, onsets.onsets(con, "trafic"))
    con.close()
    articles = tmp_path_factory.mktemp("articles")
    (articles / "creusot.json").write_text(json.dumps(ARTICLE, ensure_ascii=False), encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "vigie", "press", "ingest", str(articles), "--db", str(path)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return path


@pytest.fixture(scope="module")
def server(town_db):
    """`vigie serve` on a free port; its base URL once it answers."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "vigie", "serve", "--db", str(town_db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/static/vigie.css", timeout=2).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"vigie serve did not start: {process.stderr.read().decode()}") from None
            time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 860}, locale="fr-FR")
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


def _wait_map(page) -> None:
    page.wait_for_function(
        "document.body.dataset.mapReady === '1' || document.body.dataset.mapError === '1'", timeout=60_000
    )
    assert page.evaluate("document.body.dataset.mapError") is None, page.inner_text("#legend")


def _not_blank(png: bytes) -> int:
    """How many colours the image has (a blank page has one or two)."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB").resize((200, 200))
    return len(image.getcolors(maxcolors=200 * 200))


def test_map_draws_every_commune_and_follows_the_selectors(page, server, town_db, tmp_path):
    page.goto(server + "/")
    _wait_map(page)
    con = warehouse.connect(town_db, read_only=True)
    outlines = con.execute("SELECT count(*) FROM commune_outline").fetchone()[0]
    con.close()
    assert int(page.evaluate("document.body.dataset.mapFeatures")) == outlines
    assert "Catégorie de point chaud émergent" in page.inner_text("#legend")
    shot = page.screenshot(path=str(tmp_path / "carte.png"))
    assert _not_blank(page.locator("#map").screenshot()) > 5
    assert len(shot) > 10_000
    # the map itself is drawn: the canvas has coloured pixels where the communes are
    painted = page.evaluate(
        """(() => { const c = document.querySelector('canvas.communes-canvas');
            const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let n = 0;
            for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n; })()"""
    )
    assert painted > 1_000  # two départements at the scale of France
    page.select_option("#colour", "rate")
    _wait_map(page)
    assert "couleur=rate" in page.url and "Taux pour 1 000 habitants" in page.inner_text("#legend")
    shared = page.url  # the view is in the URL: opening it again gives the same map
    page.goto(shared)
    _wait_map(page)
    assert page.input_value("#colour") == "rate"


def test_map_says_when_a_colouring_is_not_computed(page, server):
    page.goto(server + "/?indicateur=usage&couleur=category")  # the fixture stored hot spots of trafficking only
    page.wait_for_function("document.body.dataset.mapReady === '1'", timeout=60_000)
    assert page.evaluate("document.body.dataset.mapError") == "1"
    assert "ne sont pas calculés" in page.inner_text("#legend")
    assert int(page.evaluate("document.body.dataset.mapFeatures")) > 0  # the towns are drawn all the same
    page.select_option("#colour", "rate")
    _wait_map(page)
    assert "Taux pour 1 000 habitants" in page.inner_text("#legend")


def test_map_hover_names_the_town(page, server):
    page.goto(server + "/?indicateur=trafic&couleur=category&lat=46.80&lon=4.42&z=11")
    _wait_map(page)
    page.wait_for_function("document.body.dataset.namesReady === '1'")  # the names arrive once the map is idle
    box = page.locator("#map").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.move(box["x"] + box["width"] / 2 + 2, box["y"] + box["height"] / 2 + 2)
    page.wait_for_function("document.getElementById('hover').textContent.includes('Le Creusot (71)')")


def test_search_le_creuzot_opens_le_creusot(page, server):
    page.goto(server + "/")
    page.fill("#q", "le creuzot")
    page.press("#q", "Enter")
    page.wait_for_url("**/commune/71153")
    assert "Le Creusot" in page.inner_text("h1")


def test_town_page_chart_events_and_report(page, server, tmp_path):
    page.goto(server + "/commune/71153")
    page.wait_for_selector("#chart[data-chart-ready='1']")
    assert page.locator("#chart svg").count() == 2
    assert page.locator("#chart rect.bar").count() >= 8  # one bar a year
    assert page.locator("#chart path.rate").count() == 1 and page.locator("#chart path.median").count() == 1
    events = page.inner_text("#events")
    assert "Point de deal" in events and "Tirs" in events
    assert "mai 2023" in events or "juin 2023" in events  # dates written in French
    assert "Le Creusot : un point de deal démantelé" in events
    page.screenshot(path=str(tmp_path / "commune.png"), full_page=True)
    # another indicator redraws the chart
    page.select_option("#chart-indicator", "usage")
    assert "Usage" in page.locator("#chart svg title").first.text_content()
    href = page.get_attribute("a.report-link", "href")
    assert href == "/commune/71153/rapport.pdf"
    response = page.request.get(server + href)
    assert response.status == 200, response.text()[:300]
    assert response.headers["content-type"].startswith("application/pdf")
    pdf = response.body()
    assert pdf.startswith(b"%PDF")
    (tmp_path / "rapport.pdf").write_bytes(pdf)
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", str(tmp_path / "rapport.pdf"), str(tmp_path / "p")],
            check=True,
        )
        first = next(tmp_path.glob("p*.png")).read_bytes()
        assert _not_blank(first) > 5


def test_csv_download_of_a_town_table(page, server):
    page.goto(server + "/commune/71153")
    with page.expect_download() as info:
        page.click("a[href='?format=csv&table=series']")
    text = Path(info.value.path()).read_text(encoding="utf-8")
    header, *rows = text.strip().splitlines()
    assert header.startswith("indicator,year,count") and len(rows) >= 10


@pytest.mark.parametrize("path", ["/", "/commune/71153", "/evenements", "/spread"])
def test_no_serious_accessibility_violation(page, server, path):
    assert AXE.exists(), "node_modules/axe-core is missing: run make install (npm ci)"
    page.goto(server + path)
    if path == "/":
        _wait_map(page)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    serious = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not serious, serious

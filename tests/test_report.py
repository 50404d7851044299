"""The town report (vigie report, /commune/{code}/rapport.pdf): two A4 pages, drawn, in French, with its caveats.

Checked on the real PDF: pages counted by poppler's pdfinfo, page 1 turned into pixels by pdftoppm, words read back
by pdftotext (poppler-utils, installed by `make`)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vigie import warehouse
from vigie.cli import app
from vigie.errors import VigieError
from vigie.report import report_pdf, town_report

TODAY = dt.date(2026, 6, 30)


def pages(pdf: bytes, tmp_path: Path) -> int:
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "t.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.replace("\u00a0", " ").split())


def first_page_pixels(pdf: bytes, tmp_path: Path) -> list[int]:
    """Grey levels of page 1 at 60 dpi (pdftoppm -gray; the PGM read by hand: no imaging library needed)."""
    path = tmp_path / "p.pdf"
    path.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-gray", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(path), str(tmp_path / "p1")],
        check=True,
    )
    raw = (tmp_path / "p1.pgm").read_bytes()
    magic, width, height, maxval, data = raw.split(maxsplit=4)
    assert magic == b"P5" and int(maxval) == 255
    return list(data[: int(width) * int(height)])


def not_blank(pixels: list[int]) -> tuple[float, int]:
    """(share of pixels that are not white, number of distinct grey levels)."""
    return sum(p < 245 for p in pixels) / len(pixels), len(set(pixels))


@pytest.fixture(scope="module")
def bressuire(panel_db):
    con = warehouse.connect(panel_db, read_only=True)
    yield report_pdf(con, "bressuire", today=TODAY)
    con.close()


def test_panel_town_report_is_two_drawn_pages_flagged_synthetic(bressuire, tmp_path):
    pdf, report = bressuire
    assert pdf.startswith(b"%PDF-")
    assert pages(pdf, tmp_path) == 2
    ink, levels = not_blank(first_page_pixels(pdf, tmp_path))
    assert ink > 0.05 and levels > 50  # text, charts and the banner; a blank page is 0 and 1
    words = text(pdf, tmp_path)
    assert report["synthetic"] is True
    assert "DONNÉES SYNTHÉTIQUES" in words
    assert "Bressuire" in words and "Code INSEE 79049" in words
    # French formatting: the population with a no-break thousands separator, dates written out
    assert f"{report['population']:,}".replace(",", " ") + " habitants" in words
    assert "30 juin 2026" in words
    # the series drawn: trafficking and drug use, with the size class's median beside them
    assert report["drawn_indicators"] == ["trafic", "usage"]
    assert set(report["class_medians"]) == {"trafic", "usage"}
    assert "Secret statistique" in words and "activité des services" in words


def test_official_warehouse_report_is_not_flagged_synthetic_and_says_when_a_town_has_no_figures(official_db, tmp_path):
    con = warehouse.connect(official_db, read_only=True)
    pdf, report = report_pdf(con, "71153", today=TODAY)
    con.close()
    assert pages(pdf, tmp_path) == 2
    words = text(pdf, tmp_path)
    assert report["synthetic"] is False and "SYNTHÉTIQUES" not in words
    assert report["name"] == "Le Creusot"
    if not report["series"]:
        assert "Aucun chiffre communal" in words
    assert "Secret statistique" in words
    assert report["neighbours"], "the map needs the neighbours from the adjacency table"


def test_a_village_and_a_town_without_figures_still_make_two_pages(panel_db, tmp_path):
    con = warehouse.connect(panel_db, read_only=True)
    village = con.execute(
        """SELECT code FROM commune_fact WHERE indicator = 'trafic' GROUP BY code
           HAVING bool_and(suppressed) ORDER BY code LIMIT 1"""
    ).fetchone()[0]
    pdf, report = report_pdf(con, village, today=TODAY)
    assert pages(pdf, tmp_path) == 2
    assert all(r["suppressed"] for r in report["series"] if r["indicator"] == "trafic")
    assert "non publié" in text(pdf, tmp_path)
    # Le Creusot (71) is outside the panel's départements: no figures at all
    pdf, report = report_pdf(con, "le creuzot", today=TODAY)
    con.close()
    assert report["code"] == "71153" and report["series"] == []
    assert pages(pdf, tmp_path) == 2
    assert "Aucun chiffre communal" in text(pdf, tmp_path)


def test_events_of_the_last_twelve_months_and_the_forecast_when_stored(panel_db, tmp_path):
    path = tmp_path / "events.duckdb"
    shutil.copy(panel_db, path)
    con = warehouse.connect(path)
    con.execute(
        "INSERT INTO article VALUES ('a1', NULL, '2026-05-01', 'Tirs à Bressuire', 'x', false, now()),"
        " ('a2', NULL, '2024-01-10', 'Saisie', 'y', false, now())"
    )
    con.execute(
        "INSERT INTO event (event_id, type, commune, departement, place, date_start, date_end, killed, injured) VALUES"
        " (1, 'shooting', '79049', '79', 'quartier Valette', '2026-04-30', '2026-04-30', 0, 2),"
        " (2, 'seizure', '79049', '79', NULL, '2024-01-09', '2024-01-09', NULL, NULL)"
    )
    con.execute("INSERT INTO event_mention VALUES (1, 'a1', 'tirs'), (2, 'a2', 'saisie')")
    con.execute("DELETE FROM forecast")
    assert town_report(con, "79049", today=TODAY)["forecast"] is None  # no forecast stored: no panel
    drivers = '[{"feature": "mean3", "contribution": 0.4, "text": "3.0 cases a year", "texte": "trois faits par an"}]'
    con.execute(
        "INSERT INTO forecast (source, indicator, target, target_year, unit, code, probability, rank, of_total,"
        " drivers, model_version, training_years, seed, synthetic) VALUES ('commune', 'trafic', 'surge', 2026,"
        f" '79049', '79049', 0.42, 7, 733, '{drivers}', 'test', '2016-2024', 1, true)"
    )
    report = town_report(con, "79049", today=TODAY)
    assert report["forecast"]["probability"] == 0.42 and report["forecast"]["drivers"] == ["trois faits par an"]
    assert [e["type"] for e in report["events"]] == ["shooting"]
    assert report["events_older"] == 1
    pdf, _ = report_pdf(con, "79049", today=TODAY)
    con.close()
    words = text(pdf, tmp_path)
    assert "30 avril 2026" in words and "Tirs" in words and "quartier Valette" in words
    assert "Alerte précoce" in words and "42 %" in words and "7e commune sur 733" in words
    assert "trois faits par an" in words
    assert pages(pdf, tmp_path) == 2


def test_unknown_or_ambiguous_town_is_a_clear_error(panel_db):
    con = warehouse.connect(panel_db, read_only=True)
    with pytest.raises(VigieError, match="no commune matches"):
        town_report(con, "Zzyzx-sur-Mer")
    with pytest.raises(VigieError, match="--departement"):
        town_report(con, "valence")
    assert town_report(con, "valence", "26")["code"] == "26362"
    con.close()


def test_route_serves_the_pdf_and_a_french_404(panel_db):
    from fastapi import FastAPI
    from fastapi.testclient import TestClient

    from vigie.web import rapport
    from vigie.web.deps import WarehouseReader

    web = FastAPI()  # the report's router alone: the whole app also needs the npm assets
    web.state.reader = WarehouseReader(panel_db)
    web.include_router(rapport.router)
    client = TestClient(web)
    ok = client.get("/commune/79049/rapport.pdf")
    assert ok.status_code == 200 and ok.headers["content-type"] == "application/pdf"
    assert ok.content.startswith(b"%PDF-")
    missing = client.get("/commune/99999/rapport.pdf")
    assert missing.status_code == 404 and "Aucune commune n'a le code « 99999 »" in missing.text
    traversal = client.get("/commune/..%2F..%2Fetc%2Fpasswd/rapport.pdf")  # no route: the app's own 404
    assert traversal.status_code == 404 and not traversal.content.startswith(b"%PDF")
    for hostile in ("' OR 1=1 --", "x" * 10_000, "Ünïcødé✓", "7115３"):
        answer = client.get(f"/commune/{hostile}/rapport.pdf")
        assert answer.status_code == 404 and "n'est pas un code de commune" in answer.text, hostile
        assert len(answer.text) < 1000  # a long input is not echoed whole


def test_cli_checks_out_before_computing_and_writes_the_pdf(panel_db, tmp_path):
    runner = CliRunner()
    # the bad --out is named even though the warehouse does not exist either: it is checked first
    missing = runner.invoke(app, ["report", "79049", "--out", str(tmp_path / "nope" / "r.pdf"), "--db", "/no/db"])
    assert missing.exit_code == 1 and isinstance(missing.exception, VigieError)
    assert "nope does not exist" in str(missing.exception)
    wrong = runner.invoke(app, ["report", "79049", "--out", str(tmp_path / "r.png"), "--db", str(panel_db)])
    assert wrong.exit_code == 1 and ".pdf" in str(wrong.exception)
    out = tmp_path / "valence.pdf"
    done = runner.invoke(app, ["report", "valence", "--departement", "26", "--out", str(out), "--db", str(panel_db)])
    assert done.exit_code == 0, done.output
    assert out.read_bytes().startswith(b"%PDF-")
    unknown = runner.invoke(app, ["report", "Zzyzx", "--db", str(panel_db)])
    assert unknown.exit_code == 1 and "no commune matches" in str(unknown.exception)


def test_png_reader_helper_sees_a_blank_page_as_blank(tmp_path):
    """The non-blank check above can fail: an empty PDF page reads as all white."""
    import weasyprint

    pdf = weasyprint.HTML(string="<html><body></body></html>").write_pdf()
    ink, levels = not_blank(first_page_pixels(pdf, tmp_path))
    assert ink == 0 and levels == 1


def test_two_pages_even_when_every_part_is_full(panel_db, tmp_path):
    """A long page 2 (every event row, long places, a forecast, every service row) still makes two pages; before
    the pages were inline-blocks it made three."""
    from vigie.report import MAX_EVENTS, MAX_SERVICE_ROWS, render_pdf

    con = warehouse.connect(panel_db, read_only=True)
    report = town_report(con, "13055", today=TODAY)
    place = "cité des Oliviers, quartier Saint-Barthélemy, au pied de la tour B (14e arrondissement)"
    event = {"type": "shooting", "place": place, "date": "2026-05-03", "killed": 1, "injured": 3, "articles": 12}
    report.update(events=[event] * MAX_EVENTS, events_more=40, events_older=300)
    report["forecast"] = {
        "missing": False,
        "target_year": 2026,
        "probability": 0.87,
        "rank": 1,
        "of": 733,
        "drivers": ["cette année à 166 % du seuil d'une flambée"] * 3,
    }
    row = {
        "service": "DIRECTION DÉPARTEMENTALE DE LA SÉCURITÉ PUBLIQUE CENTRE",
        "force": "PN",
        "index": 55,
        "label": "trafic et revente sans usage",
        "counts": {str(y): 12345 for y in range(2016, 2022)},
    }
    report["services"] = {"years": [str(y) for y in range(2016, 2022)], "rows": [row] * MAX_SERVICE_ROWS, "more": 20}
    pdf = render_pdf(con, report)
    con.close()
    assert pages(pdf, tmp_path) == 2

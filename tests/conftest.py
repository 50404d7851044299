"""Shared fixtures: the real files of ../shared/data, and a small synthetic panel made by make_panel.py."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from vigie import warehouse
from vigie.analysis.analyse import analyse
from vigie.geo.weights import ensure_adjacency
from vigie.press.articles import Article
from vigie.sources.build import build

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(__import__("os").environ.get("VIGIE_SHARED", ROOT.parent / "shared"))
DATA = SHARED / "data"
GEO = DATA / "geo"
COG = GEO / "decoupage-administratif-6.0.0" / "communes.json"
PRESS_DAY = date(2025, 3, 14)  # the publication date of the press tests' articles written for them


def extracted(extractor, title: str, text: str, day: date = PRESS_DAY) -> list:
    """The events the extractor finds in an article written for a test."""
    return extractor.extract(Article(id="t", date=day, title=title, text=text))


def placed(extractor, title: str, text: str, day: date = PRESS_DAY) -> list[tuple]:
    """Each event's type and place: (type, commune, département, geo_precision)."""
    return [(e.type, e.commune, e.departement, e.geo_precision) for e in extracted(extractor, title, text, day)]


def make_panel(out: Path, *args: str) -> Path:
    subprocess.run(
        [sys.executable, str(SHARED / "synth" / "make_panel.py"), "--out", str(out), *args],
        check=True,
        capture_output=True,
    )
    return out


@pytest.fixture(scope="session")
def reference_dir(tmp_path_factory) -> Path:
    """The commune reference files alone (communes.json, epci.json, outlines)."""
    folder = tmp_path_factory.mktemp("geo")
    shutil.copy(COG, folder / "communes.json")
    shutil.copy(COG.parent / "epci.json", folder / "epci.json")
    shutil.copy(GEO / "communes_outlines.parquet", folder / "communes_outlines.parquet")
    return folder


@pytest.fixture(scope="session")
def small_panel(tmp_path_factory) -> Path:
    """Synthetic commune base of Deux-Sèvres, Drôme and Bouches-du-Rhône with its truth (parquet and csv.gz)."""
    return make_panel(tmp_path_factory.mktemp("panel"), "--departements", "79,26,13", "--truth")


def warehouse_with(official_db: Path, folder: Path, tmp: Path) -> Path:
    """A copy of the official warehouse with `folder`'s files built into it (a QPV list, say)."""
    db = tmp / "w.duckdb"
    shutil.copy(official_db, db)
    con = warehouse.connect(db)
    build(con, [folder])
    con.close()
    return db


@pytest.fixture(scope="session")
def nlp():
    from vigie.press.pipeline import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def extractor(official_db, nlp):
    """The press extractor on the official warehouse: the curated districts, no QPV list."""
    from vigie.press.pipeline import load_extractor

    con = warehouse.connect(official_db, read_only=True)
    yield load_extractor(con=con, nlp=nlp)
    con.close()


@pytest.fixture(scope="session")
def official_db(tmp_path_factory) -> Path:
    """A warehouse built from everything in ../shared/data (real files)."""
    path = tmp_path_factory.mktemp("official") / "vigie.duckdb"
    con = warehouse.connect(path)
    build(con, [DATA])
    ensure_adjacency(con)
    con.close()
    return path


@pytest.fixture(scope="session")
def panel_db(tmp_path_factory, reference_dir, small_panel) -> Path:
    """The commune reference plus the small synthetic commune base."""
    path = tmp_path_factory.mktemp("panel_db") / "vigie.duckdb"
    con = warehouse.connect(path)
    build(con, [reference_dir])
    panel_only = tmp_path_factory.mktemp("panel_parquet")
    shutil.copy(small_panel / "donnee-comm-synth.parquet", panel_only)
    build(con, [panel_only])
    ensure_adjacency(con)
    analyse(con)  # hot spots, onsets and diffusion stored, as `vigie build` does
    con.close()
    return path


@pytest.fixture
def official(official_db):
    con = warehouse.connect(official_db, read_only=True)
    yield con
    con.close()


@pytest.fixture
def panel(panel_db):
    con = warehouse.connect(panel_db, read_only=True)
    yield con
    con.close()


def table_counts(con) -> dict[str, int]:
    tables = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE NOT temporary").fetchall()]
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def commune_file(folder: Path, rows: list[tuple]) -> None:
    """A small commune base in the official CSV schema. Rows: (code, year, count, est_diffuse, complement), with an
    optional sixth item, the indicator label (default: trafficking)."""
    header = (
        '"CODGEO_2025";"annee";"indicateur";"unite_de_compte";"nombre";"taux_pour_mille";"est_diffuse";'
        '"insee_pop";"insee_pop_millesime";"insee_log";"insee_log_millesime";"complement_info_nombre";'
        '"complement_info_taux"'
    )
    lines = [header]
    for c, y, n, d, k, *label in rows:
        label = label[0] if label else "Trafic de stupéfiants"
        lines.append(f'"{c}";"{y}";"{label}";"Mis en cause";"{n}";"NA";"{d}";"20000";"2023";"9000";"2022";"{k}";"NA"')
    (folder / "donnee-data.gouv-test.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")

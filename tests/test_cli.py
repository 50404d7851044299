"""The command line: each command with --db, its formats, and its errors for people."""

import json
import shutil
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from vigie.cli import app

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_build_spread_commune_status(tmp_path, reference_dir, small_panel):
    db = tmp_path / "w.duckdb"
    panel = tmp_path / "panel"
    panel.mkdir()
    shutil.copy(small_panel / "donnee-comm-synth.parquet", panel)
    result = run("build", "--from", reference_dir, "--from", panel, "--db", db)
    assert result.exit_code == 0, result.output
    assert "loaded" in result.output and "SYNTHETIC" in result.output

    table = run("spread", "--db", db)
    assert table.exit_code == 0 and "SYNTHETIC" in table.output and "ville_moyenne" in table.output
    as_json = run("spread", "--db", db, "--format", "json", "--indicator", "trafic")
    data = json.loads(as_json.stdout[as_json.stdout.index("{") :])
    assert data["synthetic_commune_figures"] is True
    assert set(data["indicators"]) == {"trafic"} and data["indicators"]["trafic"]["growth_sentence"]
    as_csv = run("spread", "--db", db, "--format", "csv", "--years", "2024-2025")
    assert as_csv.stdout.splitlines()[0].startswith("table,indicator,size_class,year")
    plot = tmp_path / "spread.png"
    assert run("spread", "--db", db, "--plot", plot).exit_code == 0
    assert plot.read_bytes()[:4] == b"\x89PNG"

    profile = run("commune", "bressuire", "--db", db, "--format", "json")
    assert profile.exit_code == 0
    data = json.loads(profile.stdout[profile.stdout.index("{") :])
    assert data["code"] == "79049" and {s["indicator"] for s in data["series"]} >= {"trafic", "usage"}
    assert any(s["suppressed"] and s["count"] is None for s in data["series"]) or all(
        s["count"] is not None for s in data["series"]
    )
    assert run("status", "--db", db).exit_code == 0


@pytest.mark.parametrize(
    "args,message",
    [
        (["spread", "--years", "twenty"], "--years"),
        (["spread", "--indicator", "cocaine"], "unknown indicator"),
        (["commune", "Valence"], "matches"),
        (["commune", "Xyzzyville"], "no commune matches"),
        (["build", "--from", "/nonexistent"], "not a folder"),
    ],
)
def test_errors_are_plain_and_exit_non_zero(tmp_path, panel_db, args, message):
    db = tmp_path / "w.duckdb"
    shutil.copy(panel_db, db)  # the reference and the panel, as two builds make it
    result = subprocess.run([sys.executable, "-m", "vigie", *args, "--db", str(db)], capture_output=True, text=True)
    assert result.returncode == 1
    assert message in result.stderr and "Traceback" not in result.stderr


def test_missing_warehouse_is_explained(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "vigie", "spread", "--db", str(tmp_path / "none.duckdb")], capture_output=True, text=True
    )
    assert result.returncode == 1 and "vigie build" in result.stderr


def test_space_time_commands(tmp_path, panel_db):
    db = tmp_path / "w.duckdb"
    shutil.copy(panel_db, db)
    hot = run("hotspots", "--db", db, "--format", "json", "--all", "--departement", "79")
    assert hot.exit_code == 0, hot.output
    rows = json.loads(hot.stdout[hot.stdout.index("[") :])
    assert rows and all(r["code"].startswith("79") for r in rows)
    assert {"code", "name", "year", "gi_z", "p", "rise_z", "rise_q", "category"} <= set(rows[0])
    geo = run("hotspots", "--db", db, "--format", "geojson", "--departement", "13", "--year", "2024")
    collection = json.loads(geo.stdout[geo.stdout.index("{") :])
    assert collection["type"] == "FeatureCollection"
    assert all(f["geometry"] for f in collection["features"])
    onsets = run("onsets", "--db", db, "--format", "csv")
    assert onsets.exit_code == 0 and onsets.stdout.splitlines()[0] == "code,name,onset_year,confidence,rise_ratio"
    plot = tmp_path / "wave.svg"
    wave = run("diffusion", "--db", db, "--format", "json", "--plot", plot)
    assert wave.exit_code == 0 and plot.read_text().startswith("<?xml")
    assert "speed_km_per_year" in json.loads(wave.stdout[wave.stdout.index("{") :])
    profile = run("commune", "13055", "--db", db, "--format", "json")
    data = json.loads(profile.stdout[profile.stdout.index("{") :])
    assert data["hotspots"] and data["hotspots"][-1]["category"]  # stored when panel_db was built


@pytest.mark.parametrize(
    "args,message",
    [
        (["hotspots", "--format", "xml"], "--format"),
        (["hotspots", "--year", "1990"], "--year 1990"),
        (["diffusion", "--hubs", "99999"], "unknown commune code"),
    ],
)
def test_space_time_errors(tmp_path, panel_db, args, message):
    db = tmp_path / "w.duckdb"
    shutil.copy(panel_db, db)
    result = subprocess.run([sys.executable, "-m", "vigie", *args, "--db", str(db)], capture_output=True, text=True)
    assert result.returncode == 1 and message in result.stderr and "Traceback" not in result.stderr


def test_commune_ranks_on_published_figures_only(panel):
    """A town whose last figure is suppressed is not ranked (its rate would be the département's complement, not
    its own); the others are ranked among published figures, and the output says which figure it is."""
    from vigie.analysis.profile import profile

    last = panel.execute("SELECT max(year) FROM commune_fact").fetchone()[0]
    hidden, shown = (
        panel.execute(
            f"""SELECT f.code FROM commune_fact f JOIN commune c USING (code) WHERE f.indicator = 'trafic'
                AND f.year = {last} AND f.suppressed = {flag} AND c.population >= 10000 ORDER BY f.code LIMIT 1"""
        ).fetchone()[0]
        for flag in ("true", "false")
    )
    hidden_rank = next(c for c in profile(panel, hidden)["comparison"] if c["indicator"] == "trafic")
    shown_rank = next(c for c in profile(panel, shown)["comparison"] if c["indicator"] == "trafic")
    assert hidden_rank["rank_in_class"] is None and hidden_rank["rate_per_1000"] is None
    assert shown_rank["rank_in_class"] >= 1 and "published" in shown_rank["figure"]
    published = panel.execute(
        f"""SELECT count(*) FROM commune_fact f JOIN commune c USING (code) WHERE f.indicator = 'trafic'
            AND f.year = {last} AND NOT f.suppressed AND c.population BETWEEN 10000 AND 99999
            AND c.kind = 'commune'"""
    ).fetchone()[0]
    assert shown_rank["of_in_class"] <= published


def test_build_without_the_reference_says_what_is_missing(tmp_path, small_panel):
    """`vigie build --from PANEL` alone loads the commune base and says, once, that the commune reference is
    missing and where it comes from, instead of every later command sending the user back to `vigie build`."""
    panel = tmp_path / "panel"
    panel.mkdir()
    shutil.copy(small_panel / "donnee-comm-synth.parquet", panel)
    db = tmp_path / "w.duckdb"
    result = subprocess.run(
        [sys.executable, "-m", "vigie", "build", "--from", str(panel), "--db", str(db)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "not the commune reference" in result.stdout and "communes.json" in result.stdout
    later = subprocess.run(
        [sys.executable, "-m", "vigie", "commune", "Bressuire", "--db", str(db)], capture_output=True, text=True
    )
    assert later.returncode == 1 and "communes.json" in later.stderr and "Traceback" not in later.stderr

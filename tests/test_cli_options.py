"""Every command with every option README's table documents, on the real shared data and on the small synthetic
panel: each run ends with exit 0 or with one plain line (a VigieError), never a Python traceback."""

import json
import shutil

import pytest
from typer.testing import CliRunner

from vigie.cli import app
from vigie.errors import VigieError

runner = CliRunner()

# (name, arguments): README's command table, option by option; {tmp} is a scratch folder
READS = [
    ("spread", ["spread"]),
    ("spread indicators", ["spread", "--indicator", "trafic", "--indicator", "usage_afd"]),
    ("spread one year", ["spread", "--years", "2020"]),
    ("spread range", ["spread", "--years", "2016-2025"]),
    ("spread departement", ["spread", "--departement", "26"]),
    ("spread departement one big city", ["spread", "--departement", "13"]),
    ("spread departement without towns", ["spread", "--departement", "87"]),
    ("spread png", ["spread", "--plot", "{tmp}/s.png"]),
    ("spread svg csv", ["spread", "--plot", "{tmp}/s.svg", "--format", "csv"]),
    ("spread json", ["spread", "--format", "json"]),
    ("spread homicides", ["spread", "--indicator", "homicides"]),
    ("spread plot missing folder", ["spread", "--plot", "{tmp}/missing/s.png"]),
    ("commune name", ["commune", "le creusot"]),
    ("commune code", ["commune", "26362"]),
    ("commune homonym", ["commune", "Valence", "--departement", "26"]),
    ("commune ambiguous", ["commune", "Valence"]),
    ("commune json", ["commune", "Marseille", "--format", "json"]),
    ("commune csv", ["commune", "Bressuire", "--format", "csv"]),
    ("hotspots", ["hotspots"]),
    ("hotspots indicator", ["hotspots", "--indicator", "usage"]),
    ("hotspots homicides", ["hotspots", "--indicator", "homicides"]),
    ("hotspots first year", ["hotspots", "--year", "2016"]),
    ("hotspots departement", ["hotspots", "--departement", "13"]),
    ("hotspots departement unknown", ["hotspots", "--departement", "99"]),
    ("hotspots permutations", ["hotspots", "--permutations", "49", "--seed", "7"]),
    ("hotspots alpha all", ["hotspots", "--alpha", "0.1", "--all"]),
    ("hotspots csv", ["hotspots", "--format", "csv"]),
    ("hotspots json", ["hotspots", "--format", "json"]),
    ("hotspots geojson", ["hotspots", "--format", "geojson", "--departement", "79"]),
    ("onsets", ["onsets"]),
    ("onsets indicator departement", ["onsets", "--indicator", "usage", "--departement", "26"]),
    ("onsets homicides", ["onsets", "--indicator", "homicides"]),
    ("onsets json", ["onsets", "--format", "json"]),
    ("diffusion", ["diffusion"]),
    ("diffusion usage", ["diffusion", "--indicator", "usage"]),
    ("diffusion homicides", ["diffusion", "--indicator", "homicides"]),
    ("diffusion hubs", ["diffusion", "--hubs", "13055,69123"]),
    ("diffusion min distance", ["diffusion", "--min-distance", "10"]),
    ("diffusion plot", ["diffusion", "--plot", "{tmp}/d.png"]),
    ("diffusion plot missing folder", ["diffusion", "--plot", "{tmp}/missing/d.png"]),
    ("diffusion csv", ["diffusion", "--format", "csv"]),
    ("diffusion json", ["diffusion", "--format", "json"]),
    ("status", ["status"]),
    ("status json", ["status", "--format", "json"]),
    ("status csv", ["status", "--format", "csv"]),
]
WRITES = [
    ("analyse", ["analyse", "--indicator", "trafic"]),
    ("build again", ["build", "--from", "{reference}"]),
]


def _invoke(args: list[str], db, tmp_path):
    args = [a.format(tmp=tmp_path, reference=getattr(_invoke, "reference", "")) for a in args]
    return runner.invoke(app, [*args, "--db", str(db)])


def _plain(result, args) -> None:
    """Exit 0, or exit 1 with one plain line: anything else is a crash."""
    if result.exit_code == 0:
        return
    assert isinstance(result.exception, VigieError), (args, repr(result.exception), result.output[-2000:])
    assert "\n" not in str(result.exception).strip(), (args, str(result.exception))


@pytest.mark.parametrize("name,args", READS, ids=[n for n, _ in READS])
def test_read_commands_on_the_panel(name, args, panel_db, tmp_path):
    result = _invoke(args, panel_db, tmp_path)
    _plain(result, args)
    if args[0] in ("hotspots", "onsets", "diffusion", "spread", "status") and "--format" in args:
        out = result.stdout
        if "json" in args:
            json.loads(out[out.index("{") if out.lstrip()[0] == "{" else out.index("[") :])  # strict: no NaN


@pytest.mark.parametrize("name,args", READS, ids=[n for n, _ in READS])
def test_read_commands_on_the_real_files(name, args, official_db, tmp_path):
    _plain(_invoke(args, official_db, tmp_path), args)


@pytest.mark.parametrize("name,args", WRITES, ids=[n for n, _ in WRITES])
def test_write_commands(name, args, panel_db, reference_dir, tmp_path):
    db = tmp_path / "w.duckdb"
    shutil.copy(panel_db, db)
    _invoke.reference = reference_dir
    result = _invoke(args, db, tmp_path)
    assert result.exit_code == 0, result.output


def test_documented_failures_are_plain(panel_db, tmp_path):
    """The ones the issue found, each with the sentence people now get."""
    cases = {
        ("hotspots", "--departement", "99"): "--departement 99",
        ("diffusion", "--plot", f"{tmp_path}/missing/d.png"): "does not exist",
        ("hotspots", "--year", "1990"): "--year 1990",
    }
    for args, message in cases.items():
        result = _invoke(list(args), panel_db, tmp_path)
        assert result.exit_code == 1 and message in str(result.exception), (args, result.output)
    one_year = _invoke(["spread", "--years", "2020", "--format", "json"], panel_db, tmp_path)
    notes = json.loads(one_year.stdout)["indicators"]["trafic"]["notes"]
    assert any("one year (2020)" in n for n in notes)


def test_machine_outputs_are_stable_and_complete(panel_db, tmp_path):
    """Same input, byte-identical JSON; csv keeps the growth test and the wave speed."""
    first, second = (_invoke(["spread", "--format", "json"], panel_db, tmp_path).stdout for _ in range(2))
    assert first == second and "NaN" not in first
    csv_spread = _invoke(["spread", "--format", "csv"], panel_db, tmp_path).stdout
    assert any(line.startswith("growth_test,trafic,") for line in csv_spread.splitlines())
    csv_wave = _invoke(["diffusion", "--format", "csv"], panel_db, tmp_path).stdout.splitlines()
    assert "speed_km_per_year" in csv_wave[0] and csv_wave[1].startswith("speed,trafic,")


@pytest.mark.parametrize("width", [80, 120])
def test_tables_fit_the_terminal_and_keep_the_category(panel, width):
    from rich.console import Console

    from vigie import output
    from vigie.analysis.stored import hotspot_rows

    rows = hotspot_rows(panel)
    assert rows
    columns = {k: k for k in ("code", "name", "category", "gi_z", "rise_z", "q", "rise_q", "eb_rate", "suppressed")}
    console = Console(width=width, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(output.table(rows, "hot spots", columns, width=width))
    text = console.export_text()
    assert max(len(line) for line in text.splitlines()) <= width
    assert "category" in text and rows[0]["category"] in text
    if width == 80:
        assert "Left out to fit the terminal" in text  # and said which


def test_a_base_of_five_towns_is_answered_plainly(panel_db, tmp_path):
    """Few towns (an indicator hardly anyone records, or a small extract): every analysis answers or says why in
    one line, never an AxisError or IndexError (issue 9)."""
    from conftest import commune_file

    folder = tmp_path / "five"
    folder.mkdir()
    commune_file(
        folder,
        [
            (code, y, y - 2010, "diff", "NA")
            for code in ("79049", "79191", "26362", "13001", "13055")
            for y in range(2016, 2026)
        ],
    )
    db = tmp_path / "w.duckdb"
    shutil.copy(panel_db, db)
    built = _invoke(["build", "--from", str(folder), "--replace"], db, tmp_path)
    assert built.exit_code == 0, built.output
    assert "analysis failed" not in built.output
    for args in (
        ["hotspots"],
        ["onsets"],
        ["diffusion"],
        ["spread"],
        ["hotspots", "--seed", "3"],
        ["commune", "Niort"],
    ):
        _plain(_invoke(args, db, tmp_path), args)

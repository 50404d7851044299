"""The SSMSI commune base: faithful load of both formats, suppressed cells, idempotency, and bad input."""

import gzip
import shutil

import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from conftest import table_counts

from vigie import warehouse
from vigie.errors import VigieError
from vigie.sources.build import build


def test_parquet_load_is_faithful(panel, small_panel):
    source = pq.read_table(small_panel / "donnee-comm-synth.parquet")
    ndiff = pc.sum(pc.equal(source["est_diffuse"], "ndiff")).as_py()
    trafic = source.filter(pc.equal(source["indicateur"], "Trafic de stupéfiants"))
    rows, suppressed, null_counts, total = panel.execute("""
        SELECT count(*), count(*) FILTER (WHERE suppressed), count(*) FILTER (WHERE count IS NULL),
               sum(count) FILTER (WHERE indicator = 'trafic') FROM commune_fact""").fetchone()
    assert rows == source.num_rows
    assert suppressed == null_counts == ndiff  # suppressed cells stay NULL, never 0
    assert total == pc.sum(trafic["nombre"]).as_py()
    complement = panel.execute("""SELECT count(*) FROM commune_fact
                                  WHERE suppressed AND complement_count IS NULL""").fetchone()[0]
    assert complement == 0  # the official complement is kept beside each suppressed cell


def test_csv_gz_and_parquet_give_the_same_warehouse(tmp_path, small_panel, panel):
    only_csv = tmp_path / "csv"
    only_csv.mkdir()
    shutil.copy(small_panel / "donnee-comm-synth.csv.gz", only_csv)
    con = warehouse.connect(tmp_path / "w.duckdb")
    build(con, [only_csv])
    query = """SELECT indicator::VARCHAR, year, sum(count), count(*) FILTER (WHERE suppressed),
               round(sum(complement_count), 4), round(sum(rate), 3), sum(population) FROM commune_fact
               GROUP BY ALL ORDER BY ALL"""
    assert con.execute(query).fetchall() == panel.execute(query).fetchall()


def test_loading_the_same_file_twice_changes_nothing(tmp_path, small_panel):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(small_panel / "donnee-comm-synth.parquet", folder)
    con = warehouse.connect(tmp_path / "w.duckdb")
    first = build(con, [folder])
    before = table_counts(con)
    second = build(con, [folder])
    assert len(first.loaded) == 1 and not second.loaded and len(second.unchanged) == 1
    assert table_counts(con) == before


def test_synthetic_panel_is_flagged(panel):
    assert warehouse.commune_base_is_synthetic(panel)


# --- bad input: each case names the problem and leaves the warehouse as it was -----------------------------

HEADER = (
    '"CODGEO_2025";"annee";"indicateur";"unite_de_compte";"nombre";"taux_pour_mille";"est_diffuse";'
    '"insee_pop";"insee_pop_millesime";"insee_log";"insee_log_millesime";"complement_info_nombre";'
    '"complement_info_taux"'
)
ROW = '"{code}";"2024";"{label}";"Mis en cause";"{n}";"0,5";"{diff}";"10000";"2023";"4800";"2022";"NA";"NA"'


def commune_csv(rows=None, header=HEADER, sep=None) -> str:
    rows = rows or [
        dict(code="79049", label="Trafic de stupéfiants", n="12", diff="diff"),
        dict(code="79049", label="Usage de stupéfiants", n="NA", diff="ndiff"),
    ]
    text = "\n".join([header, *(ROW.format(**r) for r in rows)]) + "\n"
    return text.replace(";", sep) if sep else text


def one_row(n="3", diff="diff", code="79049", label="Trafic de stupéfiants") -> str:
    """A commune file of one trafficking row, with the field under test changed."""
    return commune_csv([dict(code=code, label=label, n=n, diff=diff)])


BAD_CASES = {
    "wrong separator": (commune_csv(sep=","), "separated by ','"),
    "missing column": (commune_csv().replace('"est_diffuse"', '"published"'), "published"),
    "non-numeric count": (one_row(n="douze"), "douze"),
    "duplicate keys": (
        commune_csv([dict(code="79049", label="Trafic de stupéfiants", n="3", diff="diff")] * 2),
        "duplicate rows for commune 79049",
    ),
    "unknown label": (one_row(label="Trafic de chocolat"), "unknown indicator label 'Trafic de chocolat'"),
    "bad est_diffuse": (one_row(diff="maybe"), "'diff' or 'ndiff'"),
    "negative count": (one_row(n="-2"), "whole number"),
    "bad code": (one_row(code="790", n="2"), "'790' is not a 5-character INSEE code"),
    "year after the edition": (
        commune_csv().replace('"2024"', '"2099"', 1),
        "line 2, column 'annee': year 2099 .* outside the years this file can hold \\(up to 2026",
    ),
}


@pytest.fixture
def loaded(tmp_path, small_panel):
    """A warehouse holding the small panel, and its table sizes before the bad load."""
    folder = tmp_path / "good"
    folder.mkdir()
    shutil.copy(small_panel / "donnee-comm-synth.parquet", folder)
    con = warehouse.connect(tmp_path / "w.duckdb")
    build(con, [folder])
    return con, table_counts(con)


@pytest.mark.parametrize("case", list(BAD_CASES))
def test_bad_commune_file_is_refused_and_warehouse_untouched(tmp_path, loaded, case):
    con, before = loaded
    text, message = BAD_CASES[case]
    folder = tmp_path / "bad"
    folder.mkdir()
    path = folder / "donnee-data.gouv-2025-test.csv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(text)
    with pytest.raises(VigieError, match=message) as error:
        build(con, [folder])
    assert str(path) in str(error.value)
    assert table_counts(con) == before


def test_truncated_gzip(tmp_path, loaded, small_panel):
    con, before = loaded
    folder = tmp_path / "bad"
    folder.mkdir()
    data = (small_panel / "donnee-comm-synth.csv.gz").read_bytes()
    (folder / "donnee-comm-synth.csv.gz").write_bytes(data[: len(data) // 3])
    with pytest.raises(VigieError, match="donnee-comm-synth.csv.gz"):
        build(con, [folder])
    assert table_counts(con) == before


def test_corrupt_parquet(tmp_path, loaded, small_panel):
    con, before = loaded
    folder = tmp_path / "bad"
    folder.mkdir()
    data = (small_panel / "donnee-comm-synth.parquet").read_bytes()
    (folder / "broken.parquet").write_bytes(data[:1000] + data[-500:])
    report = build(con, [folder])  # an unreadable parquet cannot be recognised: it is skipped, with the reason
    assert report.skipped and "not a readable parquet file" in report.skipped[0][1]
    assert table_counts(con) == before


def test_area_file_errors_name_the_line(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "dep.csv").write_text(
        '"Code_departement";"Code_region";"annee";"indicateur";"unite_de_compte";"nombre";"taux_pour_mille";'
        '"insee_pop";"insee_pop_millesime";"insee_log";"insee_log_millesime"\n'
        '"01";"84";"2016";"Homicides";"Victime";"5";"0,0078";"638425";"2016";"308491";"2016"\n'
        '"02";"32";"2016";"Homicides";"Victime";"dix";"0,0186";"536136";"2016";"264180";"2016"\n',
        encoding="utf-8",
    )
    con = warehouse.connect(tmp_path / "w.duckdb")
    with pytest.raises(VigieError, match=r"dep.csv, line 3, column 'nombre': 'dix' is not a number"):
        build(con, [folder])
    assert con.execute("SELECT count(*) FROM area_fact").fetchone()[0] == 0


def test_narrower_commune_base_is_refused_unless_replace(tmp_path, loaded):
    """One département's file must not silently replace the national base (issue 9): refused, saying what would
    be lost and how to ask for it; with replace=True it replaces, and status says the old file no longer counts."""
    con, before = loaded
    folder = tmp_path / "one"
    folder.mkdir()
    path = folder / "donnee-data.gouv-2025-test.csv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(commune_csv())
    with pytest.raises(VigieError, match=r"narrower .* lose 2 département\(s\) \(13, 26\).*--replace"):
        build(con, [folder])
    assert table_counts(con) == before
    build(con, [folder], replace=True)
    assert con.execute("SELECT count(DISTINCT code) FROM commune_fact").fetchone()[0] == 1
    notes = con.execute("SELECT note FROM load_log WHERE kind = 'commune_base' ORDER BY load_id").fetchall()
    assert "replaced by donnee-data.gouv-2025-test.csv.gz" in notes[0][0]


def test_nothing_loaded_is_an_error(tmp_path):
    """An empty file, a Latin-1 file or a file with a renamed code column: nothing loaded → exit 1, and the
    warehouse is not created."""
    import subprocess
    import sys

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.csv").write_text("")
    (folder / "latin1.csv").write_bytes(HEADER.replace("CODGEO_2025", "CODGÉO").encode("latin-1") + b"\n")
    (folder / "renamed.csv").write_text(HEADER.replace("CODGEO_2025", "commune") + "\n")
    db = tmp_path / "w.duckdb"
    result = subprocess.run(
        [sys.executable, "-m", "vigie", "build", "--from", str(folder), "--db", str(db)], capture_output=True, text=True
    )
    assert result.returncode == 1 and "nothing was loaded" in result.stderr and "Traceback" not in result.stderr
    assert "empty.csv" in result.stderr and not db.exists()

"""SSMSI bases of recorded crime: the commune base (5 million rows, streamed by DuckDB) and the département and
région bases. Both the current schema (`indicateur`, `nombre`, `est_diffuse`…) and the older one (`classe`, two-digit
`annee`, `faits`, `POP`…) are read. A suppressed cell (`ndiff`) keeps count NULL and its official complement values.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import duckdb

from vigie.errors import VigieError
from vigie.indicators import INDICATORS, slug_of
from vigie.sources.sniff import Header, open_text, require_columns
from vigie.warehouse import insert_rows

COMMUNE_FIELDS = {
    "year": ("annee",),
    "label": ("indicateur", "classe"),
    "count": ("nombre", "faits"),
    "rate": ("taux_pour_mille", "tauxpourmille"),
    "published": ("est_diffuse", "valeur_publiee"),
    "complement_count": ("complement_info_nombre", "complementinfoval"),
    "complement_rate": ("complement_info_taux", "complementinfotaux"),
    "population": ("insee_pop", "pop"),
    "dwellings": ("insee_log", "log"),
}
NUMERIC = ("year", "count", "rate", "complement_count", "complement_rate", "population", "dwellings")
AREA_FIELDS = {
    "year": ("annee",),
    "label": ("indicateur", "classe"),
    "count": ("nombre", "faits"),
    "rate": ("taux_pour_mille", "tauxpourmille"),
    "population": ("insee_pop", "pop"),
}


def is_commune_base(header: Header) -> bool:
    return any(k.startswith("codgeo") for k in header.keys)


def area_level(header: Header) -> str | None:
    keys = set(header.keys)
    if not ({"annee"} <= keys and keys & {"indicateur", "classe"}):
        return None
    if "code_departement" in keys:
        return "departement"
    if "code_region" in keys:
        return "region"
    return None


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _source_sql(header: Header, cols: dict[str, str]) -> str:
    """A DuckDB table expression that streams the file with the columns typed."""
    path = _sql_string(str(header.path))
    if header.separator is None:
        return f"read_parquet({path})"
    if header.separator != ";":
        raise VigieError(
            f"{header.path}: columns are separated by {header.separator!r}; the SSMSI files use ';'. "
            "Was the file re-saved by a spreadsheet?"
        )
    numeric = {cols[f] for f in NUMERIC}
    types = ", ".join(f"{_sql_string(c)}: {'DOUBLE' if c in numeric else 'VARCHAR'}" for c in header.columns)
    return (
        f"read_csv({path}, delim=';', quote='\"', header=true, decimal_separator=',', nullstr='NA', "
        f"auto_detect=false, columns={{{types}}})"
    )


def _check_parquet_types(path: Path, cols: dict[str, str]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pq.read_schema(path)
    for field in NUMERIC:
        typ = schema.field(cols[field]).type
        if not (
            pa.types.is_integer(typ) or pa.types.is_floating(typ) or pa.types.is_decimal(typ) or pa.types.is_null(typ)
        ):
            raise VigieError(f"{path}: column {cols[field]!r} holds {typ}, expected numbers")


def last_possible_year(path: Path) -> int:
    """The last year a file can hold: its publication year when its name says it ("produit-le2026-02-03"), else
    the year after its edition ("data.gouv-2025-"), else this year. A later year is an error in the file."""
    import datetime

    published = re.search(r"produit-le(20\d\d)", path.name)
    if published:
        return int(published.group(1))
    edition = re.search(r"data\.gouv-(?:parquet-)?(20\d\d)-", path.name)
    return int(edition.group(1)) + 1 if edition else datetime.date.today().year


def _line_with(path: Path, column: str, value: float) -> str:
    """Where the first row whose `column` holds `value` is: "line N" of a CSV, "row N" of a parquet file."""
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        values = pq.read_table(path, columns=[column]).column(0).to_pylist()
        return next((f"row {i + 1}" for i, v in enumerate(values) if v is not None and float(v) == value), "a row")
    with open_text(path) as fh:
        reader = csv.reader(fh, delimiter=";")
        index = next(reader).index(column)
        for line, row in enumerate(reader, start=2):
            try:
                if index < len(row) and float(row[index].replace(",", ".")) == value:
                    return f"line {line}"
            except ValueError:
                continue
    return "a line"


def _coverage(con: duckdb.DuckDBPyConnection) -> tuple[int, int, set[str], int | None, int | None]:
    """(facts, communes, départements, first year, last year) of the commune base in the warehouse."""
    facts, towns, first, last = con.execute(
        "SELECT count(*), count(DISTINCT code), min(year), max(year) FROM commune_fact"
    ).fetchone()
    deps = {
        r[0]
        for r in con.execute(
            "SELECT DISTINCT CASE WHEN code LIKE '97%' THEN left(code, 3) ELSE left(code, 2) END FROM commune_fact"
        ).fetchall()
    }
    return facts, towns, deps, first, last


def load_commune_base(
    con: duckdb.DuckDBPyConnection, header: Header, load_id: int, replace: bool = False
) -> tuple[int, int]:
    """Replace commune_fact with this file's rows. Returns (rows, edition = last year).

    A commune base is one national edition, so a new file replaces the one loaded before. A narrower file (fewer
    départements or fewer years, e.g. one département's extract) is refused unless `replace`: it would silently
    throw away the rest of the country (VigieError saying what would be lost)."""
    before = _coverage(con)
    code_col = next(c for c, k in zip(header.columns, header.keys, strict=True) if k.startswith("codgeo"))
    cols = require_columns(header, COMMUNE_FIELDS, "the SSMSI commune base")
    if header.separator is None:
        _check_parquet_types(header.path, cols)
    q = {f: '"' + c.replace('"', '""') + '"' for f, c in cols.items()}
    labels = ", ".join(
        f"({_sql_string(lab)}, {_sql_string(slug)})"
        for slug, (main, alts) in INDICATORS.items()
        for lab in (main, *alts)
    )
    con.execute("DELETE FROM commune_fact")
    try:
        con.execute(f"""
        INSERT INTO commune_fact
        SELECT CAST("{code_col.replace('"', '""')}" AS VARCHAR),
               CAST(CASE WHEN {q["year"]} < 100 THEN {q["year"]} + 2000 ELSE {q["year"]} END AS SMALLINT),
               m.slug,
               CASE WHEN {q["count"]} = floor({q["count"]}) AND {q["count"]} >= 0
                    THEN CAST({q["count"]} AS INTEGER) WHEN {q["count"]} IS NOT NULL THEN -1 END,
               {q["rate"]},
               CASE lower({q["published"]}) WHEN 'ndiff' THEN true WHEN 'diff' THEN false END,
               {q["complement_count"]}, {q["complement_rate"]},
               CAST(round({q["population"]}) AS INTEGER), CAST(round({q["dwellings"]}) AS INTEGER), {load_id}
        FROM {_source_sql(header, cols)} src
        LEFT JOIN (VALUES {labels}) m(label, slug) ON m.label = src.{q["label"]}
        ORDER BY 3, 1, 2  -- clustered by indicator: analyses read one or two indicators at a time
        """)
    except duckdb.ConstraintException as exc:
        raise VigieError(
            f"{header.path}: {_first_line(exc)}; column {cols['published']!r} must be 'diff' or 'ndiff' on every row"
        ) from None
    except duckdb.Error as exc:
        raise VigieError(f"{header.path}: cannot read the commune base: {_csv_error(exc)}") from None
    _validate_commune_rows(con, header, cols, code_col, labels)
    rows, edition = con.execute("SELECT count(*), max(year) FROM commune_fact").fetchone()
    if not rows:
        raise VigieError(f"{header.path}: the commune base has no rows")
    after = _coverage(con)
    lost = sorted(before[2] - after[2])
    shorter = before[0] and (after[3] > before[3] or after[4] < before[4])
    if before[0] and (lost or shorter) and not replace:
        what = []
        if lost:
            what.append(f"{len(lost)} département(s) ({', '.join(lost[:6])}{', …' if len(lost) > 6 else ''})")
        if shorter:
            what.append(f"the years {before[3]}–{before[4]} (this file covers {after[3]}–{after[4]})")
        raise VigieError(
            f"{header.path}: this commune base is narrower than the one in the warehouse ({before[0]:,} facts, "
            f"{before[1]:,} communes): loading it would replace it and lose {' and '.join(what)}, leaving "
            f"{after[0]:,} facts. Nothing was changed. To replace it anyway, run `vigie build --replace`"
        )
    return rows, edition


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0]


def _csv_error(exc: Exception) -> str:
    """DuckDB's CSV errors, reduced to the line, the column and the value (without its advice on options)."""
    text = str(exc)
    line = re.search(r"CSV Error on Line: (\d+)", text)
    column = re.search(r'Error when converting column "([^"]+)"\. (Could not convert string "[^"]*" to \S+)', text)
    if line and column:
        return f"line {line.group(1)}, column {column.group(1)!r}: {column.group(2)} (expected a number or NA)"
    if line:
        detail = text.splitlines()[1:3]
        return f"line {line.group(1)}: " + " ".join(d.strip() for d in detail)
    return _first_line(exc)


def _validate_commune_rows(con, header: Header, cols: dict[str, str], code_col: str, labels: str) -> None:
    path = header.path
    if con.execute("SELECT 1 FROM commune_fact WHERE indicator IS NULL LIMIT 1").fetchone():
        label = '"' + cols["label"].replace('"', '""') + '"'
        code = '"' + code_col.replace('"', '""') + '"'
        bad = con.execute(f"""SELECT {code}, {label} FROM {_source_sql(header, cols)} src
                              WHERE {label} NOT IN (SELECT label FROM (VALUES {labels}) m(label, slug))
                              LIMIT 1""").fetchone()
        raise VigieError(
            f"{path}: commune {bad[0]}, column {cols['label']!r}: unknown indicator label {bad[1]!r}. "
            "Known labels: " + "; ".join(main for main, _ in INDICATORS.values())
        )
    checks = [
        ("count = -1", cols["count"], lambda r: "the count is not a whole number ≥ 0"),
        (
            "NOT suppressed AND count IS NULL AND population > 0",
            cols["count"],
            lambda r: "a published ('diff') cell has no count",
        ),
        ("length(code) <> 5", code_col, lambda r: f"{r[0]!r} is not a 5-character INSEE code"),
    ]
    last = last_possible_year(path)
    late = con.execute(
        f"SELECT code, year, indicator FROM commune_fact WHERE year NOT BETWEEN 1990 AND {last} LIMIT 1"
    ).fetchone()
    if late:
        where = _line_with(path, cols["year"], late[1])
        if where.startswith("a "):  # a two-digit year in the file
            where = _line_with(path, cols["year"], late[1] - 2000)
        raise VigieError(
            f"{path}, {where}, column {cols['year']!r}: year {late[1]} (commune {late[0]}) is outside the years this "
            f"file can hold (up to {last}, from its name or today's date)"
        )
    for condition, column, message in checks:
        row = con.execute(f"SELECT code, year, indicator FROM commune_fact WHERE {condition} LIMIT 1").fetchone()
        if row:
            raise VigieError(f"{path}: commune {row[0]}, year {row[1]}, column {column!r}: {message(row)}")
    dup = con.execute("""SELECT code, year, indicator, count(*) FROM commune_fact
                         GROUP BY ALL HAVING count(*) > 1 LIMIT 1""").fetchone()
    if dup:
        raise VigieError(
            f"{path}: duplicate rows for commune {dup[0]}, year {dup[1]}, indicator {dup[2]} "
            f"({dup[3]} times); each commune × year × indicator must appear once"
        )


def _number(text: str, path: Path, line: int, column: str, integer: bool = False) -> float | int | None:
    """Parse '1 234', '0,0078318', '9,08e-01' or 'NA'; errors name the line and the column."""
    text = text.strip().replace("\u00a0", "").replace(" ", "")
    if text in ("", "NA", "NaN"):
        return None
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise VigieError(f"{path}, line {line}, column {column!r}: {text!r} is not a number") from None
    if integer:
        if value != int(value) or value < 0:
            raise VigieError(f"{path}, line {line}, column {column!r}: {text!r} is not a whole count")
        return int(value)
    return value


def read_area_base(header: Header, level: str) -> list[tuple]:
    """Rows (area, year, indicator, count, rate, population) of a département or région base."""
    if header.separator != ";":
        raise VigieError(f"{header.path}: columns are separated by {header.separator!r}; the SSMSI files use ';'")
    cols = require_columns(header, {"area": (f"code_{level}",), **AREA_FIELDS}, f"the SSMSI {level} base")
    index = {f: header.columns.index(c) for f, c in cols.items()}
    out, seen = [], {}
    last = last_possible_year(header.path)
    try:
        with open_text(header.path) as fh:
            reader = csv.reader(fh, delimiter=";")
            next(reader)
            for line, row in enumerate(reader, start=2):
                if not row or row == [""]:
                    continue
                if len(row) != len(header.columns):
                    raise VigieError(
                        f"{header.path}, line {line}: {len(row)} fields, expected "
                        f"{len(header.columns)} (as in the header)"
                    )
                area = row[index["area"]].strip()
                if level == "departement" and area.isdigit() and len(area) == 1:
                    area = area.zfill(2)
                year = _number(row[index["year"]], header.path, line, cols["year"], integer=True)
                if year is None:
                    raise VigieError(f"{header.path}, line {line}, column {cols['year']!r}: the year is empty")
                year = year + 2000 if year < 100 else year
                if not 1990 <= year <= last:
                    raise VigieError(
                        f"{header.path}, line {line}, column {cols['year']!r}: year {year} is outside the years this "
                        f"file can hold (up to {last}, from its name or today's date)"
                    )
                indicator = slug_of(row[index["label"]], f"{header.path}, line {line}, column {cols['label']!r}")
                key = (area, year, indicator)
                if key in seen:
                    raise VigieError(
                        f"{header.path}, line {line}: duplicate of line {seen[key]} "
                        f"({level} {area}, {year}, {indicator})"
                    )
                seen[key] = line
                out.append(
                    (
                        area,
                        year,
                        indicator,
                        _number(row[index["count"]], header.path, line, cols["count"], integer=True),
                        _number(row[index["rate"]], header.path, line, cols["rate"]),
                        _number(row[index["population"]], header.path, line, cols["population"]),
                    )
                )
    except UnicodeDecodeError as exc:
        raise VigieError(f"{header.path}: not UTF-8 text ({exc.reason})") from None
    if not out:
        raise VigieError(f"{header.path}: no data rows")
    return out


def edition_of(path: Path, rows: list[tuple]) -> int:
    """The edition is the last year the file covers (the 2024 edition runs to 2024)."""
    match = re.search(r"data\.gouv-(20\d\d)-", path.name)
    return int(match.group(1)) if match else max(r[1] for r in rows)


def load_area_base(con: duckdb.DuckDBPyConnection, header: Header, level: str, load_id: int) -> tuple[int, int]:
    rows = read_area_base(header, level)
    edition = edition_of(header.path, rows)
    con.execute("DELETE FROM area_fact WHERE level = ? AND edition = ?", [level, edition])
    insert_rows(
        con,
        "area_fact",
        [(level, a, y, i, c, r, int(p) if p is not None else None, edition, load_id) for a, y, i, c, r, p in rows],
        ["level", "area", "year", "indicator", "count", "rate", "population", "edition", "load_id"],
    )
    return len(rows), edition

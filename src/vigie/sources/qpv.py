"""The official list of quartiers prioritaires de la politique de la ville (QPV 2024, ANCT, on data.gouv.fr) →
table `district`, the district gazetteer of the press monitor: "Saint-Jean" in an article about Beauvais is a
quartier of Beauvais, not the village of Saint-Jean (Haute-Garonne).

The file is a CSV `code_qp;lib_qp;insee_reg;lib_reg;insee_dep;lib_dep;insee_com;lib_com;…` whose commune codes are
written for spreadsheets (`="60057"`), several to a quartier that spans communes (`="13055;13070"`). A file with
another schema or text that is not UTF-8 is refused with the file, line and column named; the build is then rolled
back, so the warehouse stays as it was."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import duckdb

from vigie.errors import VigieError
from vigie.sources.sniff import SEPARATORS, Header, column_key, require_columns

NEEDED = {"code": ("code_qp",), "name": ("lib_qp", "nom_qp"), "communes": ("insee_com", "code_insee", "commune_qp")}


def is_qpv_list(path: Path) -> bool:
    """A CSV that says it is a QPV list (a `code_qp` column in its first line, whatever its encoding); its other
    columns and its text are checked when it is loaded."""
    if not path.name.lower().endswith(".csv"):
        return False
    with open(path, "rb") as fh:
        first = fh.readline(4096).lower()
    return b"code_qp" in first


def _rows(path: Path, separator: str, columns: list[str]) -> list[list[str]]:
    """The file's rows; text that is not UTF-8 is refused with its line and the column it falls in."""
    raw = path.read_bytes()
    for n, line in enumerate(raw.splitlines(), 1):
        try:
            line.decode("utf-8")
        except UnicodeDecodeError as exc:
            fields = line.split(separator.encode())
            at, column = 0, columns[-1] if columns else "?"
            for i, field in enumerate(fields):
                if at <= exc.start < at + len(field) + 1:
                    column = columns[i] if i < len(columns) else f"column {i + 1}"
                    break
                at += len(field) + 1
            raise VigieError(
                f"{path}, line {n}, column {column}: not UTF-8 text ({exc.reason} at byte {exc.start}); "
                "the official QPV list is UTF-8. Nothing was loaded"
            ) from None
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=separator))


def codes(value: str) -> list[str]:
    """'="13055;13070"' / '13055, 13070' / '60057' → the commune codes."""
    return re.findall(r"[\dAB]{5}", value.replace('"', "").replace("=", ""))


def load(con: duckdb.DuckDBPyConnection, path: Path) -> tuple[int, str]:
    """Replace table `district` with the quartiers of the file; (rows loaded, a note on what was left out)."""
    first = path.read_bytes().split(b"\n", 1)[0].decode("utf-8", "replace").lstrip("\ufeff").rstrip("\r")
    separator = max(SEPARATORS, key=first.count)
    header = Header(path, next(csv.reader([first], delimiter=separator)), separator)
    found = require_columns(header, NEEDED, "the QPV list (quartiers prioritaires)")
    index = {field: header.columns.index(column) for field, column in found.items()}
    keys = [column_key(c) for c in header.columns]
    dep_at = keys.index("insee_dep") if "insee_dep" in keys else None
    parent = dict(con.execute("SELECT code, coalesce(parent, code) FROM commune").fetchall())
    remap = dict(con.execute("SELECT old_code, code FROM commune_code_map").fetchall())
    out, unknown = {}, set()
    rows = _rows(header.path, header.separator or ";", header.columns)
    for n, row in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header.columns):
            raise VigieError(f"{header.path}, line {n}: {len(row)} fields where the header has {len(header.columns)}")
        code, name = row[index["code"]].strip(), row[index["name"]].strip()
        communes = codes(row[index["communes"]])
        if not code or not name:
            raise VigieError(f"{header.path}, line {n}, column {found['code' if not code else 'name']}: empty")
        if not communes:
            raise VigieError(
                f"{header.path}, line {n}, column {found['communes']}: {row[index['communes']]!r} holds no commune code"
            )
        for commune in communes:
            current = parent.get(remap.get(commune, commune))
            if current is None:
                unknown.add(commune)
                continue
            dep = row[dep_at].strip() if dep_at is not None else None
            out[(code, current)] = (code, name, current, dep or None)
    if not out:
        raise VigieError(f"{header.path}: no quartier whose commune is in the commune reference. Nothing was loaded")
    con.execute("DELETE FROM district")
    con.executemany("INSERT INTO district VALUES (?, ?, ?, ?)", list(out.values()))
    note = f"{len({k[0] for k in out})} quartiers"
    if unknown:
        note += f"; {len(unknown)} commune code(s) not in the reference left out ({', '.join(sorted(unknown)[:5])})"
    return len(out), note

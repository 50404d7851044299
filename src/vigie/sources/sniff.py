"""Recognise an input file by its content (header or schema), not by its name."""

from __future__ import annotations

import csv
import gzip
import io
import re
import unicodedata
import zlib
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from vigie.errors import VigieError

SEPARATORS = (";", ",", "\t", "|")


def column_key(name: str) -> str:
    """'Code.département' -> 'code_departement'; 'unité.de.compte' -> 'unite_de_compte'."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower().strip()
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


@dataclass
class Header:
    path: Path
    columns: list[str]  # as written in the file
    separator: str | None  # None for parquet

    @property
    def keys(self) -> list[str]:
        return [column_key(c) for c in self.columns]


def open_text(path: Path) -> io.TextIOBase:
    raw = gzip.open(path, "rb") if path.name.endswith(".gz") else open(path, "rb")
    return io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")


def read_header(path: Path) -> Header:
    """The column names of a CSV (plain or gzipped) or parquet file, with the CSV separator."""
    if path.suffix == ".parquet":
        try:
            schema = pq.read_schema(path)
        except (OSError, pa.ArrowException) as exc:
            raise VigieError(f"{path}: not a readable parquet file ({exc})") from None
        return Header(path, list(schema.names), None)
    try:
        with open_text(path) as fh:
            first = fh.readline()
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise VigieError(f"{path}: cannot read the file ({exc}); is it truncated or corrupt?") from None
    except UnicodeDecodeError as exc:
        raise VigieError(f"{path}: line 1 is not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    if not first.strip():
        raise VigieError(f"{path}: the file is empty")
    separator = max(SEPARATORS, key=first.count)
    columns = next(csv.reader([first], delimiter=separator))
    return Header(path, columns, separator)


def require_columns(header: Header, needed: dict[str, tuple[str, ...]], what: str) -> dict[str, str]:
    """Map each canonical field to the file's column; a clear error names what is missing."""
    keys = dict(zip(header.keys, header.columns, strict=True))
    found, missing = {}, []
    for field, synonyms in needed.items():
        hit = next((keys[s] for s in synonyms if s in keys), None)
        if hit is None:
            missing.append(f"{field} ({' or '.join(synonyms)})")
        else:
            found[field] = hit
    if missing:
        raise VigieError(
            f"{header.path}: this looks like {what} but column(s) are missing: {'; '.join(missing)}. "
            f"Columns found: {', '.join(header.columns)}"
        )
    return found

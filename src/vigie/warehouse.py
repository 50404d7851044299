"""The DuckDB warehouse: the one DDL, connections, and all-or-nothing loads recorded in load_log."""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator
from pathlib import Path

import duckdb

from vigie import config
from vigie.errors import VigieError
from vigie.indicators import INDICATORS

DDL = """
CREATE SEQUENCE IF NOT EXISTS load_id_seq;
CREATE TABLE IF NOT EXISTS load_log (
    load_id INTEGER PRIMARY KEY, file VARCHAR NOT NULL, kind VARCHAR NOT NULL, sha256 VARCHAR NOT NULL,
    rows BIGINT NOT NULL, edition INTEGER, synthetic BOOLEAN NOT NULL DEFAULT FALSE,
    note VARCHAR, loaded_at TIMESTAMP NOT NULL DEFAULT current_timestamp);
CREATE TABLE IF NOT EXISTS indicator (slug VARCHAR PRIMARY KEY, label VARCHAR NOT NULL);
-- commune reference (COG, current geography); arrondissements have kind 'arrondissement' and a parent
CREATE TABLE IF NOT EXISTS commune (
    code VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, departement VARCHAR, region VARCHAR, epci VARCHAR,
    population INTEGER, kind VARCHAR NOT NULL, parent VARCHAR, lon DOUBLE, lat DOUBLE);
CREATE TABLE IF NOT EXISTS departement (code VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, region VARCHAR,
    chef_lieu VARCHAR);
-- every name a commune is known by (current, delegated, associated), normalised for lookup
CREATE TABLE IF NOT EXISTS commune_name (name_key VARCHAR NOT NULL, name VARCHAR NOT NULL, code VARCHAR NOT NULL,
    kind VARCHAR NOT NULL);
-- former codes (communes nouvelles) and current codes to the current code
CREATE TABLE IF NOT EXISTS commune_code_map (old_code VARCHAR PRIMARY KEY, code VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS commune_outline (code VARCHAR PRIMARY KEY, wkb BLOB NOT NULL);
-- queen contiguity between towns (PLM as whole cities), and the outlines file it was built from
CREATE TABLE IF NOT EXISTS adjacency (code VARCHAR NOT NULL, neighbour VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS adjacency_source (sha256 VARCHAR NOT NULL);
-- SSMSI commune base; count NULL = not published (est_diffuse = ndiff), never zero
CREATE TABLE IF NOT EXISTS commune_fact (
    code VARCHAR NOT NULL, year SMALLINT NOT NULL, indicator indicator_slug, count INTEGER, rate DOUBLE,
    suppressed BOOLEAN NOT NULL, complement_count DOUBLE, complement_rate DOUBLE, population INTEGER,
    dwellings INTEGER, load_id INTEGER NOT NULL);
-- SSMSI département / région bases, one set per edition
CREATE TABLE IF NOT EXISTS area_fact (
    level VARCHAR NOT NULL, area VARCHAR NOT NULL, year SMALLINT NOT NULL, indicator VARCHAR NOT NULL,
    count INTEGER, rate DOUBLE, population BIGINT, edition INTEGER NOT NULL, load_id INTEGER NOT NULL,
    PRIMARY KEY (level, area, year, indicator, edition));
-- état 4001 by police service (PN) and gendarmerie company (GN)
CREATE TABLE IF NOT EXISTS service (
    service_id VARCHAR PRIMARY KEY, force VARCHAR NOT NULL, departement VARCHAR NOT NULL, name VARCHAR NOT NULL,
    perimeter VARCHAR, territorial BOOLEAN NOT NULL, code VARCHAR, resolution VARCHAR NOT NULL);
-- analysis results (vigie hotspots, vigie onsets), read by the CLI, the API and `vigie commune`
CREATE TABLE IF NOT EXISTS hotspot (
    indicator VARCHAR NOT NULL, code VARCHAR NOT NULL, year SMALLINT NOT NULL, eb_rate DOUBLE, gi_z DOUBLE,
    p DOUBLE, q DOUBLE, suppressed BOOLEAN, category VARCHAR NOT NULL, mk_z DOUBLE, mk_p DOUBLE,
    inference VARCHAR NOT NULL, rise_z DOUBLE, rise_q DOUBLE);
    -- one row per indicator, town and year, by construction (no index to maintain)
ALTER TABLE hotspot ADD COLUMN IF NOT EXISTS rise_z DOUBLE;  -- warehouses made before the rise test
ALTER TABLE hotspot ADD COLUMN IF NOT EXISTS rise_q DOUBLE;
CREATE TABLE IF NOT EXISTS onset (
    indicator VARCHAR NOT NULL, code VARCHAR NOT NULL, onset_year SMALLINT NOT NULL, confidence VARCHAR NOT NULL,
    rise_ratio DOUBLE, statistic DOUBLE, PRIMARY KEY (indicator, code));
-- press monitor: articles, events, and which articles report which event
CREATE TABLE IF NOT EXISTS article (
    article_id VARCHAR PRIMARY KEY, url VARCHAR, published DATE NOT NULL, title VARCHAR, sha256 VARCHAR NOT NULL,
    date_assumed BOOLEAN NOT NULL, ingested_at TIMESTAMP NOT NULL DEFAULT current_timestamp);
CREATE SEQUENCE IF NOT EXISTS event_id_seq;
CREATE TABLE IF NOT EXISTS event (
    event_id INTEGER PRIMARY KEY, type VARCHAR NOT NULL, commune VARCHAR, departement VARCHAR, place VARCHAR,
    geo_precision SMALLINT, date_start DATE, date_end DATE, killed INTEGER, injured INTEGER, drugs JSON,
    weapons JSON, cash_eur DOUBLE, count INTEGER, action VARCHAR, networks_from JSON);
CREATE TABLE IF NOT EXISTS event_mention (event_id INTEGER NOT NULL, article_id VARCHAR NOT NULL,
    evidence VARCHAR, PRIMARY KEY (event_id, article_id));
CREATE TABLE IF NOT EXISTS etat4001_index (idx SMALLINT PRIMARY KEY, label VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS service_fact (
    service_id VARCHAR NOT NULL, year SMALLINT NOT NULL, idx SMALLINT NOT NULL, count INTEGER NOT NULL,
    load_id INTEGER NOT NULL, PRIMARY KEY (service_id, year, idx));
"""


def literal(value: str | int) -> str:
    """A SQL literal. Used on hot paths instead of bound parameters, because DuckDB imports pandas (0.2 s) the
    first time a query binds a Python parameter."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise TypeError(f"no literal for {value!r}")
    return str(value) if isinstance(value, int) else "'" + value.replace("'", "''") + "'"


def connect(path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (and, for writing, create) the warehouse at `path`."""
    path = Path(path)
    if read_only:
        if not path.exists():
            raise VigieError(f"no warehouse at {path}: run `vigie build` first (or pass --db)")
        try:
            con = duckdb.connect(str(path), read_only=True)
        except duckdb.Error as exc:
            raise VigieError(f"{path}: cannot open the warehouse ({exc})") from None
        con.execute("SET enable_progress_bar = false")
        return con
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        con = duckdb.connect(str(path))
    except duckdb.Error as exc:
        raise VigieError(f"{path}: cannot open the warehouse ({exc})") from None
    con.execute("SET enable_progress_bar = false")
    # loads sort tens of millions of rows: cap DuckDB's memory and let it spill next to the warehouse
    con.execute(f"SET memory_limit = {literal(config.memory_limit())}")
    con.execute(f"SET temp_directory = {literal(str(path.with_suffix('.tmp')))}")
    con.execute("SET preserve_insertion_order = false")
    if not con.execute("SELECT 1 FROM duckdb_types() WHERE type_name = 'indicator_slug'").fetchone():
        con.execute(f"CREATE TYPE indicator_slug AS ENUM ({', '.join(repr(s) for s in INDICATORS)})")
    con.execute(DDL)
    con.executemany("INSERT OR IGNORE INTO indicator VALUES (?, ?)", [(s, lab) for s, (lab, _) in INDICATORS.items()])
    return con


@contextlib.contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """All or nothing: on any error the warehouse is left exactly as it was."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def already_loaded(con: duckdb.DuckDBPyConnection, checksum: str) -> str | None:
    row = con.execute("SELECT file FROM load_log WHERE sha256 = ? LIMIT 1", [checksum]).fetchone()
    return row[0] if row else None


def commune_base_is_synthetic(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the commune figures in the warehouse come from the synthetic panel, not the official file."""
    row = con.execute(  # a commune base replaces the previous one, so the latest load is the one in use
        "SELECT synthetic FROM load_log WHERE kind = 'commune_base' ORDER BY load_id DESC LIMIT 1"
    ).fetchone()
    return bool(row and row[0])


def data_version(con: duckdb.DuckDBPyConnection) -> str:
    """A short fingerprint of what the warehouse holds (the files loaded), used as the HTTP ETag."""
    rows = con.execute("SELECT load_id, sha256 FROM load_log ORDER BY load_id").fetchall()
    return hashlib.sha256(repr(rows).encode()).hexdigest()[:16]


def require(con: duckdb.DuckDBPyConnection, table: str, what: str) -> None:
    if not con.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone():
        raise VigieError(f"the warehouse has no {what} yet: run `vigie build` (see `vigie build --help`)")


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple], columns: list[str]) -> None:
    """Bulk insert Python rows through Arrow (DuckDB's executemany is row by row)."""
    import pyarrow as pa

    if not rows:
        return
    frame = pa.table({name: list(values) for name, values in zip(columns, zip(*rows, strict=True), strict=True)})
    con.register("_rows", frame)
    try:
        con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(columns)} FROM _rows")
    finally:
        con.unregister("_rows")

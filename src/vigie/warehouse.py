"""The DuckDB warehouse: the one DDL, connections, and all-or-nothing loads recorded in load_log.

One writer, many readers. DuckDB lets one process write a file, and a reader that opens it meanwhile gets a raw lock
error. So a writer (`vigie build`, `vigie analyse`, `vigie press ingest`) never writes the file people read: inside
`writing(path)` it holds an exclusive lock `<db>.lock` (its PID inside), works on a copy `<db>.building`, and on
success checkpoints it and renames it over `<db>` (atomic on POSIX). On any failure or interruption the copy is
deleted and `<db>` is untouched. Readers (`connect(path, read_only=True)`, the web server) only ever see a whole
data version; one that is open when the file is replaced keeps reading the old version until it reopens.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import itertools
import os
import shutil
from collections.abc import Callable, Iterator
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
-- postcodes (La Poste, from the COG's codesPostaux): a postcode may cover several communes, and be another's INSEE code
CREATE TABLE IF NOT EXISTS commune_postcode (postcode VARCHAR NOT NULL, code VARCHAR NOT NULL);
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
-- early warning (analysis/forecast.py): each unit's probability of a surge in target_year, its rank, its drivers
CREATE TABLE IF NOT EXISTS forecast (
    source VARCHAR NOT NULL, indicator VARCHAR NOT NULL, target VARCHAR NOT NULL, target_year SMALLINT NOT NULL,
    unit VARCHAR NOT NULL, code VARCHAR, probability DOUBLE NOT NULL, rank INTEGER NOT NULL, of_total INTEGER NOT NULL,
    drivers JSON, model_version VARCHAR NOT NULL, training_years VARCHAR NOT NULL, seed INTEGER NOT NULL,
    data_version VARCHAR, synthetic BOOLEAN NOT NULL, computed_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    PRIMARY KEY (source, indicator, target, unit));
-- what `vigie analyse` computed for each step and indicator: its parameters, the data version it read, and the
-- step's own payload (hot spots: notes and hidden rises by year; diffusion: the whole wave)
CREATE TABLE IF NOT EXISTS analysis_run (
    step VARCHAR NOT NULL, indicator VARCHAR NOT NULL, params JSON NOT NULL, data_version VARCHAR NOT NULL,
    payload JSON, computed_at TIMESTAMP NOT NULL DEFAULT current_timestamp, PRIMARY KEY (step, indicator));
-- press monitor: articles, events, and which articles report which event
CREATE TABLE IF NOT EXISTS article (
    article_id VARCHAR PRIMARY KEY, url VARCHAR, published DATE NOT NULL, title VARCHAR, sha256 VARCHAR NOT NULL,
    date_assumed BOOLEAN NOT NULL, ingested_at TIMESTAMP NOT NULL DEFAULT current_timestamp);
-- `press ingest` skips an article whose text is stored: a lookup per batch, not a scan of millions of hashes
CREATE INDEX IF NOT EXISTS article_sha256 ON article (sha256);
CREATE SEQUENCE IF NOT EXISTS event_id_seq;
CREATE TABLE IF NOT EXISTS event (
    event_id INTEGER PRIMARY KEY, type VARCHAR NOT NULL, commune VARCHAR, departement VARCHAR, place VARCHAR,
    geo_precision SMALLINT, date_start DATE, date_end DATE, killed INTEGER, injured INTEGER, drugs JSON,
    weapons JSON, cash_eur DOUBLE, count INTEGER, action VARCHAR, networks_from JSON);
CREATE TABLE IF NOT EXISTS event_mention (event_id INTEGER NOT NULL, article_id VARCHAR NOT NULL,
    evidence VARCHAR, PRIMARY KEY (event_id, article_id));
-- quartiers prioritaires de la politique de la ville (official QPV list): one row per quartier and commune it lies in
CREATE TABLE IF NOT EXISTS district (code VARCHAR NOT NULL, name VARCHAR NOT NULL, commune VARCHAR NOT NULL,
    departement VARCHAR, PRIMARY KEY (code, commune));
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


_opened = itertools.count()


def _open_current(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the file now at `path`, even when this process still has the previous version
    open. DuckDB shares one database per file name within a process, so opening `path` again would return the old
    version; opening it through a fresh hard link (removed at once) gives the current file its own database."""
    link = _sibling(path, f".read-{os.getpid()}-{next(_opened)}")
    try:
        os.link(path, link)
    except OSError:  # a folder we may not write to: the plain name (the old version until it is closed)
        return duckdb.connect(str(path), read_only=True)
    try:
        return duckdb.connect(str(link), read_only=True)
    finally:
        link.unlink(missing_ok=True)


def _remove_dead_readers_links(path: Path) -> None:
    """The hard links of _open_current live for an instant; one whose reader was killed in that instant stays.
    Remove those whose process is gone."""
    for link in path.parent.glob(path.name + ".read-*"):
        try:
            pid = int(link.name.rsplit(".read-", 1)[1].split("-")[0])
            os.kill(pid, 0)
        except ProcessLookupError:
            link.unlink(missing_ok=True)
        except (ValueError, PermissionError, OSError):
            continue


def connect(path: Path | str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open (and, for writing, create) the warehouse at `path`."""
    path = Path(path)
    if read_only:
        if not path.exists():
            raise VigieError(f"no warehouse at {path}: run `vigie build` first (or pass --db)")
        try:
            con = _open_current(path)
        except duckdb.Error as exc:
            if "lock" in str(exc).lower():
                raise VigieError(
                    f"{path}: another program has the warehouse open for writing (not through `vigie build`, "
                    "which writes a copy); try again when it is done"
                ) from None
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
    # one statement: executemany runs row by row (≈ 0.15 s on a national warehouse, on every open)
    labels = [v for slug, (label, _) in INDICATORS.items() for v in (slug, label)]
    con.execute(f"INSERT OR IGNORE INTO indicator VALUES {', '.join(['(?, ?)'] * len(INDICATORS))}", labels)
    return con


def _sibling(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _holder(fd: int) -> str:
    try:
        return os.pread(fd, 32, 0).decode().strip() or "?"
    except OSError:
        return "?"


@contextlib.contextmanager
def writing(
    path: Path | str, wait: bool = True, on_wait: Callable[[str], None] | None = None
) -> Iterator[duckdb.DuckDBPyConnection]:
    """The one way to write the warehouse: a connection to a private copy that replaces `path` when the block ends
    without error (see the module docstring).

    A second writer waits for the first (after calling `on_wait(pid)` once), or with `wait=False` fails at once with
    a VigieError naming the PID of the build that runs."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = os.open(_sibling(path, ".lock"), os.O_RDWR | os.O_CREAT, 0o644)
    held = False
    try:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pid = _holder(lock)
            if not wait:
                raise VigieError(
                    f"a build is running on {path} (PID {pid}); try again when it is done (or leave out --no-wait)"
                ) from None
            if on_wait:
                on_wait(pid)
            fcntl.flock(lock, fcntl.LOCK_EX)
        held = True
        os.ftruncate(lock, 0)
        os.pwrite(lock, f"{os.getpid()}\n".encode(), 0)
        building = _sibling(path, ".building")
        for stale in (building, _sibling(building, ".wal")):  # left by a writer that was killed: nobody uses it
            stale.unlink(missing_ok=True)
        _remove_dead_readers_links(path)
        if path.exists():
            shutil.copyfile(path, building)
            if _sibling(path, ".wal").exists():
                shutil.copyfile(_sibling(path, ".wal"), _sibling(building, ".wal"))
        try:
            con = connect(building)
        except BaseException:
            building.unlink(missing_ok=True)
            raise
        try:
            yield con
            con.execute("CHECKPOINT")
            con.close()
        except BaseException:
            con.close()
            building.unlink(missing_ok=True)
            _sibling(building, ".wal").unlink(missing_ok=True)
            raise
        _sibling(path, ".wal").unlink(missing_ok=True)  # its changes are in the copy (checkpointed)
        os.replace(building, path)
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    finally:
        if held:  # (a writer that did not get the lock must not erase the PID of the one that has it)
            os.ftruncate(lock, 0)
            fcntl.flock(lock, fcntl.LOCK_UN)
        os.close(lock)


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


def facts_version(con: duckdb.DuckDBPyConnection) -> str:
    """A short fingerprint of the official files loaded (load_log): what the stored analyses were computed from."""
    rows = con.execute("SELECT load_id, sha256 FROM load_log ORDER BY load_id").fetchall()
    return hashlib.sha256(repr(rows).encode()).hexdigest()[:16]


def data_version(con: duckdb.DuckDBPyConnection) -> str:
    """A short fingerprint of everything a reader can see: the files loaded, the press articles stored and the
    analyses stored; used as the HTTP ETag (it changes after `vigie build`, `vigie press ingest`, `vigie analyse`)."""
    parts = [facts_version(con)]
    tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    if "article" in tables:
        parts.append(con.execute("SELECT count(*), max(ingested_at) FROM article").fetchone())
    if "analysis_run" in tables:
        parts.append(con.execute("SELECT count(*), max(computed_at) FROM analysis_run").fetchone())
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


# where each kind of data comes from, for messages that say what is missing
ORIGIN = {
    "commune": "the commune reference: communes.json of @etalab/decoupage-administratif (downloaded by `vigie fetch`; "
    "also in ../shared/data/geo), loaded by `vigie build --from FOLDER`",
    "commune_fact": "the SSMSI commune base (donnee-data.gouv-*.csv.gz or donnee-comm-data.gouv-parquet-*.parquet, "
    "downloaded by `vigie fetch`), loaded by `vigie build --from FOLDER`",
    "service_fact": "the état 4001 by service (the SSMSI workbook, downloaded by `vigie fetch`), loaded by "
    "`vigie build --from FOLDER`",
}


def require(con: duckdb.DuckDBPyConnection, table: str, what: str) -> None:
    if not con.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone():
        origin = ORIGIN.get(table)
        raise VigieError(
            f"the warehouse has no {what} yet. It comes from {origin}."
            if origin
            else f"the warehouse has no {what} yet: run `vigie build` (see `vigie build --help`)"
        )


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

"""The read-only warehouse behind every request, reopened when a build has swapped in a new data version.

A build never writes the file the server reads: it writes a copy and renames it over the old one
(`vigie.warehouse.writing`). The server notices the new file (another inode, size or time) at the next request and
opens it; requests already running finish on the old version, whose file stays readable until they let it go.

DuckDB keeps one database instance per path in each process: `duckdb.connect(path)` while the old version is still
open (an old cursor is enough) returns the old instance, that is, the old data. So each version is ATTACHed, read
only, to a fresh in-memory database of its own, which the instance cache does not share.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import duckdb
from fastapi import Depends, Request

from vigie import warehouse
from vigie.errors import VigieError

MEMO_SIZE = 4096  # answers kept per data version (a town profile is a few kB)


@dataclass(frozen=True)
class Version:
    """One data version as served: its connection, its ETag and the answers already computed from it."""

    con: duckdb.DuckDBPyConnection
    data_version: str  # warehouse.data_version: the files loaded
    etag: str  # the data version and the file's identity: a press batch or an analysis also changes it
    memo: OrderedDict


def open_version(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the warehouse file as it is now (see the module docstring)."""
    if not path.exists():
        raise VigieError(f"no warehouse at {path}: run `vigie build` first (or pass --db)")
    con = duckdb.connect(":memory:")
    try:
        con.execute("SET enable_progress_bar = false")
        con.execute(f"ATTACH {warehouse.literal(str(path))} AS vigie (READ_ONLY)")
        con.execute("USE vigie")
    except duckdb.Error as exc:
        con.close()
        raise VigieError(f"{path}: cannot open the warehouse ({exc})") from None
    return con


class WarehouseReader:
    """The current data version of one warehouse file; each request gets its own cursor (thread-safe)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._identity: tuple[int, int, int] | None = None
        self._current: Version | None = None

    def _identity_now(self) -> tuple[int, int, int] | None:
        try:
            stat = os.stat(self.path)
        except FileNotFoundError:
            return None
        return stat.st_ino, stat.st_mtime_ns, stat.st_size

    def current(self) -> Version:
        """The newest data version (opened again when the file was replaced since the last request)."""
        identity = self._identity_now()
        with self._lock:
            if self._current is None or (identity is not None and identity != self._identity):
                con = open_version(self.path)  # identity read before opening: a later swap is seen next time
                version = warehouse.data_version(con)
                tag = hashlib.sha256(repr((version, identity)).encode()).hexdigest()[:8]
                self._current = Version(con, version, f'W/"{version}-{tag}"', OrderedDict())
                self._identity = identity
            return self._current

    @property
    def version(self) -> str:
        return self.current().data_version

    def cursor(self) -> tuple[duckdb.DuckDBPyConnection, Version]:
        """A cursor of its own on the current version, and that version."""
        current = self.current()
        return self.cursor_on(current), current

    def cursor_on(self, version: Version) -> duckdb.DuckDBPyConnection:
        with self._lock:
            cursor = version.con.cursor()
        cursor.execute("USE vigie")
        return cursor

    def close(self) -> None:
        with self._lock:
            if self._current is not None:
                self._current.con.close()
            self._current = None


def remember(version: Version, key: Any, compute: Callable[[], Any]) -> Any:
    """`compute()` once per data version and key (the answers of a version never change)."""
    try:
        value = version.memo[key]
    except KeyError:
        value = compute()  # two requests may compute it at once: the same value, stored twice
        version.memo[key] = value
        while len(version.memo) > MEMO_SIZE:
            version.memo.popitem(last=False)
    return value


class NotModified(Exception):
    """The client already holds this data version (If-None-Match): answered 304 with no body."""

    def __init__(self, etag: str) -> None:
        self.etag = etag


def _matches(header: str | None, etag: str) -> bool:
    if not header:
        return False
    wanted = {t.strip().removeprefix("W/") for t in header.split(",")}
    return "*" in wanted or etag.removeprefix("W/") in wanted


class Reading:
    """What an API route reads: one data version (its ETag, its memo) and, made when first used, a cursor of its own
    on it (an answer already in the memo needs none)."""

    def __init__(self, reader: WarehouseReader, version: Version) -> None:
        self.reader = reader
        self.version = version
        self._cursor: duckdb.DuckDBPyConnection | None = None

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        if self._cursor is None:
            self._cursor = self.reader.cursor_on(self.version)
        return self._cursor

    def close(self) -> None:
        if self._cursor is not None:
            self._cursor.close()
            self._cursor = None


async def _reading(request: Request) -> AsyncIterator[Reading]:
    reader = request.app.state.reader
    version = reader.current()
    request.state.etag = version.etag
    if request.method in ("GET", "HEAD") and _matches(request.headers.get("if-none-match"), version.etag):
        raise NotModified(version.etag)
    reading = Reading(reader, version)
    try:
        yield reading
    finally:
        reading.close()


def _cursor(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    cursor, version = request.app.state.reader.cursor()
    try:
        request.state.etag = version.etag
        yield cursor
    finally:
        cursor.close()


Warehouse = Annotated[duckdb.DuckDBPyConnection, Depends(_cursor)]
"""A read-only cursor on the current data version, injected into routes and pages."""

Read = Annotated[Reading, Depends(_reading)]
"""A read-only cursor and its data version (ETag, memo); a request whose If-None-Match holds it gets 304."""

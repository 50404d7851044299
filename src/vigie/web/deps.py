"""The read-only warehouse behind every request, reopened when a build has swapped in a new data version.

A build never writes the file the server reads: it writes a copy and renames it over the old one (see
`vigie.warehouse`). The server notices the new file (another inode) at the next request and opens it; requests
already running finish on the old version.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import duckdb
from fastapi import Depends, Request

from vigie import warehouse


class WarehouseReader:
    """One read-only DuckDB connection per data version; each request gets its own cursor (thread-safe)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._identity: tuple[int, int, int] | None = None
        self._con: duckdb.DuckDBPyConnection | None = None
        self.version = ""

    def _current_identity(self) -> tuple[int, int, int]:
        stat = os.stat(self.path)
        return stat.st_ino, stat.st_mtime_ns, stat.st_size

    def connection(self) -> duckdb.DuckDBPyConnection:
        """The connection to the newest data version (opened again when the file was replaced)."""
        identity = self._current_identity() if self.path.exists() else None
        with self._lock:
            if self._con is None or identity != self._identity:
                self._con = warehouse.connect(self.path, read_only=True)
                self._identity = identity
                self.version = warehouse.data_version(self._con)
            return self._con

    def cursor(self) -> duckdb.DuckDBPyConnection:
        return self.connection().cursor()


def _cursor(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    cursor = request.app.state.reader.cursor()
    try:
        yield cursor
    finally:
        cursor.close()


Warehouse = Annotated[duckdb.DuckDBPyConnection, Depends(_cursor)]
"""A read-only cursor on the current data version, injected into routes and pages."""

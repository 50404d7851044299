"""Spatial weights between towns: queen contiguity from the commune outlines, k nearest neighbours for towns
that have none (islands, communes without an outline), Paris, Lyon and Marseille as whole cities.

Queen contiguity: two towns are neighbours when their outlines share at least one point (shapely STRtree,
predicate "intersects"). The contiguity pairs are cached in the warehouse (table `adjacency`), keyed by the
SHA-256 of the outlines file they were built from, and rebuilt only when the reference changes.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import numpy as np
import shapely
from scipy import sparse
from scipy.spatial import cKDTree

from vigie.errors import VigieError
from vigie.geo.communes import plm_parent
from vigie.warehouse import insert_rows

EARTH_KM = 6371.0088


def _outlines_checksum(con: duckdb.DuckDBPyConnection) -> str:
    row = con.execute("""SELECT sha256 FROM load_log WHERE kind = 'commune_outlines'
                         ORDER BY load_id DESC LIMIT 1""").fetchone()
    if not row:
        raise VigieError("the warehouse has no commune outlines: run `vigie build` with the outlines file")
    return row[0]


def build_adjacency(con: duckdb.DuckDBPyConnection) -> int:
    """Queen contiguity of all towns, stored in `adjacency` (both directions). Returns the number of pairs."""
    rows = con.execute("SELECT code, wkb FROM commune_outline ORDER BY code").fetchall()
    codes = [plm_parent(c) or c for c, _ in rows]
    geoms = shapely.from_wkb([w for _, w in rows])
    left, right = shapely.STRtree(geoms).query(geoms, predicate="intersects")
    pairs = {(codes[a], codes[b]) for a, b in zip(left.tolist(), right.tolist(), strict=True) if codes[a] != codes[b]}
    checksum = _outlines_checksum(con)
    con.execute("DELETE FROM adjacency")
    con.execute("DELETE FROM adjacency_source")
    insert_rows(con, "adjacency", sorted(pairs), ["code", "neighbour"])
    con.execute("INSERT INTO adjacency_source VALUES (?)", [checksum])
    return len(pairs)


def ensure_adjacency(con: duckdb.DuckDBPyConnection) -> bool:
    """Build the contiguity cache if it is missing or stale; True when it was (re)built."""
    checksum = _outlines_checksum(con)
    cached = con.execute("SELECT sha256 FROM adjacency_source").fetchone()
    if cached and cached[0] == checksum:
        return False
    build_adjacency(con)
    return True


@dataclass
class Weights:
    """Binary, symmetric spatial weights over `codes` (no self weight; Gi* adds it)."""

    codes: np.ndarray
    matrix: sparse.csr_matrix
    knn_fallback: list[str]  # towns whose neighbours are their k nearest, for lack of a shared border

    @property
    def cardinalities(self) -> np.ndarray:
        return np.diff(self.matrix.indptr)

    def neighbours(self) -> dict[str, list[str]]:
        """For libpysal.W(neighbours) in tests and for display."""
        m = self.matrix
        return {
            self.codes[i]: self.codes[m.indices[m.indptr[i] : m.indptr[i + 1]]].tolist() for i in range(len(self.codes))
        }


def weights_for(con: duckdb.DuckDBPyConnection, codes: list[str] | np.ndarray, k: int = 4) -> Weights:
    """Queen contiguity among `codes`; a town with no neighbour among them gets its k nearest (by
    representative point, great-circle distance), made symmetric."""
    ensure_adjacency(con)
    codes = np.asarray(codes, dtype=object)
    index = {c: i for i, c in enumerate(codes)}
    pairs = con.execute(
        """SELECT a.code, a.neighbour FROM adjacency a
                           WHERE a.code IN (SELECT unnest(?)) AND a.neighbour IN (SELECT unnest(?))""",
        [codes.tolist(), codes.tolist()],
    ).fetchall()
    rows = [index[a] for a, _ in pairs]
    cols = [index[b] for _, b in pairs]
    degree = np.bincount(rows, minlength=len(codes))
    lonely = np.flatnonzero(degree == 0)
    fallback = []
    if len(lonely) and len(codes) > 1:
        xyz = _points(con, codes)
        known = ~np.isnan(xyz[:, 0])
        tree = cKDTree(xyz[known])
        known_index = np.flatnonzero(known)
        for i in lonely:
            if not known[i]:
                continue
            _, found = tree.query(xyz[i], k=min(k + 1, known.sum()))
            for j in known_index[np.atleast_1d(found)]:
                if j != i:
                    rows += [i, j]
                    cols += [j, i]
            fallback.append(codes[i])
    data = np.ones(len(rows))
    matrix = sparse.csr_matrix((data, (rows, cols)), shape=(len(codes), len(codes)))
    matrix.data[:] = 1.0  # duplicates from the symmetric fallback count once
    return Weights(codes, matrix, fallback)


def _points(con, codes: np.ndarray) -> np.ndarray:
    """Unit-sphere coordinates of each town's representative point (NaN when unknown)."""
    found = dict(
        con.execute(
            "SELECT code, [lon, lat] FROM commune WHERE code IN (SELECT unnest(?))", [codes.tolist()]
        ).fetchall()
    )
    lonlat = np.array([found.get(c) or [np.nan, np.nan] for c in codes], dtype=float)
    lon, lat = np.radians(lonlat[:, 0]), np.radians(lonlat[:, 1])
    return np.column_stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])


def distance_km(lon1, lat1, lon2, lat2) -> np.ndarray:
    """Great-circle distance (haversine)."""
    lon1, lat1, lon2, lat2 = map(np.radians, (lon1, lat1, lon2, lat2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_KM * np.arcsin(np.sqrt(a))

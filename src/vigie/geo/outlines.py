"""The national map layer: every commune's outline, simplified together and gzipped once per data version.

34,912 outlines as GeoJSON are 24.5 MB (6.5 MB gzip): too heavy for a first page. `shapely.coverage_simplify`
simplifies them as one coverage, so neighbours keep one shared border (simplifying each town on its own opens
slivers between them); at 0.01° and 4 decimals the layer is about 9.5 MB, 1.7 MB gzip.

Overseas départements are moved and scaled into boxes in the Atlantic, west of mainland France (insets), so one
map shows them all; `INSETS` gives each box for the frame and label the page draws.

Paris, Lyon and Marseille are drawn from their arrondissements, each carrying the city's code, because every figure
of the dashboard is the whole city's.
"""

from __future__ import annotations

import gzip
import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import shapely

from vigie.warehouse import data_version, require

TOLERANCE = 0.01  # degrees (about 1 km): measured 9.5 MB raw, 1.66 MB gzip for the whole of France
DECIMALS = 4  # about 10 m; finer digits only weigh

# département → (name, box west, south, east, north) in degrees, in the Atlantic west of mainland France
INSETS: dict[str, tuple[str, float, float, float, float]] = {
    "971": ("Guadeloupe", -9.6, 47.9, -6.6, 49.5),
    "972": ("Martinique", -9.6, 46.3, -6.6, 47.7),
    "973": ("Guyane", -9.6, 43.5, -6.6, 46.1),
    "974": ("La Réunion", -9.6, 41.9, -6.6, 43.3),
    "976": ("Mayotte", -9.6, 40.3, -6.6, 41.7),
}


@dataclass(frozen=True)
class Layer:
    """The layer of one data version: its gzipped GeoJSON, its size before compression and its ETag."""

    version: str
    gzipped: bytes
    raw_size: int

    @property
    def etag(self) -> str:
        return f'"outlines-{self.version}"'


_cache: dict[str, Layer] = {}
_lock = threading.Lock()


def _fit(geoms: np.ndarray, box: tuple[float, float, float, float]) -> np.ndarray:
    """Move and scale geometries into a box, keeping their shape (longitudes shrunk by the cosine of latitude)."""
    west, south, east, north = box
    x0, y0, x1, y1 = shapely.total_bounds(geoms)
    source_cos = np.cos(np.radians((y0 + y1) / 2))
    target_cos = np.cos(np.radians((south + north) / 2))
    width, height = (x1 - x0) * source_cos, y1 - y0
    scale = min((east - west) * target_cos / width, (north - south) / height) * 0.92
    cx, cy = (west + east) / 2, (south + north) / 2
    mx, my = (x0 + x1) / 2, (y0 + y1) / 2

    def move(coords: np.ndarray) -> np.ndarray:
        out = np.empty_like(coords)
        out[:, 0] = cx + (coords[:, 0] - mx) * source_cos * scale / target_cos
        out[:, 1] = cy + (coords[:, 1] - my) * scale
        return out

    return shapely.transform(geoms, move)


def simplified(con: duckdb.DuckDBPyConnection) -> tuple[list[str], np.ndarray]:
    """Every commune outline simplified as one coverage, overseas départements moved into their insets, rounded:
    (codes, geometries). The code is the one under which the dashboard's figures are kept (the city's for an
    arrondissement of Paris, Lyon or Marseille)."""
    require(con, "commune_outline", "commune outlines")
    rows = con.execute(
        """SELECT coalesce(c.parent, o.code) AS town, coalesce(c.departement, '') AS dep, o.wkb
           FROM commune_outline o LEFT JOIN commune c ON c.code = o.code
           WHERE NOT EXISTS (SELECT 1 FROM commune a WHERE a.parent = o.code)  -- a city drawn by its arrondissements
           ORDER BY o.code"""
    ).fetchall()
    codes = [r[0] for r in rows]
    deps = np.array([r[1] or r[0][:3] for r in rows])
    geoms = shapely.make_valid(shapely.from_wkb([r[2] for r in rows]))
    geoms = shapely.coverage_simplify(geoms, TOLERANCE)
    for dep, (_, *box) in INSETS.items():
        mask = np.char.startswith(deps.astype(str), dep)
        if mask.any():
            geoms[mask] = _fit(geoms[mask], tuple(box))
    return codes, shapely.transform(geoms, lambda c: np.round(c, DECIMALS))


def national_geojson(con: duckdb.DuckDBPyConnection) -> dict:
    """The simplified outlines as a GeoJSON FeatureCollection; each feature's only property `c` is its code."""
    codes, geoms = simplified(con)
    texts = shapely.to_geojson(geoms)
    features = [
        {"type": "Feature", "properties": {"c": code}, "geometry": json.loads(text)}
        for code, text in zip(codes, texts, strict=True)
        if text is not None
    ]
    return {"type": "FeatureCollection", "features": features}


def compact(codes: list[str], geoms: np.ndarray) -> bytes:
    """The map's own layer format, half the size of GeoJSON and quicker to read in the browser:
    {"scale": 10000, "codes": [...], "rings": [[ring, ...] per town]}, each ring a flat list of integers: the first
    point (longitude, latitude × scale), then each point's difference from the previous one. A town's rings are
    filled together with the even-odd rule (holes and islands alike)."""
    scale = 10**DECIMALS
    parts, part_town = shapely.get_parts(geoms, return_index=True)
    polygons = shapely.get_type_id(parts) == 3  # make_valid may leave stray lines and points: not drawn
    parts, part_town = parts[polygons], part_town[polygons]
    rings, ring_part = shapely.get_rings(parts, return_index=True)
    coords, coord_ring = shapely.get_coordinates(rings, return_index=True)
    ints = np.rint(coords * scale).astype(np.int64)
    first = np.ones(len(ints), bool)
    first[1:] = coord_ring[1:] != coord_ring[:-1]
    deltas = ints.copy()
    deltas[~first] = ints[~first] - ints[np.flatnonzero(~first) - 1]
    flat = deltas.ravel().tolist()
    bounds = np.searchsorted(coord_ring, np.arange(len(rings) + 1))
    by_town: list[list[str]] = [[] for _ in codes]
    for k in range(len(rings)):
        by_town[part_town[ring_part[k]]].append("[" + ",".join(map(str, flat[2 * bounds[k] : 2 * bounds[k + 1]])) + "]")
    codes_json = json.dumps(codes, separators=(",", ":"))
    towns = ",".join("[" + ",".join(r) + "]" for r in by_town)
    text = f'{{"scale":{scale},"codes":{codes_json},"rings":[{towns}]}}'
    return text.encode()


def national_layer(con: duckdb.DuckDBPyConnection, cache_dir: Path | None = None) -> Layer:
    """The gzipped national layer of the warehouse's data version, computed once per version (about 12 s for
    France), kept in memory and, when `cache_dir` is given and writable, in a file there for the next start."""
    version = data_version(con)
    with _lock:
        layer = _cache.get(version)
        if layer is None:
            layer = _read_cached(cache_dir, version) or _compute(con, version, cache_dir)
            _cache.clear()  # one version at a time: the server follows the newest build
            _cache[version] = layer
    return layer


def _cache_file(cache_dir: Path, version: str) -> Path:
    return Path(cache_dir) / f"vigie-outlines-{version}.json.gz"


def _read_cached(cache_dir: Path | None, version: str) -> Layer | None:
    if cache_dir is None or not _cache_file(cache_dir, version).exists():
        return None
    data = _cache_file(cache_dir, version).read_bytes()
    return Layer(version, data, len(gzip.decompress(data)))


def _compute(con: duckdb.DuckDBPyConnection, version: str, cache_dir: Path | None) -> Layer:
    text = compact(*simplified(con))
    layer = Layer(version, gzip.compress(text, compresslevel=6), len(text))
    if cache_dir is not None:
        target = _cache_file(cache_dir, version)
        try:  # written beside, then renamed: a reader never sees half a file; an unwritable folder is no error
            partial = target.with_suffix(f".{os.getpid()}.part")
            partial.write_bytes(layer.gzipped)
            partial.replace(target)
            for old in Path(cache_dir).glob("vigie-outlines-*.json.gz"):  # earlier data versions
                if old != target:
                    old.unlink(missing_ok=True)
        except OSError:
            pass
    return layer

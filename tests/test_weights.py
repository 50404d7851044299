"""Spatial weights: queen contiguity of the real outlines, kNN for islands, whole PLM cities, the cache."""

import geopandas
import numpy as np
import pyarrow.parquet as pq
import shapely
from conftest import GEO
from libpysal.weights import fuzzy_contiguity

from vigie import warehouse
from vigie.geo.weights import build_adjacency, ensure_adjacency, weights_for
from vigie.sources.build import build


def test_queen_equals_libpysal_on_a_real_departement(official):
    table = pq.read_table(GEO / "communes_outlines.parquet").to_pandas()
    drome = table[table.code.str.startswith("26")].reset_index(drop=True)
    frame = geopandas.GeoDataFrame(drome, geometry=shapely.from_wkb(drome.geometry), crs="OGC:CRS84")
    oracle = fuzzy_contiguity(frame, tolerance=0, predicate="intersects")
    code = frame.code.tolist()
    expected = {code[i]: sorted(code[j] for j in n) for i, n in oracle.neighbors.items()}
    ours = weights_for(official, code).neighbours()
    assert all(expected.values())  # no island in the Drôme: no fallback involved
    assert {c: sorted(n) for c, n in ours.items()} == expected


def test_weights_are_binary_and_symmetric(official):
    codes = [r[0] for r in official.execute("SELECT code FROM commune WHERE departement = '29'").fetchall()]
    w = weights_for(official, codes)
    m = w.matrix
    assert (m != m.T).nnz == 0 and set(np.unique(m.data)) == {1.0} and m.diagonal().sum() == 0


def test_islands_get_their_nearest_neighbours(official):
    # Île-de-Sein (29083) and Ouessant (29155) touch no other commune
    codes = [r[0] for r in official.execute("SELECT code FROM commune WHERE departement = '29'").fetchall()]
    w = weights_for(official, codes, k=4)
    assert {"29083", "29155"} <= set(w.knn_fallback)
    assert w.cardinalities[codes.index("29083")] >= 4


def test_plm_cities_are_whole(official):
    w = weights_for(official, ["13055", "13002", "13005", "13201"]).neighbours()
    assert {"13002", "13005"} <= set(w["13055"])
    count = official.execute("SELECT count(*) FROM adjacency WHERE code BETWEEN '13201' AND '13216'").fetchone()[0]
    assert count == 0


def test_cache_is_rebuilt_only_when_the_outlines_change(tmp_path, reference_dir):
    con = warehouse.connect(tmp_path / "w.duckdb")
    build(con, [reference_dir])
    assert ensure_adjacency(con) is True
    assert ensure_adjacency(con) is False
    changed = tmp_path / "new"
    changed.mkdir()
    table = pq.read_table(reference_dir / "communes_outlines.parquet")
    pq.write_table(table.slice(0, table.num_rows - 1), changed / "communes_outlines.parquet")
    build(con, [changed])
    assert ensure_adjacency(con) is True
    assert build_adjacency(con) > 0

"""Figures (issue: space-time analytics), on the whole synthetic national panel, one indicator, all years.

Goals: weights (cold) ≤ 30 s; Gi* + FDR + emerging categories ≤ 10 s analytical, ≤ 60 s with 999 permutations;
peak memory ≤ 3 GB; and ≥ 10× faster than the same pipeline written plainly with esda.G_Local per year and
pymannkendall per town, measured side by side in one run, at equal results.

    .venv/bin/python benchmarks/bench_hotspots.py --runs 3
"""

from __future__ import annotations

import argparse
import shutil
import time

import numpy as np
from measure import CACHE, SHARED, VIGIE, measure, run, synthetic_panel


def national_db():
    db = CACHE / "national.duckdb"
    if not db.exists():
        run([*VIGIE, "build", "--from", str(SHARED / "data"), "--from", str(synthetic_panel(1)), "--db", str(db)])
    return db


def side_by_side(db) -> None:
    """Our vectorised pipeline against esda.G_Local per year + pymannkendall per town, same inputs."""
    import pymannkendall
    from esda.getisord import G_Local
    from libpysal.weights import W

    from vigie import warehouse
    from vigie.analysis import hotspots as hs
    from vigie.analysis.rise import RECENT_YEARS, recent_expectation, rise_scores
    from vigie.analysis.suppression import town_panel
    from vigie.geo.communes import departement_of
    from vigie.geo.weights import weights_for

    con = warehouse.connect(db)
    codes, years, counts, population, _ = town_panel(con, "trafic")
    weights = weights_for(con, codes)
    rates = hs.eb_rates(counts, population)
    rise = rise_scores(counts, recent_expectation(counts, population, [departement_of(c) for c in codes]))

    start = time.perf_counter()
    z, rise_z = hs.gi_star(weights.matrix, rates), hs.gi_star(weights.matrix, rise)
    _, _, hot, cold = hs.significance(z, hs.normal_p(z), rise_z, hs.normal_p(rise_z), rates, rise)
    _, mk_z, mk_p = hs.mann_kendall(z)
    ours = hs.categories(hot, cold, mk_z, mk_p)
    fast = time.perf_counter() - start

    start = time.perf_counter()
    w = W(weights.neighbours(), id_order=list(codes), silence_warnings=True)

    def plain_gi(values):  # esda's G is a ratio to the sum: values shifted to be positive (z does not change)
        return G_Local(values - values.min() + 1, w, transform="B", star=True, permutations=0).Zs

    z_plain = np.column_stack([plain_gi(rates[:, t]) for t in range(len(years))])
    first = RECENT_YEARS  # no rise before a town has three years of past: all zeros, no clustering (as ours)
    rise_plain = np.column_stack(
        [np.zeros(len(codes))] * first + [plain_gi(rise[:, t]) for t in range(first, len(years))]
    )
    _, _, hot_plain, cold_plain = hs.significance(
        z_plain, hs.normal_p(z_plain), rise_plain, hs.normal_p(rise_plain), rates, rise
    )
    tests = [pymannkendall.original_test(z_plain[i]) for i in range(len(codes))]
    mk_z_plain = np.array([t.z for t in tests])
    mk_p_plain = np.array([t.p for t in tests])
    plain = hs.categories(hot_plain, cold_plain, mk_z_plain, mk_p_plain)
    slow = time.perf_counter() - start
    print(
        {
            "figure": "Gi* + FDR + Mann-Kendall + categories, in-process, vectorised vs plain esda/pymannkendall",
            "towns": len(codes),
            "years": len(years),
            "vigie_s": round(fast, 2),
            "plain_s": round(slow, 2),
            "speedup": round(slow / fast, 1),
            "max_abs_z_diff": float(max(np.abs(z - z_plain).max(), np.abs(rise_z - rise_plain).max())),
            "max_abs_mk_z_diff": float(np.abs(mk_z - mk_z_plain).max()),
            "same_categories": bool((ours == plain).all()),
        },
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    db = national_db()
    cold = CACHE / "cold.duckdb"

    def fresh_copy() -> None:  # a warehouse without the contiguity cache
        shutil.copy(db, cold)
        from vigie import warehouse

        con = warehouse.connect(cold)
        con.execute("DELETE FROM adjacency_source")
        con.close()

    measure(
        "weights, cold (queen contiguity of all outlines), whole process",
        [
            str(VIGIE[0]).replace("vigie", "python"),
            "-c",
            f"from vigie import warehouse; from vigie.geo.weights import ensure_adjacency; "
            f"ensure_adjacency(warehouse.connect({str(cold)!r}))",
        ],
        args.runs,
        before=fresh_copy,
    )
    measure(
        "vigie hotspots (analytical), whole process incl. saving",
        [*VIGIE, "hotspots", "--db", str(db), "-f", "json"],
        args.runs,
    )
    measure(
        "vigie hotspots --permutations 999, whole process",
        [*VIGIE, "hotspots", "--db", str(db), "--permutations", "999", "-f", "json"],
        args.runs,
    )
    side_by_side(db)


if __name__ == "__main__":
    main()

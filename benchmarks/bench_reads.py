"""Whole-process time and peak memory of the read commands on a built warehouse (issue 9: `vigie hotspots` reads
the stored result, < 1 s), and of the same question when it must be computed (parameters other than the stored).

    .venv/bin/python benchmarks/bench_reads.py --db /tmp/w.duckdb [--runs 5]

Prints one line per command: median and spread of the wall time over the runs, and the peak resident memory.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

VIGIE = [sys.executable, "-m", "vigie"]
COMMANDS = {
    "vigie --help (start-up alone, for scale)": ["--help"],
    "hotspots (stored)": ["hotspots"],
    "hotspots --departement 13 (stored)": ["hotspots", "--departement", "13"],
    "onsets (stored)": ["onsets"],
    "diffusion (stored)": ["diffusion"],
    "hotspots --seed 1 (computed, not stored)": ["hotspots", "--seed", "1"],
}


def run(args: list[str], db: Path) -> tuple[float, int]:
    """Wall seconds and the child's peak RSS in MB (max over the children run so far, so run the largest last)."""
    start = time.perf_counter()
    extra = [] if args == ["--help"] else ["--db", str(db), "--format", "json"]
    subprocess.run([*VIGIE, *args, *extra], check=True, capture_output=True)
    wall = time.perf_counter() - start
    return wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    print(f"{options.db} ({options.db.stat().st_size / 1e6:.0f} MB), {options.runs} runs, {os.cpu_count()} CPUs")
    for name, args in COMMANDS.items():
        run(args, options.db)  # warm the page cache
        walls, peak = [], 0
        for _ in range(options.runs):
            wall, peak = run(args, options.db)
            walls.append(wall)
        print(
            f"{name:45s} median {statistics.median(walls):.2f} s  (min {min(walls):.2f}, max {max(walls):.2f})"
            f"  peak RSS so far {peak} MB"
        )


if __name__ == "__main__":
    main()

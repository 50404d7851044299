"""Figure (issue: foundation): `vigie build` on the full synthetic national commune file.

Goal: ≤ 20 s and ≤ 2 GB for ≈ 5 million rows; ≤ 200 s and ≤ 4 GB with --replicate 10 (≈ 50 million rows).

    .venv/bin/python benchmarks/bench_build.py                      # parquet and csv.gz, 3 runs each
    .venv/bin/python benchmarks/bench_build.py --replicate 10 --runs 3
"""

from __future__ import annotations

import argparse
import shutil

from measure import CACHE, VIGIE, measure, synthetic_panel


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--replicate", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--formats", default="parquet,csv.gz")
    args = parser.parse_args()
    panel = synthetic_panel(args.replicate)
    db = CACHE / "build.duckdb"

    def fresh() -> None:
        db.unlink(missing_ok=True)
        db.with_suffix(".duckdb.wal").unlink(missing_ok=True)

    for fmt in args.formats.split(","):
        source = panel / "donnee-comm-synth.parquet" if fmt == "parquet" else panel / "donnee-comm-synth.csv.gz"
        if not source.exists():
            continue
        folder = CACHE / f"only_{fmt}_x{args.replicate}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        (folder / source.name).symlink_to(source)
        measure(
            f"vigie build, synthetic national commune file x{args.replicate} ({fmt})",
            [*VIGIE, "build", "--from", str(folder), "--db", str(db)],
            args.runs,
            before=fresh,
        )


if __name__ == "__main__":
    main()

"""Figure (issue: foundation): `vigie spread` on the loaded national warehouse. Goal: ≤ 1 s.

.venv/bin/python benchmarks/bench_spread.py --runs 5
"""

from __future__ import annotations

import argparse

from measure import CACHE, SHARED, VIGIE, measure, run, synthetic_panel


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    db = CACHE / "national.duckdb"
    if not db.exists():
        run([*VIGIE, "build", "--from", str(SHARED / "data"), "--from", str(synthetic_panel(1)), "--db", str(db)])
    for fmt in ("table", "json"):
        measure(
            f"vigie spread --format {fmt} (national warehouse)",
            [*VIGIE, "spread", "--db", str(db), "--format", fmt],
            args.runs,
        )


if __name__ == "__main__":
    main()

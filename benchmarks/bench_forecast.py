"""Figures of the early warning (issue 11): the rolling-origin backtest on the real état 4001 by service (index 55
trafficking, index 01 règlements de comptes) and on synthetic national panels (surge and onset), with the baselines
of the same run; the cost of the national commune backtest (whole process, wall time and peak memory) and of
`vigie watchlist` on a built warehouse.

    python benchmarks/bench_forecast.py --official /tmp/p/official.duckdb \\
        --panel /tmp/p/nat2025.duckdb --panel /tmp/p/nat7.duckdb --panel /tmp/p/nat31.duckdb --runs 3

`--official`: a warehouse built from ../shared/data; `--panel`: warehouses built from the commune reference and a
national panel of `make_panel.py --formats parquet --truth --seed S`. Prints Markdown tables for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VIGIE = str(ROOT / ".venv" / "bin" / "vigie")


def run(cmd: list[str]) -> tuple[float, float, str, str]:
    """(seconds, peak RSS in MB, stdout, stderr) of one whole process, measured by wait4 on the child."""
    import tempfile

    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {stderr[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024, stdout, stderr


def backtest(db: str, source: str, indicator: str, target: str) -> dict:
    cmd = [VIGIE, "backtest", "--db", db, "--source", source, "--indicator", indicator, "--target", target]
    seconds, rss, out, err = run([*cmd, "--format", "json"])
    sentence = err.replace("\n", " ")
    overall = re.search(r"AUPR (\d+\.\d+) \(best baseline, ([^:]+): (\d+\.\d+)\).*?ECE (\d+\.\d+)", sentence)
    return {
        "db": db,
        "source": source,
        "indicator": indicator,
        "target": target,
        "seconds": round(seconds, 1),
        "peak_rss_mb": round(rss),
        "years": json.loads(out),
        "overall": {
            "aupr": float(overall.group(1)),
            "best_baseline": overall.group(2),
            "best_baseline_aupr": float(overall.group(3)),
            "ece": float(overall.group(4)),
        }
        if overall
        else None,
    }


def table(result: dict) -> str:
    names = ("persistence", "prior_counts", "last_year_increase", "neighbours_lag", "poisson_glm")
    lines = [
        f"`vigie backtest --db {Path(result['db']).name} --source {result['source']} --indicator "
        f"{result['indicator']} --target {result['target']}` ({result['seconds']} s, {result['peak_rss_mb']} MB)",
        "",
        "| year | n | positives | AUPR | AUROC | Brier | ECE | " + " | ".join(names) + " | above best |",
        "|---" * (8 + len(names)) + "|",
    ]
    wins = scored = 0
    for y in result["years"]:
        if "aupr" not in y:
            lines.append(f"| {y['year']} | {y['n']} | 0 | — | — | — | — |" + " — |" * len(names) + " — |")
            continue
        best = max(y["baselines"].values())
        scored += 1
        wins += y["aupr"] > best
        lines.append(
            f"| {y['year']} | {y['n']:,} | {y['positives']} | **{y['aupr']:.3f}** | {y['auroc']:.3f} | "
            f"{y['brier']:.4f} | {y['ece']:.4f} | "
            + " | ".join(f"{y['baselines'][b]:.3f}" for b in names)
            + f" | {'yes' if y['aupr'] > best else 'NO'} |"
        )
    o = result["overall"]
    if o:
        lines.append("")
        lines.append(
            f"Overall: AUPR {o['aupr']:.3f} (best baseline {o['best_baseline']} {o['best_baseline_aupr']:.3f}), "
            f"ECE {o['ece']:.4f}; above the best baseline in {wins} of {scored} years."
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--official", help="warehouse built from ../shared/data (état 4001 by service)")
    parser.add_argument("--panel", action="append", default=[], help="warehouse of a national synthetic panel")
    parser.add_argument("--runs", type=int, default=3, help="runs of the timed commands (median)")
    parser.add_argument("--json", help="also write every result to this file")
    args = parser.parse_args()
    results = []
    if args.official:
        for indicator in ("trafic", "reglements"):
            results.append(backtest(args.official, "service", indicator, "surge"))
            print(table(results[-1]) + "\n", flush=True)
    for db in args.panel:
        for target in ("surge", "onset"):
            results.append(backtest(db, "commune", "trafic", target))
            print(table(results[-1]) + "\n", flush=True)
    timings = {}
    if args.panel:
        db = args.panel[0]
        cmd = [VIGIE, "backtest", "--db", db, "--source", "commune", "--format", "json"]
        seconds = [r["seconds"] for r in results if r["db"] == db and r["target"] == "surge"]
        seconds += [round(run(cmd)[0], 1) for _ in range(max(args.runs - len(seconds), 0))]
        timings["national commune backtest (surge, all origins)"] = seconds
        run([VIGIE, "watchlist", "--db", db, "--compute", "--top", "1"])  # stored once, as a build does
        watch = [round(run([VIGIE, "watchlist", "--db", db])[0], 2) for _ in range(max(args.runs, 3))]
        timings["vigie watchlist (stored forecast, read-only)"] = watch
        for name, values in timings.items():
            print(f"{name}: median {statistics.median(values)} s over {len(values)} runs ({values})")
        print(f"peak RSS of any run so far: {max(r['peak_rss_mb'] for r in results)} MB")
    if args.json:
        Path(args.json).write_text(json.dumps({"results": results, "timings": timings}, indent=1))


if __name__ == "__main__":
    main()

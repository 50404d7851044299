"""Figure (issue 10, the town report): the two-page PDF of one town. Goal: ≤ 1 s warm.

Warm: in one process, after the imports and one report drawn to warm up (fonts, matplotlib), the wall time of
`vigie.report.report_pdf` for towns of every kind (a big city, a medium town, a village whose figures are all
suppressed, a town with no figures), several runs each; median over all, and per town; the process's CPU time beside
it (on a shared machine the wall time includes waiting for a core). Cold: the whole `vigie report` process.

.venv/bin/python benchmarks/bench_report.py --runs 5 [--db PATH]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from pathlib import Path

from measure import CACHE, SHARED, VIGIE, measure, run, synthetic_panel

TOWNS = {
    "13055": "Marseille (big city, arrondissements)",
    "79191": "Niort (medium town)",
    "71153": "Le Creusot (medium town)",
    "33280": "Mazion (village, every year suppressed)",
    "97601": "Acoua (Mayotte: no commune figures)",
}


def warm(db: Path, runs: int) -> dict:
    import weasyprint

    from vigie import warehouse
    from vigie.report import TEMPLATES, render_html, report_pdf, town_report

    con = warehouse.connect(db, read_only=True)
    report_pdf(con, "79049")  # warm-up: first fonts, first figure
    walls, cpus, by_town = [], [], {}
    stages = {"payload (profile, medians, reads)": [], "charts and HTML": [], "PDF (WeasyPrint)": []}
    for _ in range(runs):
        for code in TOWNS:
            wall, cpu = time.perf_counter(), time.process_time()
            # report_pdf's three steps, timed apart (CPU seconds)
            report = town_report(con, code)
            after_payload = time.process_time()
            html = render_html(con, report)
            after_html = time.process_time()
            weasyprint.HTML(string=html, base_url=str(TEMPLATES)).write_pdf()
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
            for stage, seconds in zip(
                stages, (after_payload - cpu, after_html - after_payload, cpus[-1] - (after_html - cpu)), strict=True
            ):
                stages[stage].append(seconds)
            by_town.setdefault(code, []).append(walls[-1])
    summary = {
        "figure": "town report PDF, warm (report_pdf, after import and one warm-up report)",
        "reports": len(walls),
        "median_s": round(statistics.median(walls), 2),
        "min_s": round(min(walls), 2),
        "max_s": round(max(walls), 2),
        "median_cpu_s": round(statistics.median(cpus), 2),
        "median_cpu_s_by_stage": {k: round(statistics.median(v), 2) for k, v in stages.items()},
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "by_town_median_s": {f"{c} {TOWNS[c]}": round(statistics.median(t), 2) for c, t in by_town.items()},
    }
    print(summary, flush=True)
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--db", type=Path, help="A national warehouse (default: built once under .cache/bench).")
    args = parser.parse_args()
    db = args.db or CACHE / "national.duckdb"
    if not db.exists():
        run([*VIGIE, "build", "--from", str(SHARED / "data"), "--from", str(synthetic_panel(1)), "--db", str(db)])
    warm(db, args.runs)
    with tempfile.TemporaryDirectory() as folder:
        measure(
            "vigie report 79191 --out FILE (whole process, cold)",
            [*VIGIE, "report", "79191", "--out", str(Path(folder) / "r.pdf"), "--db", str(db)],
            args.runs,
        )


if __name__ == "__main__":
    main()

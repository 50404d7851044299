"""Run a whole command several times; report the median wall time and the peak memory of each run."""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("VIGIE_SHARED", ROOT.parent / "shared"))
CACHE = ROOT / ".cache" / "bench"
VIGIE = [str(ROOT / ".venv" / "bin" / "vigie")]


def run(cmd: list[str], before=None) -> tuple[float, float]:
    """(seconds, peak RSS in MB) of one run of `cmd`, measured by wait4 on the child process."""
    if before:
        before()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


def measure(name: str, cmd: list[str], runs: int, before=None) -> dict:
    results = [run(cmd, before) for _ in range(runs)]
    times = [t for t, _ in results]
    summary = {
        "figure": name,
        "runs": runs,
        "median_s": round(statistics.median(times), 2),
        "min_s": round(min(times), 2),
        "max_s": round(max(times), 2),
        "peak_rss_mb": round(max(m for _, m in results)),
    }
    print(summary, flush=True)
    return summary


def synthetic_panel(replicate: int = 1) -> Path:
    """The full-scale synthetic commune file (generated once, cached under .cache/bench)."""
    out = CACHE / f"panel_x{replicate}"
    if not (out / "donnee-comm-synth.parquet").exists():
        cmd = [
            str(ROOT / ".venv" / "bin" / "python"),
            str(SHARED / "synth" / "make_panel.py"),
            "--out",
            str(out),
            "--replicate",
            str(replicate),
            "--formats",
            "parquet" if replicate > 1 else "parquet,csv",
        ]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return out

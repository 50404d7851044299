"""First national map render to idle in headless Chromium, and the national layer's weight on the wire.

    .venv/bin/python benchmarks/bench_map.py --db WAREHOUSE [--runs 7]

WAREHOUSE: a national warehouse with stored hot spots, e.g. (under /tmp/b2)
    .venv/bin/python ../shared/synth/make_panel.py --out /tmp/b2/synth --formats parquet
    .venv/bin/vigie build --db /tmp/b2/nat.duckdb --from ../shared/data --from /tmp/b2/synth

Starts `vigie serve` on a free port. The first request for the layer computes it (reported as the cold layer
build, once per data version); then each run opens / in a fresh browser context (empty HTTP cache) and times
navigation start → `document.body.dataset.mapReady === "1"` (every commune drawn, the page idle), as the page's
own clock reports it (window.vigieTimes), and the wall time seen by the driver. Reports medians, the layer's
bytes on the wire (gzip) and raw, and the server's and the browser's peak memory.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _get(url: str, gzip: bool = True) -> tuple[float, bytes, dict]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip else {})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=600) as response:
        body = response.read()
        return time.perf_counter() - start, body, {k.lower(): v for k, v in response.headers.items()}


def _peak_kb(pid: int) -> int:
    """VmHWM (peak resident memory) of one process, in kB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def _descendants(pid: int) -> list[int]:
    children = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        for child in task.read_text().split():
            children += [int(child), *_descendants(int(child))]
    return children


def _chromium_peak_kb() -> int:
    """The peaks of our Chromium's processes, summed (an upper bound of what it held at once)."""
    total = 0
    for pid in _descendants(os.getpid()):
        try:
            if "chrom" in Path(f"/proc/{pid}/comm").read_text():
                total += _peak_kb(pid)
        except OSError:
            pass
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()

    cached = sorted(p.name for p in options.db.resolve().parent.glob("vigie-outlines-*.json.gz"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "vigie", "serve", "--db", str(options.db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                _get(base + "/static/vigie.css")
                break
            except OSError:
                time.sleep(0.2)
        cold, gz, headers = _get(base + "/carte/communes.json")
        _, raw, _ = _get(base + "/carte/communes.json", gzip=False)
        assert headers.get("content-encoding") == "gzip", headers
        features = len(json.loads(raw)["codes"])
        _get(base + "/api/v1/map/values?indicator=trafic&colour=category")  # the server's first answer, kept

        from playwright.sync_api import sync_playwright

        idle, wall, phases = [], [], []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for _ in range(options.runs):
                context = browser.new_context(viewport={"width": 1400, "height": 900})
                page = context.new_page()
                start = time.perf_counter()
                page.goto(base + "/")
                page.wait_for_function("document.body.dataset.mapReady === '1'", timeout=120_000)
                wall.append(time.perf_counter() - start)
                times = page.evaluate("window.vigieTimes")
                idle.append(times["idle"] / 1000)
                phases.append(times)
                context.close()
            browser_peak = _chromium_peak_kb()
            browser.close()
        result = {
            "figure": "first national map render to idle (headless Chromium)",
            "runs": options.runs,
            "median_idle_s": round(statistics.median(idle), 2),
            "min_idle_s": round(min(idle), 2),
            "max_idle_s": round(max(idle), 2),
            "median_wall_s": round(statistics.median(wall), 2),
            "phases_ms_median_run": phases[sorted(range(len(idle)), key=idle.__getitem__)[len(idle) // 2]],
            "layer_gzip_mb": round(len(gz) / 1e6, 2),
            "layer_raw_mb": round(len(raw) / 1e6, 2),
            "layer_features": features,
            "layer_first_request_s": round(cold, 1),
            "layer_cached_on_disk_before": cached,
            "server_peak_rss_mb": round(_peak_kb(server.pid) / 1024),
            "chromium_peak_rss_mb_summed_over_processes": round(browser_peak / 1024),
        }
        print(json.dumps(result, indent=1))
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()

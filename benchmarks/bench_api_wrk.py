"""Figure (issue 10, the API) with wrk as the load generator: 50 concurrent connections on loopback, p95 and
requests/s for the commune profile (20 towns of ≥ 10,000 inhabitants, in turn), the search and the hot spots of one
département. wrk is a small C program (Debian's `wrk`), so the load costs the two cores far less than
bench_api.py's Python clients, which spend more CPU per request than the server does.

    apt-get install -y wrk
    .venv/bin/python benchmarks/bench_api_wrk.py --db WAREHOUSE --runs 3
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote
from urllib.request import urlopen

import duckdb

REPORT = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status
    + summary.errors.timeout
  io.write(string.format("RESULT p95_ms=%.2f p50_ms=%.2f requests=%d errors=%d\\n",
    latency:percentile(95) / 1000, latency:percentile(50) / 1000, summary.requests, errors))
end
"""


def rotating(paths: list[str]) -> str:
    """A wrk script asking each path in turn, then reporting p95 (wrk's --latency prints p90 and p99 only)."""
    listed = ", ".join(json.dumps(p) for p in paths)
    return (
        f"local paths = {{{listed}}}\nlocal i = 0\n"
        "request = function()\n  i = i % #paths + 1\n  return wrk.format('GET', paths[i])\nend\n" + REPORT
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--departement", default="13")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install -y wrk")
    con = duckdb.connect(str(args.db), read_only=True)
    towns = con.execute(
        "SELECT code, name FROM commune WHERE population >= 10000 AND kind <> 'arrondissement' "
        "ORDER BY hash(code) LIMIT 20"
    ).fetchall()
    con.close()
    questions = {
        "commune profile": [f"/api/v1/communes/{code}" for code, _ in towns],
        "search": [f"/api/v1/communes?q={quote(name.lower())}" for _, name in towns],
        f"hot spots of département {args.departement}": [f"/api/v1/hotspots?departement={args.departement}"],
    }
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "vigie", "serve", "--db", str(args.db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    results: dict[str, dict] = {}
    try:
        for _ in range(100):
            try:
                urlopen(base + "/api/v1/status", timeout=2).read()
                break
            except OSError:
                time.sleep(0.3)
        with tempfile.TemporaryDirectory() as tmp:
            for question, paths in questions.items():
                for path in paths:  # the first answer of each URL is computed; the figure is about the next ones
                    urlopen(base + path, timeout=60).read()
                script = Path(tmp) / "paths.lua"
                script.write_text(rotating(paths))
                runs = []
                for _ in range(args.runs):
                    out = subprocess.run(
                        ["wrk", "-t1", f"-c{args.connections}", f"-d{args.seconds}s", "-s", str(script), base + "/"],
                        capture_output=True,
                        text=True,
                        check=True,
                    ).stdout
                    fields = dict(re.findall(r"(\w+)=([\d.]+)", out.split("RESULT", 1)[1]))
                    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
                    runs.append(
                        {"p95_ms": float(fields["p95_ms"]), "requests_per_s": rps, "errors": int(fields["errors"])}
                    )
                results[question] = {
                    "median_p95_ms": statistics.median(r["p95_ms"] for r in runs),
                    "median_requests_per_s": statistics.median(r["requests_per_s"] for r in runs),
                    "errors": sum(r["errors"] for r in runs),
                    "runs": runs,
                }
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(json.dumps({"connections": args.connections, "seconds": args.seconds, "results": results}, indent=1))


if __name__ == "__main__":
    main()

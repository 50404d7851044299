"""Figure (issue 10, the API): `vigie serve` on loopback, national synthetic warehouse, 50 concurrent clients.
Goal: p95 ≤ 50 ms and no error for the commune profile, the search and the hot spots of one département; report the
requests per second.

The server is the real one (`vigie serve`, a separate process); the load is a bounded httpx asyncio script in this
process: `--clients` coroutines, each sending its next request as soon as the previous answer is in (a closed loop,
no think time), for `--seconds` per question, then it stops. Latency = request sent → whole answer read.

Answers are computed once per data version and kept (vigie.web.deps.remember), so two figures are reported:
- cold: the first request for each URL after the server started (one client, one request at a time): what the
  first visitor of a town waits;
- loaded: 50 clients on URLs already asked once (the steady state of a running server).

    .venv/bin/python benchmarks/bench_api.py [--db /tmp/b1/national.duckdb] [--clients 50] [--seconds 20] [--runs 3]

Without --db's file, the national warehouse is built first: make_panel.py (parquet) + vigie build --from
../shared/data --from PANEL. The machine (2 cores) is shared: the figures include waiting for a core.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import httpx
from measure import ROOT, SHARED

PYTHON = str(ROOT / ".venv" / "bin" / "python")


def ensure_warehouse(db: Path) -> None:
    if db.exists():
        return
    panel = db.parent / "panel"
    subprocess.run(
        [PYTHON, str(SHARED / "synth" / "make_panel.py"), "--out", str(panel), "--formats", "parquet"], check=True
    )
    subprocess.run(
        [PYTHON, "-m", "vigie", "build", "--from", str(SHARED / "data"), "--from", str(panel), "--db", str(db)],
        check=True,
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [PYTHON, "-m", "vigie", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    end = time.monotonic() + 120
    while time.monotonic() < end:
        if server.poll() is not None:
            raise SystemExit(f"vigie serve exited: {server.stderr.read().decode()}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/status", timeout=30).status_code == 200:
                return server
        except httpx.TransportError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("vigie serve did not answer within 120 s")


def plain(name: str) -> str:
    """How people type a name: lower case, no accents."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()


def towns(db: Path, count: int, seed: int) -> list[tuple[str, str]]:
    """(code, name) of `count` towns of 10,000 inhabitants or more, chosen at random (seeded)."""
    from vigie import warehouse

    con = warehouse.connect(db, read_only=True)
    rows = con.execute(
        "SELECT code, name FROM commune WHERE kind = 'commune' AND population >= 10000 ORDER BY code"
    ).fetchall()
    con.close()
    return random.Random(seed).sample(rows, count)


async def load(
    base: str, urls: list[str], clients: int, seconds: float, max_requests: int, think: float = 0, server: int = 0
) -> dict:
    """`clients` closed-loop clients on `urls` (each starts at its own place in the list) for `seconds`; each waits
    `think` seconds after an answer before its next request (0: none)."""
    latencies: list[float] = []
    errors: list[str] = []
    # each client has its own connection (one pool shared by 50 connections cost httpx 6.6 ms of client CPU a
    # request here, which would be measured as server latency), made before the clock starts (an httpx client loads
    # its TLS context when made, unused on loopback http but ~20 ms each)
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    pool = [httpx.AsyncClient(base_url=base, timeout=60, limits=limits, verify=False) for _ in range(clients)]
    for client in pool:  # open each connection before the clock starts
        await client.get("/api/v1/status")
    stop = time.perf_counter() + seconds

    async def one_client(k: int, client: httpx.AsyncClient) -> None:
        i = k
        while time.perf_counter() < stop and len(latencies) + len(errors) < max_requests:
            url = urls[i % len(urls)]
            i += 1
            start = time.perf_counter()
            try:
                r = await client.get(url, headers={"Accept-Encoding": "gzip"})
                if r.status_code != 200:
                    errors.append(f"{r.status_code} {url}")
                    continue
            except httpx.HTTPError as exc:
                errors.append(f"{exc!r} {url}")
                continue
            latencies.append(time.perf_counter() - start)
            if think:
                await asyncio.sleep(think)

    began, server_cpu, client_cpu = time.perf_counter(), cpu_seconds(server), time.process_time()
    await asyncio.gather(*(one_client(k, client) for k, client in enumerate(pool)))
    elapsed = time.perf_counter() - began
    server_cpu, client_cpu = cpu_seconds(server) - server_cpu, time.process_time() - client_cpu
    for client in pool:
        await client.aclose()
    result = summary(latencies, errors, elapsed)
    if latencies and server:  # CPU time per answer: what the figures would be on cores of our own
        result["server_cpu_ms_per_request"] = round(1000 * server_cpu / len(latencies), 2)
        result["client_cpu_ms_per_request"] = round(1000 * client_cpu / len(latencies), 2)
        result["cpu_share_used"] = round((server_cpu + client_cpu) / elapsed, 2)  # of the 2 cores' 2.0
    return result


def median_run(runs: list[dict]) -> dict:
    """The run of median p95, with every run's p95 and requests/s beside it."""
    ordered = sorted(runs, key=lambda r: r["p95_ms"])
    middle = dict(ordered[len(ordered) // 2])
    middle["runs"] = len(runs)
    middle["p95_ms_of_each_run"] = [r["p95_ms"] for r in runs]
    middle["requests_per_s_of_each_run"] = [r["requests_per_s"] for r in runs]
    middle["errors"] = sum(r["errors"] for r in runs)
    return middle


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc)."""
    if not pid:
        return 0.0
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def summary(latencies: list[float], errors: list[str], elapsed: float) -> dict:
    ms = sorted(x * 1000 for x in latencies)

    def pct(q: float) -> float:
        return round(ms[min(len(ms) - 1, int(q * len(ms)))], 1) if ms else float("nan")

    return {
        "requests": len(ms),
        "errors": len(errors),
        "error_examples": errors[:3],
        "requests_per_s": round(len(ms) / elapsed, 1),
        "p50_ms": pct(0.50),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "max_ms": round(ms[-1], 1) if ms else None,
    }


def cold(base: str, urls: list[str]) -> dict:
    """The first request of each URL, one at a time."""
    times, errors = [], []
    with httpx.Client(base_url=base, timeout=120) as client:
        for url in urls:
            start = time.perf_counter()
            r = client.get(url)
            (times if r.status_code == 200 else errors).append(time.perf_counter() - start)
    return {
        "urls": len(urls),
        "errors": len(errors),
        "median_ms": round(1000 * statistics.median(times), 1),
        "max_ms": round(1000 * max(times), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/b1/national.duckdb"))
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--runs", type=int, default=3, help="loaded runs per question (the median p95 is kept)")
    parser.add_argument("--max-requests", type=int, default=200_000)
    parser.add_argument("--towns", type=int, default=20, help="distinct towns asked (each costs seconds when cold)")
    parser.add_argument("--departement", default="13")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument(
        "--think", type=float, default=1.0, help="also a run where each client waits this long between requests"
    )
    args = parser.parse_args()

    ensure_warehouse(args.db)
    chosen = towns(args.db, args.towns, args.seed)
    questions = {
        "commune profile": [f"/api/v1/communes/{code}" for code, _ in chosen],
        "search": [f"/api/v1/communes?q={plain(name)}" for _, name in chosen],
        f"hot spots of département {args.departement}": [f"/api/v1/hotspots?departement={args.departement}"],
    }
    load_before = round(os.getloadavg()[0], 1)  # the machine is shared: how busy it was
    port = free_port()
    server = start_server(args.db, port)
    base = f"http://127.0.0.1:{port}"
    results = {}
    try:
        for name, urls in questions.items():
            results[name] = {"cold": cold(base, urls)}
            results[name]["loaded"] = median_run(
                [
                    asyncio.run(load(base, urls, args.clients, args.seconds, args.max_requests, server=server.pid))
                    for _ in range(args.runs)
                ]
            )
            if args.think:
                results[name][f"loaded, {args.think:g} s between a client's requests"] = median_run(
                    [
                        asyncio.run(
                            load(base, urls, args.clients, args.seconds, args.max_requests, args.think, server.pid)
                        )
                        for _ in range(args.runs)
                    ]
                )
            print(name, json.dumps(results[name], ensure_ascii=False), flush=True)
        peak = Path(f"/proc/{server.pid}/status").read_text().split("VmHWM:")[1].split()[0]
        results["server peak memory (MB)"] = round(int(peak) / 1024)
    finally:
        server.terminate()
        server.wait(timeout=30)
    machine = {"cores": os.cpu_count(), "load_average_1min": [load_before, round(os.getloadavg()[0], 1)]}
    report = {"clients": args.clients, "seconds": args.seconds, "towns": args.towns, "machine": machine, **results}
    print(json.dumps(report, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    sys.exit(main())

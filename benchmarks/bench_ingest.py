"""Figures (issue 12): `vigie press ingest` of a JSONL corpus in one process and with `--workers 2` (throughput, goal
≥ 1.7× on 2 cores), peak memory of the client and of each worker (≤ 1 GB), CPU seconds of each (the per-worker rate
and the single writer's rate, for the projection in BENCHMARKS.md), whether both paths stored the same events, and a
resume test: `--workers 2` killed with SIGKILL after --kill-after seconds, then run again, timed.

Each run is the whole command on a fresh copy of a reference-only warehouse; the process tree is sampled every 0.5 s
(psutil) for memory and CPU; the load average is recorded, since the machine may be shared.

    .venv/bin/python benchmarks/make_corpus.py --articles 20000 --out .cache/bench/corpus_20000.jsonl
    .venv/bin/python benchmarks/bench_ingest.py --corpus .cache/bench/corpus_20000.jsonl --runs 1 --modes single,2
    .venv/bin/python benchmarks/bench_ingest.py --corpus .cache/bench/corpus_20000.jsonl --runs 1 --kill-after 330
    .venv/bin/python benchmarks/bench_ingest.py --corpus .cache/bench/corpus_20000.jsonl --writer-at 0,1000000,5000000
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import time
from pathlib import Path

import psutil
from measure import CACHE, SHARED, VIGIE


def watch(cmd: list[str], kill_after: float | None = None) -> dict:
    """Run `cmd`; peak RSS (MB) and CPU seconds of the client and of each worker process, wall time, load."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    client = psutil.Process(proc.pid)
    rss: dict[int, float] = {}
    cpu: dict[int, float] = {}
    loads = []
    killed = False
    while proc.poll() is None:
        for p in [client, *client.children(recursive=True)]:
            try:
                if p.pid != proc.pid and "spawn_main" not in " ".join(p.cmdline()):
                    continue  # Python's resource tracker, not a worker
                rss[p.pid] = max(rss.get(p.pid, 0), p.memory_info().rss / 2**20)
                times = p.cpu_times()
                cpu[p.pid] = times.user + times.system
            except psutil.Error:
                pass
        loads.append(os.getloadavg()[0])
        if kill_after and time.perf_counter() - start > kill_after:
            proc.send_signal(signal.SIGKILL)
            killed = True
            break
        time.sleep(0.5)
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    if proc.returncode != 0 and not killed:
        raise SystemExit(f"{' '.join(cmd)} failed: {err[-2000:]}")
    workers = [pid for pid in rss if pid != proc.pid]
    return {
        "wall_s": round(wall, 1),
        "client_peak_mb": round(rss.get(proc.pid, 0)),
        "client_cpu_s": round(cpu.get(proc.pid, 0), 1),
        "worker_peak_mb": [round(rss[w]) for w in workers],
        "worker_cpu_s": [round(cpu[w], 1) for w in workers],
        "load_avg_mean": round(statistics.mean(loads), 1) if loads else None,
        "summary": out.strip().splitlines()[-1] if out.strip() else "",
        "killed": killed,
    }


def tables(db: Path) -> tuple:
    from vigie import warehouse

    con = warehouse.connect(db, read_only=True)
    try:
        return (
            con.execute("SELECT * FROM event ORDER BY event_id").fetchall(),
            con.execute("SELECT * FROM event_mention ORDER BY event_id, article_id").fetchall(),
            con.execute("SELECT count(*) FROM article").fetchone()[0],
        )
    finally:
        con.close()


def writer_rate(corpus: Path, sizes: list[int], batch: int, batches: int = 8) -> list[dict]:
    """The single writer alone (skip check + one transaction per batch), in this process, on a warehouse that
    already holds `size` articles (and 1.4 events, 1.5 mentions each, made up in SQL): what it can take, whatever the
    number of workers. The batches are the corpus's first `batch` articles, extracted once, then given new ids, texts
    and dates (shifted by up to ten years) for each batch, so that most of their events are new."""
    import random
    from dataclasses import replace
    from datetime import timedelta
    from itertools import islice

    from vigie import warehouse
    from vigie.press import monitor
    from vigie.press.pipeline import load_extractor

    reference = CACHE / "reference.duckdb"
    ro = warehouse.connect(reference, read_only=True)
    sample = list(islice(monitor.stream([str(corpus)]), batch))
    found = load_extractor(con=ro).extract_many(sample)
    ro.close()
    out = []
    for size in sizes:
        db = CACHE / "ingest" / "writer.duckdb"
        shutil.copy(reference, db)
        con = warehouse.connect(db)
        towns = con.execute("SELECT count(*) FROM commune").fetchone()[0]
        con.execute(f"""INSERT INTO article SELECT 'old-' || i, NULL, DATE '2015-01-01' + (i % 3650)::INT, '',
                        sha256('old' || i), false, now() FROM range({size}) t(i)""")
        con.execute(f"""INSERT INTO event (event_id, type, commune, departement, date_start, date_end)
                        SELECT i + 1, ['shooting', 'seizure', 'dealing_point', 'arrest'][1 + i % 4],
                        c.code, c.departement, DATE '2015-01-01' + (hash(i) % 3650)::INT,
                        DATE '2015-01-01' + (hash(i) % 3650)::INT
                        FROM range({size * 14 // 10}) t(i)
                        JOIN (SELECT row_number() OVER () - 1 AS n, code, departement FROM commune) c
                        ON c.n = hash(i) % {towns}""")
        n_events, n_mentions = max(1, size * 14 // 10), size * 15 // 10
        con.execute(f"""INSERT INTO event_mention SELECT (i % {n_events}) + 1, 'old-' || (i % {max(1, size)}), ''
                        FROM range({n_mentions}) t(i) ON CONFLICT DO NOTHING""")
        con.execute("CHECKPOINT")
        writer = monitor.Writer(con)
        rng = random.Random(0)
        seconds = []
        for k in range(batches):
            days = timedelta(days=rng.randint(-3650, 0))
            articles = [replace(a, id=f"new-{k}-{a.id}", text=f"{a.text} {k}") for a in sample]
            events = [[replace(e, date_start=e.date_start and e.date_start + days,
                               date_end=e.date_end and e.date_end + days) for e in ev] for ev in found]  # fmt: skip
            start = time.perf_counter()
            digests = [monitor._digest(a.text) for a in articles]
            known = monitor._known(con, [a.id for a in articles], digests)
            rows = zip(articles, digests, events, strict=True)
            writer.write([(a, d, ev) for i, (a, d, ev) in enumerate(rows) if i not in known])
            seconds.append(time.perf_counter() - start)
        con.close()
        rate = batch / statistics.median(seconds)
        out.append({"stored_articles": size, "batch": batch, "median_batch_s": round(statistics.median(seconds), 3),
                    "writer_articles_per_s": round(rate)})  # fmt: skip
        print("writer", out[-1], flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--modes", default="single,2", help="single and/or worker counts, comma-separated")
    parser.add_argument("--kill-after", type=float, default=None, help="seconds: run the resume test")
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--publish-every", type=float, default=60, help="seconds, for the resume test")
    parser.add_argument("--writer-at", default=None, help="stored-article counts (e.g. 0,5000000): writer alone")
    args = parser.parse_args()
    if args.writer_at:
        writer_rate(args.corpus, [int(x) for x in args.writer_at.split(",")], args.batch)
        return
    articles = sum(1 for line in open(args.corpus, "rb") if line.strip())
    reference = CACHE / "reference.duckdb"
    if not reference.exists():
        subprocess.run([*VIGIE, "build", "--from", str(SHARED / "data" / "geo"), "--db", str(reference)], check=True)
    work = CACHE / "ingest"
    work.mkdir(parents=True, exist_ok=True)
    results, stored = {}, {}
    for mode in args.modes.split(","):
        db = work / f"{mode}.duckdb"
        extra = [] if mode == "single" else ["--workers", mode]
        runs = []
        for _ in range(args.runs):
            shutil.copy(reference, db)
            cmd = [*VIGIE, "press", "ingest", str(args.corpus), "--db", str(db), "--batch", str(args.batch), *extra]
            runs.append(watch(cmd))
            print(mode, runs[-1], flush=True)
        wall = statistics.median(r["wall_s"] for r in runs)
        cpu = statistics.median(r["client_cpu_s"] + sum(r["worker_cpu_s"]) for r in runs)
        results[mode] = {"median_wall_s": wall, "articles_per_s": round(articles / wall, 1), "cpu_s": cpu, "runs": runs}
        stored[mode] = tables(db)
        last = runs[-1]
        share = articles / max(1, len(last["worker_cpu_s"]))  # the articles each worker extracted (about)
        print(
            f"{mode}: CPU {1000 * cpu / articles:.1f} ms an article in all (client"
            f" {1000 * last['client_cpu_s'] / articles:.2f} ms"
            + "".join(f", worker {1000 * w / share:.1f} ms" for w in last["worker_cpu_s"])
            + f"; start-up included), load average {last['load_avg_mean']}",
            flush=True,
        )
    modes = list(stored)
    if len(modes) > 1:
        same = all(stored[m][:2] == stored[modes[0]][:2] for m in modes)
        print(f"same event and event_mention tables in {', '.join(modes)}: {same}", flush=True)
        if "single" in results:
            for m in [m for m in modes if m != "single"]:
                ratio = results["single"]["median_wall_s"] / results[m]["median_wall_s"]
                print(f"speed-up of --workers {m} over one process: {ratio:.2f}×", flush=True)
                # what the CPU seconds allow on an otherwise idle machine of this many cores (a shared machine's
                # wall times depend on the others' load): the cluster cannot end before its busiest worker, nor
                # before all its CPU seconds shared out over the cores
                busiest = max(max(r["worker_cpu_s"], default=0) for r in results[m]["runs"])
                bound = results["single"]["cpu_s"] / max(busiest, results[m]["cpu_s"] / (os.cpu_count() or 1))
                print(f"  from the CPU seconds, on an idle {os.cpu_count()}-core machine: ≤ {bound:.2f}×", flush=True)
    if args.kill_after:
        db = work / "resume.duckdb"
        shutil.copy(reference, db)
        cmd = [*VIGIE, "press", "ingest", str(args.corpus), "--db", str(db), "--batch", str(args.batch)]
        cmd += ["--publish-every", str(args.publish_every), "--workers"]
        first = watch([*cmd, "2"], kill_after=args.kill_after)
        at_kill = tables(db)[2]
        again = watch([*cmd, "2"])
        same = tables(db)[:2] == stored[modes[-1]][:2] if modes else None
        results["resume"] = {"killed_after_s": first["wall_s"], "stored_at_kill": at_kill, "rerun": again}
        print(
            f"resume: killed (SIGKILL) after {first['wall_s']} s with {at_kill} articles published; the same command"
            f" again took {again['wall_s']} s ({again['summary']}); same tables as an uninterrupted run: {same}",
            flush=True,
        )
    print(json.dumps({"articles": articles, **results}, default=str))


if __name__ == "__main__":
    main()

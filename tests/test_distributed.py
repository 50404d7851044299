"""`vigie press ingest` at scale: streamed inputs (JSONL, .jsonl.gz, tar, zip), the same events in one process and
on a Dask LocalCluster of 2 workers, and nothing lost or doubled when a worker or the client is killed."""

import contextlib
import gzip
import json
import os
import shutil
import signal
import subprocess
import sys
import tarfile
import textwrap
import zipfile
from pathlib import Path

import psutil
import pytest
from conftest import SHARED
from typer.testing import CliRunner

from vigie import warehouse
from vigie.cli import app
from vigie.press import distributed, monitor
from vigie.press.pipeline import load_extractor
from vigie.sources.build import build

FIXTURES = Path(__file__).parent / "press_fixtures"


@pytest.fixture(scope="module")
def reference_db(tmp_path_factory, reference_dir) -> Path:
    path = tmp_path_factory.mktemp("reference") / "vigie.duckdb"
    con = warehouse.connect(path)
    build(con, [reference_dir])
    con.close()
    return path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The 12 dev articles (two report the same killings in Valence) and 24 of ours, then one of them again under
    another id: 37 lines."""
    paths = sorted((SHARED / "press" / "dev").glob("*.json")) + sorted(FIXTURES.glob("*.json"))[:24]
    articles = [json.loads(p.read_text(encoding="utf-8")) for p in paths]
    articles.append({**articles[3], "id": "the-same-text-again"})
    path = tmp_path_factory.mktemp("corpus") / "articles.jsonl"
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def extractor(reference_db):
    con = warehouse.connect(reference_db, read_only=True)
    yield load_extractor(con=con)
    con.close()


@pytest.fixture(scope="module")
def client():
    with distributed.cluster(workers=2) as client:
        yield client


def fresh(reference_db: Path, tmp_path: Path, name: str = "w.duckdb") -> Path:
    db = tmp_path / name
    shutil.copy(reference_db, db)
    return db


def tables(db: Path) -> tuple[list, list, int]:
    con = warehouse.connect(db, read_only=True)
    try:
        events = con.execute("SELECT * FROM event ORDER BY event_id").fetchall()
        mentions = con.execute("SELECT * FROM event_mention ORDER BY event_id, article_id").fetchall()
        return events, mentions, con.execute("SELECT count(*) FROM article").fetchone()[0]
    finally:
        con.close()


def single(db: Path, extractor, sources: list[str], batch: int = 500) -> dict:
    con = warehouse.connect(db)
    try:
        return monitor.run(con, monitor.stream(sources), monitor.local(extractor), batch=batch)
    finally:
        con.close()


def on_cluster(db: Path, client, sources: list[str], batch: int, plugin=None) -> dict:
    con = warehouse.connect(db)
    try:
        return distributed.ingest(con, monitor.stream(sources), client, batch=batch, plugin=plugin)
    finally:
        con.close()


@pytest.fixture(scope="module")
def expected(reference_db, corpus, extractor, tmp_path_factory):
    """One process, one batch: the reference every other path must match."""
    db = fresh(reference_db, tmp_path_factory.mktemp("expected"))
    counts = single(db, extractor, [str(corpus)])
    assert counts["articles"] == 36 and counts["skipped_known"] == 1  # the same text under another id
    return tables(db)


class Faulty:
    """An extractor that fails on one article: raises, or kills its own worker process the first time."""

    def __init__(self, inner, bad_id: str, marker: str | None):
        self.inner, self.bad_id, self.marker = inner, bad_id, marker

    def extract_many(self, articles):
        if any(a.id == self.bad_id for a in articles):
            if self.marker is None:
                raise RuntimeError("the extractor fails on this article")
            if not os.path.exists(self.marker):
                Path(self.marker).touch()
                os.kill(os.getpid(), signal.SIGKILL)
        return self.inner.extract_many(articles)


class FaultyPlugin(distributed.ExtractorPlugin):
    idempotent = False

    def __init__(self, reference, bad_id: str, marker: str | None = None):
        super().__init__(reference)
        self.bad_id, self.marker = bad_id, marker
        self.name = f"faulty-{bad_id}-{marker}"

    def setup(self, worker=None):
        super().setup(worker)
        self.extractor = Faulty(self.extractor, self.bad_id, self.marker)


def plugin(db: Path, cls=FaultyPlugin, **kwargs):
    con = warehouse.connect(db, read_only=True)
    try:
        return cls(distributed.ExtractorPlugin.from_warehouse(con).reference, **kwargs)
    finally:
        con.close()


def test_same_events_in_one_process_whatever_the_batches(reference_db, corpus, extractor, expected, tmp_path):
    """Batches of 1 put the two Valence articles in different batches: the event they share is merged anyway."""
    db = fresh(reference_db, tmp_path)
    single(db, extractor, [str(corpus)], batch=1)
    assert tables(db) == expected
    events, mentions, _ = expected
    assert {m[0] for m in mentions} == {e[0] for e in events}  # no event without its mention
    assert any(sum(1 for m in mentions if m[0] == e[0]) >= 2 for e in events)


def test_same_events_on_two_workers(reference_db, corpus, client, expected, tmp_path):
    """Batches of 3 on 2 workers finish out of order; the client writes them in article order."""
    assert len(client.scheduler_info()["workers"]) == 2
    db = fresh(reference_db, tmp_path)
    counts = on_cluster(db, client, [str(corpus)], batch=3)
    assert counts["articles"] == 36 and counts["skipped_known"] == 1 and counts["failed"] == 0
    assert tables(db) == expected
    assert on_cluster(db, client, [str(corpus)], batch=3)["skipped_known"] == 37  # idempotent


def test_local_workers_run_one_thread_without_the_profiler_or_malloc_trimming(client):
    """What distributed.LOCAL_CONFIG turns off reaches the worker processes (BENCHMARKS.md: ≈ 2–3.5 ms an article)."""
    import dask

    def settings():
        return os.environ.get("MALLOC_TRIM_THRESHOLD_"), dask.config.get("distributed.worker.profile.enabled")

    assert set(client.nthreads().values()) == {1}
    assert set(client.run(settings).values()) == {(None, False)}
    assert "profile" not in client.run(lambda dask_worker: set(dask_worker.periodic_callbacks)).popitem()[1]


def test_a_worker_that_raises_loses_only_its_article(reference_db, corpus, client, extractor, tmp_path):
    db = fresh(reference_db, tmp_path)
    problems = []
    con = warehouse.connect(db)
    counts = distributed.ingest(
        con,
        monitor.stream([str(corpus)]),
        client,
        batch=5,
        problem=problems.append,
        plugin=plugin(db, bad_id="002_valence_fontbarlet"),
    )
    con.close()
    assert counts["failed"] == 1 and counts["articles"] == 35
    assert len(problems) == 1 and "002_valence_fontbarlet" in problems[0] and "RuntimeError" in problems[0]
    # the other four articles of its batch are stored, with exactly the events they have without it
    without = tmp_path / "without.jsonl"
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    without.write_text("".join(x for x in lines if '"002_valence_fontbarlet"' not in x), encoding="utf-8")
    db2 = fresh(reference_db, tmp_path, "without.duckdb")
    single(db2, extractor, [str(without)])
    assert tables(db) == tables(db2)
    # run again once the extractor is fixed: the article is stored, and all is as if nothing had failed
    assert on_cluster(db, client, [str(corpus)], batch=5)["articles"] == 1


def test_a_killed_worker_loses_nothing(reference_db, corpus, client, expected, tmp_path):
    db = fresh(reference_db, tmp_path)
    marker = tmp_path / "killed"
    before = set(client.run(os.getpid).values())
    counts = on_cluster(db, client, [str(corpus)], 4, plugin(db, bad_id="001_nimes_pissevin", marker=str(marker)))
    assert marker.exists()  # a worker was killed (kill -9) in the middle of a batch …
    client.wait_for_workers(2)
    assert set(client.run(os.getpid).values()) != before  # … and replaced by its nanny
    assert counts["failed"] == 0 and counts["articles"] == 36
    assert tables(db) == expected


KILLED_CLIENT = """
import os, signal, sys
from vigie.press.monitor import ingest_into

def advance(n, calls=[]):
    calls.append(n)
    if len(calls) == 3:  # three batches written and published, more in flight: kill -9 this client
        os.kill(os.getpid(), signal.SIGKILL)

ingest_into(sys.argv[1], [sys.argv[2]], scheduler=sys.argv[3], batch=5, progress=advance, every=0)
"""


def test_a_killed_client_resumes_with_nothing_lost_or_doubled(reference_db, corpus, client, expected, tmp_path):
    db = fresh(reference_db, tmp_path)
    script = tmp_path / "client.py"
    script.write_text(textwrap.dedent(KILLED_CLIENT))
    address = client.scheduler.address  # the client of an existing cluster (--scheduler)
    run = subprocess.run([sys.executable, str(script), str(db), str(corpus), address], capture_output=True)
    assert run.returncode == -signal.SIGKILL, run.stderr.decode()[-2000:]
    assert tables(db)[2] == 15  # the three batches published before the kill
    # the same command again: the rest, and exactly the events of an uninterrupted run
    with monitor.Publisher(db) as publisher:
        counts = distributed.ingest(publisher.con, monitor.stream([str(corpus)]), client, batch=5, publisher=publisher)
    assert counts["skipped_known"] == 15 + 1 and counts["articles"] == 21
    assert tables(db) == expected


def test_inputs_are_streamed_from_jsonl_gz_tar_zip_and_folders(corpus, tmp_path):
    plain = list(monitor.stream([str(corpus)]))
    lines = corpus.read_bytes().splitlines(keepends=True)
    (tmp_path / "in").mkdir()
    with gzip.open(tmp_path / "in" / "a.jsonl.gz", "wb") as fh:
        fh.writelines(lines[:10])
    with tarfile.open(tmp_path / "in" / "b.tar.gz", "w:gz") as tar:
        part = tmp_path / "b.jsonl"
        part.write_bytes(b"".join(lines[10:20]))
        tar.add(part, arcname="export/b.jsonl")
    with zipfile.ZipFile(tmp_path / "in" / "c.zip", "w") as archive:
        for i, line in enumerate(lines[20:]):
            archive.writestr(f"export/{i:03d}.json", line)
    (tmp_path / "in" / "notes.csv").write_text("not an article")
    streamed = list(monitor.stream([str(tmp_path / "in")]))
    assert [(a.id, a.date, a.title, a.text) for a in streamed] == [(a.id, a.date, a.title, a.text) for a in plain]
    assert monitor.count([str(tmp_path / "in")]) == len(lines)


def test_known_articles_are_skipped_before_extraction(reference_db, corpus, extractor, tmp_path):
    db = fresh(reference_db, tmp_path)
    single(db, extractor, [str(corpus)], batch=10)
    extracted = []
    con = warehouse.connect(db)
    counts = monitor.run(con, monitor.stream([str(corpus)]), lambda a: extracted.extend(a) or monitor.Done([]))
    con.close()
    assert extracted == [] and counts["skipped_known"] == 37


def test_cli_reports_a_corrupt_line_and_goes_on(reference_db, corpus, tmp_path):
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)
    broken = tmp_path / "broken.jsonl"
    broken.write_text("".join(lines[:5]) + '{"id": "cut", "text": "Saisie\n' + "[1, 2]\n" + "".join(lines[5:8]))
    db = fresh(reference_db, tmp_path)
    result = CliRunner().invoke(app, ["press", "ingest", str(broken), "--db", str(db), "--batch", "3"])
    assert result.exit_code == 0, result.output
    assert (
        f"{broken}, line 6: invalid JSON" in result.output and f"{broken}, line 7: not a JSON object" in result.output
    )
    assert "8 new article(s)" in result.output and "2 unreadable line(s)" in result.output
    assert tables(db)[2] == 8
    again = CliRunner().invoke(app, ["press", "ingest", str(broken), "--db", str(db)])
    assert "0 new article(s), 8 already stored" in again.output


@pytest.mark.parametrize(
    "args, message",
    [
        (["missing.jsonl"], "no such file"),
        (["{corpus}", "--workers", "2", "--scheduler", "tcp://127.0.0.1:1"], "one or the other"),
        (["{corpus}", "--date", "2024-13-01"], "YYYY-MM-DD"),
    ],
)
def test_cli_bad_options(reference_db, corpus, tmp_path, args, message):
    db = fresh(reference_db, tmp_path)
    args = [a.format(corpus=corpus) for a in args]
    result = CliRunner().invoke(app, ["press", "ingest", *args, "--db", str(db)])
    assert result.exit_code != 0 and message in str(result.exception or result.output)
    assert tables(db)[2] == 0


def test_same_events_on_one_worker_and_no_process_left(reference_db, corpus, expected, tmp_path):
    db = fresh(reference_db, tmp_path)
    before = {p.pid for p in psutil.Process().children(recursive=True)}
    with distributed.cluster(workers=1) as one:
        started = {p.pid for p in psutil.Process().children(recursive=True)} - before
        on_cluster(db, one, [str(corpus)], batch=10)
    assert tables(db) == expected
    assert started
    # gone, not merely closing: a worker process of a busy machine may take a moment to be reaped after the block
    alive = []
    for pid in started:
        with contextlib.suppress(psutil.NoSuchProcess):
            process = psutil.Process(pid)
            if "resource_tracker" not in " ".join(process.cmdline()):  # Python's own, for as long as this process
                alive.append(process)
    assert not psutil.wait_procs(alive, timeout=15)[1]

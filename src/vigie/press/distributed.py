"""`vigie press ingest --workers N | --scheduler ADDRESS`: the same ingest, with extraction on a Dask cluster.

Workers only extract. Each loads the spaCy model and the gazetteer once, when it joins (`ExtractorPlugin.setup`),
from the commune reference that the client ships inside the plugin: a worker needs neither the warehouse file nor a
shared disk, only Vigie and its model installed. The client streams the articles, skips those already stored,
submits batches, and writes what comes back itself, in article order (`monitor.run`): one writer, one transaction per
batch, and the same events as a single process. A worker killed mid-batch is replaced by its nanny and Dask runs the
batch again; a client killed mid-run loses only what it had not published, which the next run extracts again."""

from __future__ import annotations

import contextlib
import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator

import dask
import duckdb
from distributed import Client, LocalCluster, WorkerPlugin, get_worker

from vigie.errors import VigieError
from vigie.press import monitor
from vigie.press.articles import Article
from vigie.press.schema import Event

# what load_extractor reads from the warehouse: the commune reference (names, codes, populations, départements)
REFERENCE = ("commune", "commune_name", "commune_code_map", "departement")

# Dask's defaults that cost a LocalCluster of extraction workers CPU and buy it nothing (measured, BENCHMARKS.md):
# together ≈ 2–3.5 ms of a worker's ≈ 21 ms an article, and most of the client's own CPU (scheduler, nannies).
LOCAL_CONFIG = {
    # glibc told to give memory back to the system as soon as 64 kB are free: spaCy's allocations then come from
    # fresh pages again and again (≈ 1 ms an article). Our workers hold a steady model; they need no trimming.
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    # the statistical profiler walks the task's stack every 10 ms on the worker's event loop, which must take the
    # GIL from the extracting thread each time (≈ 1.5 ms an article with the checks below)
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",  # the event loop's 'unresponsive' check, 50 times a second
    "distributed.admin.system-monitor.interval": "5s",  # the dashboard's CPU and memory plots
    "distributed.worker.memory.monitor-interval": "1s",  # a worker's memory limit, looked at 10 times a second
}


class ExtractorPlugin(WorkerPlugin):
    """Loads the extractor once per worker process, from reference tables carried as Arrow tables (a few MB).

    Its name is the reference's fingerprint and it is idempotent: a long-lived cluster keeps the extractor loaded
    from one run to the next, and loads another only for another reference."""

    idempotent = True

    def __init__(self, reference: dict):
        self.reference = reference
        self.extractor = None
        digest = hashlib.sha256()
        for table, rows in sorted(reference.items()):
            digest.update(table.encode())
            for batch in rows.to_batches():
                for column in batch.columns:
                    for buffer in column.buffers():
                        digest.update(b"" if buffer is None else memoryview(buffer))
        self.name = f"vigie-extractor-{digest.hexdigest()[:16]}"

    @classmethod
    def from_warehouse(cls, con: duckdb.DuckDBPyConnection) -> ExtractorPlugin:
        return cls({table: con.execute(f"SELECT * FROM {table}").to_arrow_table() for table in REFERENCE})

    def setup(self, worker=None) -> None:
        from vigie.press.pipeline import load_extractor

        con = duckdb.connect(":memory:")
        try:
            for table, rows in self.reference.items():
                con.register("_rows", rows)
                con.execute(f"CREATE TABLE {table} AS SELECT * FROM _rows")
                con.unregister("_rows")
            self.extractor = load_extractor(con=con)
        finally:
            con.close()


def extract_batch(plugin: str, articles: list[Article]) -> list[list[Event] | str]:
    """A Dask task: one batch's events, with the extractor this worker loaded when it joined."""
    return monitor.extract_safely(get_worker().plugins[plugin].extractor, articles)


@contextlib.contextmanager
def cluster(workers: int | None = None, scheduler: str | None = None) -> Iterator[Client]:
    """A client of an existing cluster (`scheduler`), or of a LocalCluster of `workers` processes of one thread each,
    closed (no process left behind) when the block ends."""
    if scheduler:
        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, TimeoutError) as exc:
            raise VigieError(f"--scheduler {scheduler}: cannot reach the Dask scheduler ({exc})") from None
        with client:
            yield client
        return
    with (
        dask.config.set(LOCAL_CONFIG),  # read when the scheduler, the nannies and the worker processes start
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # any free port: another cluster may run on this machine
            silence_logs=logging.ERROR,
        ) as local,
        Client(local) as client,
    ):
        yield client


def ingest(
    con: duckdb.DuckDBPyConnection,
    articles: Iterable[Article],
    client: Client,
    batch: int = 500,
    progress: Callable[[int], None] | None = None,
    problem: Callable[[str], None] = print,
    publisher: monitor.Publisher | None = None,
    plugin: WorkerPlugin | None = None,
) -> dict:
    """`monitor.run` with extraction on the cluster's workers; `plugin` replaces the extractor (tests)."""
    if publisher is not None:
        con = publisher.con
    plugin = plugin or ExtractorPlugin.from_warehouse(con)
    client.register_plugin(plugin, name=plugin.name)
    workers = max(1, len(client.scheduler_info()["workers"]))

    def submit(chunk: list[Article]) -> Pieces:
        # one task per worker and batch: every worker has a part of each batch, so that the last batch ends on all
        # of them at about the same time instead of on one worker while the others wait (up to a whole batch)
        size = -(-len(chunk) // min(workers, len(chunk)))
        pieces = [chunk[i : i + size] for i in range(0, len(chunk), size)]
        return Pieces(client, [client.submit(extract_batch, plugin.name, p, pure=False) for p in pieces])

    # two batches a worker in flight: none idles while the client writes
    return monitor.run(con, articles, submit, batch, 2 * workers, progress, problem, publisher)


class Pieces:
    """A batch extracted in several tasks, with the `result()` of one: each article's events, in article order."""

    def __init__(self, client: Client, futures: list):
        self.client, self.futures = client, futures

    def result(self) -> list[list[Event] | str]:
        return [found for piece in self.client.gather(self.futures) for found in piece]

"""`vigie press ingest`: articles from files, archives, web pages or RSS/Atom feeds → the warehouse, with their
events.

Articles are streamed (a JSONL file of millions of lines is never held in memory) and handled in batches. An article
already stored (same id or same text) is skipped before extraction. Each batch is written in one transaction, by
this process alone and in article order, so a run killed at any point and run again ends with exactly the events of
an uninterrupted run. The same event reported by several articles (same type and place, overlapping dates) is stored
once, with one mention per article; this merge happens here, at write time, so it does not depend on where the
batches were extracted (in this process, or on a Dask cluster: see distributed.py)."""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import tarfile
import time
import xml.etree.ElementTree as ET
import zipfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from email.utils import parsedate_to_datetime
from itertools import islice
from pathlib import Path, PurePosixPath

import duckdb
import httpx

from vigie import warehouse
from vigie.errors import VigieError
from vigie.press.articles import MAX_CHARS, Article, _parse, read
from vigie.press.extract import Extractor
from vigie.press.schema import Event, overlaps
from vigie.warehouse import insert_rows, literal, transaction

PUBLISH_SECONDS = 300  # a long ingest swaps its copy in this often: readers see progress; a kill -9 loses at most this

TIMEOUT = httpx.Timeout(20.0, connect=10.0)
ARTICLE_FILES = (".json", ".txt", ".html", ".htm")
LINE_FILES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
ARCHIVES = (".zip", ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz")
EVENT_COLUMNS = [
    "event_id",
    "type",
    "commune",
    "departement",
    "place",
    "geo_precision",
    "date_start",
    "date_end",
    "killed",
    "injured",
    "drugs",
    "weapons",
    "cash_eur",
    "count",
    "action",
    "networks_from",
]


def _page(client: httpx.Client, url: str, default: date | None) -> Article:
    """One web page → an article (main text by trafilatura, date from the page's metadata)."""
    import trafilatura

    try:
        response = client.get(url, follow_redirects=True)
        response.raise_for_status()
    except httpx.HTTPError as exc:
        raise VigieError(f"cannot read {url}: {exc}") from None
    html = response.text
    text = trafilatura.extract(html) or ""
    meta = trafilatura.extract_metadata(html)
    published = None
    if meta is not None and meta.date:
        try:
            published = date.fromisoformat(meta.date[:10])
        except ValueError:
            published = None
    day = published or default or date.today()
    title = (meta.title if meta is not None and meta.title else "") or ""
    return Article(url, day, title, text[:MAX_CHARS], published is None and default is None)


def _feed(client: httpx.Client, body: str, default: date | None) -> list[Article]:
    """RSS 2.0 or Atom: every item's page."""
    try:
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        raise VigieError(f"not a readable RSS/Atom feed ({exc})") from None
    atom = "{http://www.w3.org/2005/Atom}"
    items = []
    for item in root.iter("item"):
        link, when = item.findtext("link"), item.findtext("pubDate")
        items.append((link, parsedate_to_datetime(when).date() if when else None))
    for entry in root.iter(f"{atom}entry"):
        link = entry.find(f"{atom}link")
        when = entry.findtext(f"{atom}updated") or entry.findtext(f"{atom}published")
        items.append((link.get("href") if link is not None else None, date.fromisoformat(when[:10]) if when else None))
    articles = []
    for link, when in items:
        if link:
            article = _page(client, link.strip(), when or default)
            if when:
                article.date, article.date_assumed = when, False
            articles.append(article)
    return articles


def collect(source: str, default: date | None = None) -> list[Article]:
    if not source.startswith(("http://", "https://")):
        return read(source, default)
    with httpx.Client(timeout=TIMEOUT, headers={"User-Agent": "vigie press monitor"}) as client:
        try:
            response = client.get(source, follow_redirects=True)
            response.raise_for_status()
        except httpx.HTTPError as exc:
            raise VigieError(f"cannot read {source}: {exc}") from None
        head = response.text[:500].lstrip().lower()
        if head.startswith("<?xml") or "<rss" in head or "<feed" in head:
            return _feed(client, response.text, default)
        return [_page(client, source, default)]


# -- reading: one record per article, streamed ------------------------------------------------------------------
# A record is (where, stem, raw bytes, is_line): `where` names the file (and line) in messages, `stem` is the id of
# an article that has none (file name, or file name:line for a JSONL line).


def _wanted(name: str) -> bool:
    return name.lower().endswith(ARTICLE_FILES + LINE_FILES + ARCHIVES)


def _lines(fh, where: str, name: str) -> Iterator[tuple[str, str, bytes, bool]]:
    if name.lower().endswith(".gz"):
        fh = gzip.GzipFile(fileobj=fh)
    for n, line in enumerate(fh, 1):
        if line.strip():
            yield f"{where}, line {n}", f"{name}:{n}", line, True


def _member(fh, where: str, name: str) -> Iterator[tuple[str, str, bytes, bool]]:
    """One file, on disk or in an archive: a JSONL file's lines, or one article."""
    if name.lower().endswith(LINE_FILES):
        yield from _lines(fh, where, name)
    elif name.lower().endswith(ARTICLE_FILES):
        yield where, PurePosixPath(name).stem, fh.read(), False


def _file(path: Path) -> Iterator[tuple[str, str, bytes, bool]]:
    lower = path.name.lower()
    if lower.endswith(".zip"):
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():  # the archive's own order
                if not info.is_dir():
                    with archive.open(info) as fh:
                        yield from _member(fh, f"{path}:{info.filename}", info.filename)
    elif lower.endswith(ARCHIVES):
        with tarfile.open(path, "r|*") as archive:  # streamed: a .tar.gz is read once, front to back
            for info in archive:
                if info.isfile():
                    with archive.extractfile(info) as fh:
                        yield from _member(fh, f"{path}:{info.name}", info.name)
    else:
        with open(path, "rb") as fh:
            yield from _member(fh, str(path), path.name)


def _records(source: str, problem: Callable[[str], None]) -> Iterator[tuple[str, str, bytes, bool]]:
    path = Path(source)
    if path.is_dir():
        files = sorted(f for f in path.rglob("*") if f.is_file() and _wanted(f.name))
        if not files:
            raise VigieError(f"{path}: no article (.json, .txt, .html), JSONL file or tar/zip archive in this folder")
    elif path.is_file():
        if not _wanted(path.name) and path.suffix:
            raise VigieError(f"{path}: not an article, a JSONL file or a tar/zip archive ({path.suffix})")
        files = [path]
    else:
        raise VigieError(f"{path}: no such file or folder")
    for f in files:
        try:
            yield from _file(f)
        except (OSError, EOFError, zipfile.BadZipFile, tarfile.TarError) as exc:
            problem(f"{f}: cannot be read to the end ({exc}); the rest of this file is skipped")


def check(sources: list[str]) -> None:
    """Say now, before any work, which source does not exist."""
    for source in sources:
        if not source.startswith(("http://", "https://")) and not Path(source).exists():
            raise VigieError(f"{source}: no such file or folder")


def count(sources: list[str]) -> int | None:
    """How many articles the sources hold (a quick pass without parsing), for the progress bar; None for URLs."""
    if any(s.startswith(("http://", "https://")) for s in sources):
        return None
    return sum(1 for s in sources for _ in _records(s, lambda message: None))


def stream(
    sources: list[str], default: date | None = None, problem: Callable[[str], None] = print
) -> Iterator[Article]:
    """Articles from files, folders, JSONL (.jsonl, .jsonl.gz), tar/zip archives and URLs, one at a time, in order.
    An unreadable line or file is reported through `problem` (file, line, what is wrong) and skipped."""
    for source in sources:
        if source.startswith(("http://", "https://")):
            yield from collect(source, default)
            continue
        for where, stem, raw, is_line in _records(source, problem):
            if is_line and not raw.lstrip().startswith(b"{"):
                problem(f"{where}: not a JSON object; skipped")
                continue
            try:
                yield _parse(raw, where, stem, default)
            except VigieError as exc:
                problem(f"{exc}; skipped")


# -- extraction --------------------------------------------------------------------------------------------------


def extract_safely(extractor: Extractor, articles: list[Article]) -> list[list[Event] | str]:
    """Each article's events; where the extractor raises, the batch is done again article by article, and the
    failing article gets the error's text instead of events (so that it does not take the others with it)."""
    try:
        return extractor.extract_many(articles)
    except Exception:
        results: list[list[Event] | str] = []
        for a in articles:
            try:
                results.append(extractor.extract_many([a])[0])
            except Exception as exc:
                results.append(f"{type(exc).__name__}: {exc}")
        return results


class Done:
    """A result computed in this process, with the `result()` of a Dask future."""

    def __init__(self, value):
        self.value = value

    def result(self):
        return self.value


def local(extractor: Extractor) -> Callable[[list[Article]], Done]:
    """Extraction in this process, one batch at a time."""
    return lambda articles: Done(extract_safely(extractor, articles))


# -- writing: the client alone, in article order -----------------------------------------------------------------


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _known(con: duckdb.DuckDBPyConnection, ids: list[str], digests: list[str]) -> set[int]:
    """Positions of the articles already stored, by id or by text. Lists of literals, so that DuckDB looks them up
    in the indexes (the primary key, article_sha256) instead of joining the whole table: 9 ms a batch of 500 on a
    million stored articles, against 0.3–0.5 s for a join."""
    if not ids:
        return set()
    found = con.execute(
        f"""SELECT article_id, sha256 FROM article WHERE article_id IN ({", ".join(map(literal, ids))})
            UNION ALL SELECT article_id, sha256 FROM article WHERE sha256 IN ({", ".join(map(literal, digests))})"""
    ).fetchall()
    stored_ids, stored_digests = {r[0] for r in found}, {r[1] for r in found}
    return {i for i, (a, d) in enumerate(zip(ids, digests, strict=True)) if a in stored_ids or d in stored_digests}


def _same(row, e: Event) -> bool:
    _, kind, commune, dep, start, end = row
    if kind != e.type or commune != e.commune or (commune is None and dep != e.departement):
        return False
    return overlaps(start, end, e.date_start, e.date_end)


class Writer:
    """Stores batches of extracted articles. Event ids are the stored maximum plus one, in article order, so that
    they do not depend on how many runs it took to get there."""

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.reopen(con)

    def reopen(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.next_id = con.execute("SELECT coalesce(max(event_id), 0) + 1 FROM event").fetchone()[0]

    def _candidates(self, events: list[Event]) -> dict[tuple[str, str], list[tuple]]:
        """Stored events that one of `events` could be: same type and commune, dates within the batch's span."""
        import pyarrow as pa

        starts, ends = [e.date_start for e in events], [e.date_end for e in events]
        low = None if None in starts else min(starts)
        high = None if None in ends else max(ends)
        keys = sorted({(e.type, e.commune or "") for e in events})
        self.con.register("_keys", pa.table({"type": [k[0] for k in keys], "commune": [k[1] for k in keys]}))
        try:
            rows = self.con.execute(
                """SELECT e.event_id, e.type, e.commune, e.departement, e.date_start, e.date_end
                   FROM event e JOIN _keys k ON e.type = k.type AND coalesce(e.commune, '') = k.commune
                   WHERE (e.date_start IS NULL OR $high IS NULL OR e.date_start <= $high)
                     AND (e.date_end IS NULL OR $low IS NULL OR e.date_end >= $low)
                   ORDER BY e.event_id""",
                {"low": low, "high": high},
            ).fetchall()
        finally:
            self.con.unregister("_keys")
        found: dict[tuple[str, str], list[tuple]] = {}
        for r in rows:
            found.setdefault((r[1], r[2] or ""), []).append(r)
        return found

    def write(self, batch: list[tuple[Article, str, list[Event]]]) -> tuple[int, int]:
        """One transaction: the articles, their new events, and every mention. Returns (new events, mentions)."""
        found_events = [e for _, _, events in batch for e in events]
        candidates = self._candidates(found_events) if found_events else {}
        articles, events, mentions = [], [], {}
        for a, digest, found in batch:
            articles.append((a.id, a.id if a.id.startswith("http") else None, a.date, a.title, digest, a.date_assumed))
            for e in found:
                same = candidates.setdefault((e.type, e.commune or ""), [])
                match = next((r for r in same if _same(r, e)), None)
                if match is None:
                    match = (self.next_id, e.type, e.commune, e.departement, e.date_start, e.date_end)
                    same.append(match)
                    # the lists as JSON straight from the event: Event.to_dict (dataclasses.asdict) deep-copies the
                    # whole event first (≈ 50 µs an event, 0.07 ms an article, for the same text)
                    events.append(
                        (self.next_id, e.type, e.commune, e.departement, e.place, e.geo_precision, e.date_start,
                         e.date_end, e.killed, e.injured, json.dumps(e.drugs), json.dumps(e.weapons),
                         e.cash_eur, e.count, e.action, json.dumps(e.networks_from))
                    )  # fmt: skip
                    self.next_id += 1
                mentions.setdefault((match[0], a.id), e.evidence)
        with transaction(self.con):
            insert_rows(
                self.con,
                "article",
                articles,
                ["article_id", "url", "published", "title", "sha256", "date_assumed"],
            )
            insert_rows(self.con, "event", events, EVENT_COLUMNS)
            insert_rows(
                self.con,
                "event_mention",
                [(i, a, ev) for (i, a), ev in mentions.items()],
                ["event_id", "article_id", "evidence"],
            )
        return len(events), len(mentions)


class Publisher:
    """`warehouse.writing` for a long ingest. The copy it writes is swapped in every `every` seconds, and when the
    run stops, even on an error or Ctrl-C (every batch in it is whole: one transaction each), so readers see the
    progress and a kill -9 loses at most `every` seconds of work, which the next run does again."""

    def __init__(self, path, every: float = PUBLISH_SECONDS, **writing):
        self.path, self.every, self.writing = path, every, writing

    def _open(self) -> None:
        self._stack = contextlib.ExitStack()
        self.con = self._stack.enter_context(warehouse.writing(self.path, **self.writing))
        self.since = time.monotonic()

    def __enter__(self) -> Publisher:
        self._open()
        return self

    def due(self) -> bool:
        return time.monotonic() - self.since >= self.every

    def publish(self) -> duckdb.DuckDBPyConnection:
        self._stack.close()
        self._open()
        return self.con

    def __exit__(self, *exc) -> None:
        self._stack.close()  # as if the block had ended well: what is committed is published


def run(
    con: duckdb.DuckDBPyConnection,
    articles: Iterable[Article],
    submit: Callable[[list[Article]], object],
    batch: int = 500,
    window: int = 0,
    progress: Callable[[int], None] | None = None,
    problem: Callable[[str], None] = print,
    publisher: Publisher | None = None,
) -> dict:
    """Ingest a stream of articles: skip the known ones, extract the others with `submit` (a batch → something
    whose `result()` is each article's events, or an error's text), write the results in article order.

    Up to `window` batches are extracted while the oldest is written. With a `publisher`, `con` is its connection,
    and the warehouse is published when due. Returns counts: articles stored,
    skipped_known, new_events, mentions, failed (extraction raised: not stored, tried again next run),
    date_assumed (articles without a date that took today's)."""
    if publisher is not None:
        con = publisher.con
    writer = Writer(con)
    counts = dict.fromkeys(("articles", "skipped_known", "new_events", "mentions", "failed", "date_assumed"), 0)
    pending: deque = deque()
    flying_ids: set[str] = set()  # articles submitted but not yet written: known too
    flying_digests: set[str] = set()

    def drain() -> None:
        size, fresh, future = pending.popleft()
        results = future.result() if future is not None else []
        done = []
        # stored meanwhile by another writer (between two publications): known after all
        known = _known(writer.con, [a.id for a, _ in fresh], [d for _, d in fresh]) if fresh else set()
        for i, ((a, digest), found) in enumerate(zip(fresh, results, strict=True)):
            flying_ids.discard(a.id)
            flying_digests.discard(digest)
            if i in known:
                counts["skipped_known"] += 1
            elif isinstance(found, str):
                problem(f"{a.id}: extraction failed ({found}); not stored, it will be tried again next run")
                counts["failed"] += 1
            else:
                done.append((a, digest, found))
        new_events, mentions = writer.write(done)
        counts["articles"] += len(done)
        counts["date_assumed"] += sum(a.date_assumed for a, _, _ in done)
        counts["new_events"] += new_events
        counts["mentions"] += mentions
        if publisher is not None and publisher.due():
            writer.reopen(publisher.publish())
        if progress is not None:
            progress(size)

    stream = iter(articles)
    while chunk := list(islice(stream, batch)):
        digests = [_digest(a.text) for a in chunk]
        known = _known(writer.con, [a.id for a in chunk], digests)
        fresh = []
        for i, (a, digest) in enumerate(zip(chunk, digests, strict=True)):
            if i in known or a.id in flying_ids or digest in flying_digests:
                counts["skipped_known"] += 1
                continue
            flying_ids.add(a.id)
            flying_digests.add(digest)
            fresh.append((a, digest))
        pending.append((len(chunk), fresh, submit([a for a, _ in fresh]) if fresh else None))
        while len(pending) > window:
            drain()
    while pending:
        drain()
    return counts


def ingest(con: duckdb.DuckDBPyConnection, extractor: Extractor, articles: list[Article], batch: int = 500) -> dict:
    """Store new articles and their events, extracted in this process; returns counts."""
    counts = run(con, articles, local(extractor), batch=batch)
    return {k: counts[k] for k in ("articles", "skipped_known", "new_events", "mentions")}


def ingest_into(
    path,
    sources: list[str],
    default: date | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    batch: int = 500,
    progress: Callable[[int], None] | None = None,
    say: Callable[[str], None] = print,
    every: float = PUBLISH_SECONDS,
    **writing,
) -> dict:
    """`vigie press ingest`: the sources into the warehouse at `path`, extracted in this process, on a LocalCluster
    of `workers` processes, or on the Dask cluster at `scheduler`. Counts as `run`, plus unreadable (lines or files
    reported through `say` and skipped)."""
    check(sources)
    unreadable = 0

    def skip(message: str) -> None:
        nonlocal unreadable
        unreadable += 1
        say(message)
        if progress is not None:
            progress(1)  # counted in the total

    articles = stream(sources, default, skip)
    problem = say
    with Publisher(path, every, **writing) as publisher:
        if workers or scheduler:
            from vigie.press import distributed

            with distributed.cluster(workers, scheduler) as client:
                say(f"Dask dashboard: {client.dashboard_link}")
                counts = distributed.ingest(publisher.con, articles, client, batch, progress, problem, publisher)
        else:
            from vigie.press.pipeline import load_extractor

            extractor = load_extractor(con=publisher.con)
            counts = run(publisher.con, articles, local(extractor), batch, 0, progress, problem, publisher)
    return {**counts, "unreadable": unreadable}

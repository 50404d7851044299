"""`vigie press ingest`: articles from files, web pages or RSS/Atom feeds → the warehouse, with their events.
The same event reported by several articles (same type and place, overlapping dates) is stored once, with one
mention per article. One transaction per ingest: nothing is half-stored."""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as ET
from datetime import date
from email.utils import parsedate_to_datetime

import duckdb
import httpx

from vigie.errors import VigieError
from vigie.press.articles import MAX_CHARS, Article, read
from vigie.press.extract import Extractor
from vigie.press.schema import Event, overlaps
from vigie.warehouse import transaction

TIMEOUT = httpx.Timeout(20.0, connect=10.0)


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


def _same(row, e: Event) -> bool:
    _, kind, commune, dep, start, end = row
    if kind != e.type or commune != e.commune or (commune is None and dep != e.departement):
        return False
    return overlaps(start, end, e.date_start, e.date_end)


def ingest(con: duckdb.DuckDBPyConnection, extractor: Extractor, articles: list[Article]) -> dict:
    """Store new articles and their events; returns counts."""
    fresh = []
    for a in articles:
        digest = hashlib.sha256(a.text.encode()).hexdigest()
        if con.execute("SELECT 1 FROM article WHERE article_id = ? OR sha256 = ?", [a.id, digest]).fetchone():
            continue
        fresh.append((a, digest))
    results = extractor.extract_many([a for a, _ in fresh]) if fresh else []
    new_events = mentions = 0
    with transaction(con):
        for (a, digest), events in zip(fresh, results, strict=True):
            con.execute(
                "INSERT INTO article (article_id, url, published, title, sha256, date_assumed) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [a.id, a.id if a.id.startswith("http") else None, a.date, a.title, digest, a.date_assumed],
            )
            for e in events:
                candidates = con.execute(
                    """SELECT event_id, type, commune, departement, date_start, date_end
                                            FROM event WHERE type = ? AND coalesce(commune, '') = coalesce(?, '')""",
                    [e.type, e.commune],
                ).fetchall()
                match = next((r for r in candidates if _same(r, e)), None)
                if match:
                    event_id = match[0]
                else:
                    event_id = con.execute("SELECT nextval('event_id_seq')").fetchone()[0]
                    d = e.to_dict()
                    con.execute(
                        "INSERT INTO event VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [
                            event_id,
                            e.type,
                            e.commune,
                            e.departement,
                            e.place,
                            e.geo_precision,
                            e.date_start,
                            e.date_end,
                            e.killed,
                            e.injured,
                            json.dumps(d["drugs"]),
                            json.dumps(d["weapons"]),
                            e.cash_eur,
                            e.count,
                            e.action,
                            json.dumps(d["networks_from"]),
                        ],
                    )
                    new_events += 1
                con.execute("INSERT OR IGNORE INTO event_mention VALUES (?, ?, ?)", [event_id, a.id, e.evidence])
                mentions += 1
    return {
        "articles": len(fresh),
        "skipped_known": len(articles) - len(fresh),
        "new_events": new_events,
        "mentions": mentions,
    }

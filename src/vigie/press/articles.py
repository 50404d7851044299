"""Read articles: a text file, a JSON article {"id","date","title","text"}, a directory of them, or stdin."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from vigie.errors import VigieError

MAX_CHARS = 200_000  # longer texts are cut: an article is never that long, a dump is


@dataclass
class Article:
    id: str
    date: date
    title: str
    text: str
    date_assumed: bool = False


def _date(value, where: str, default: date | None) -> tuple[date, bool]:
    if value:
        try:
            return date.fromisoformat(str(value)[:10]), False
        except ValueError:
            raise VigieError(f"{where}: date {value!r} is not YYYY-MM-DD") from None
    if default:
        return default, False
    return date.today(), True


def _text(raw: bytes, where: str) -> str:
    """UTF-8; failing that, the Windows-1252 of older French sites (never a crash)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        from vigie.output import err_console

        err_console.print(f"{where}: not UTF-8 text; read as Windows-1252 (accents may be wrong).")
        return raw.decode("cp1252", errors="replace")


def read(path: str, default_date: date | None = None) -> list[Article]:
    """Articles from PATH ('-' for stdin). A file without a date takes --date, else today (flagged)."""
    if path == "-":
        return [_parse(sys.stdin.buffer.read(), "stdin", "stdin", default_date)]
    p = Path(path)
    if p.is_dir():
        files = sorted(f for f in p.iterdir() if f.suffix in (".json", ".txt", ".html", ".htm") and f.is_file())
        if not files:
            raise VigieError(f"{p}: no .json, .txt or .html article in this folder")
        return [a for f in files for a in [_parse(f.read_bytes(), str(f), f.stem, default_date)]]
    if not p.exists():
        raise VigieError(f"{p}: no such file or folder")
    return [_parse(p.read_bytes(), str(p), p.stem, default_date)]


def _parse(raw: bytes, where: str, stem: str, default_date: date | None) -> Article:
    text = _text(raw, where)
    stripped = text.lstrip()
    if stripped.startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise VigieError(f"{where}: invalid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
        if not isinstance(data, dict) or "text" not in data:
            raise VigieError(f'{where}: a JSON article needs a "text" field (and "id", "date", "title")')
        day, assumed = _date(data.get("date"), where, default_date)
        return Article(
            str(data.get("id") or stem), day, str(data.get("title") or ""), str(data["text"])[:MAX_CHARS], assumed
        )
    if stripped[:1] == "<" and "<html" in stripped[:2000].lower() or "<p" in stripped[:2000].lower():
        import trafilatura

        text = trafilatura.extract(text) or ""
    day, assumed = _date(None, where, default_date)
    return Article(stem, day, "", text[:MAX_CHARS], assumed)

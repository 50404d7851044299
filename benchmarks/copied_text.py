"""Passages of real articles found in the repository's tracked files: runs of at least --min words (8 by default)
shared with any article of the given sets (folders of `articles/*.json`, kept outside the repository). The press
issue's rule is that facts carry over and sentences do not: run this before merging work written while reading real
articles, and rewrite what it prints in your own words (stock phrases of crime reporting may stay).

    .venv/bin/python benchmarks/copied_text.py /work/press_real* [--min 8] [--messages 18bfaf4..HEAD | --added 18bfaf4]

With --messages, the commit messages of that range are scanned instead of the files; with --added, only the lines the
working tree adds since that commit (what a session's merges brought, apart from the stock phrases already there)."""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

SHINGLE = 6  # words: runs are grown from shared 6-word shingles
SCANNED = re.compile(r"\.(?:py|toml|md|json|txt|html|js|css)$")


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def shingles(folders: list[str]) -> dict[tuple[str, ...], str]:
    """Every 6-word shingle of the sets' articles → the id of the first article that has it."""
    seen: dict[tuple[str, ...], str] = {}
    for folder in folders:
        for path in sorted(Path(folder, "articles").glob("*.json")):
            article = json.loads(path.read_text(encoding="utf-8"))
            w = words(f"{article.get('title', '')} {article.get('text', '')}")
            for i in range(len(w) - SHINGLE + 1):
                seen.setdefault(tuple(w[i : i + SHINGLE]), article.get("id", path.stem))
    return seen


def runs(text: str, seen: dict, least: int) -> list[tuple[str, str]]:
    """The runs of at least `least` words of `text` made of shared shingles, with the article each opens in."""
    w, i, found = words(text), 0, []
    while i <= len(w) - SHINGLE:
        if tuple(w[i : i + SHINGLE]) not in seen:
            i += 1
            continue
        j = i + SHINGLE
        while j < len(w) and tuple(w[j - SHINGLE + 1 : j + 1]) in seen:
            j += 1
        if j - i >= least:
            found.append((seen[tuple(w[i : i + SHINGLE])], " ".join(w[i:j])))
        i = j
    return found


def added_lines(base: str) -> dict[str, str]:
    """The lines the working tree adds to each scanned file since `base` (git diff), joined per file."""
    diff = subprocess.run(["git", "diff", "--unified=0", base], capture_output=True, text=True).stdout
    texts: dict[str, list[str]] = {}
    name = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            name = line[6:] if line.startswith("+++ b/") and SCANNED.search(line) else None
        elif name and line.startswith("+"):
            texts.setdefault(name, []).append(line[1:])
    return {name: "\n".join(lines) for name, lines in texts.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sets", nargs="+", help="folders holding articles/*.json")
    parser.add_argument("--min", type=int, default=8, help="the shortest run reported, in words")
    parser.add_argument("--messages", help="a revision range whose commit messages are scanned instead")
    parser.add_argument("--added", metavar="COMMIT", help="scan only the lines added since this commit")
    args = parser.parse_args()
    seen = shingles(args.sets)
    if not seen:
        print("no articles found in the given folders", file=sys.stderr)
        return 2
    if args.messages:
        log = subprocess.run(["git", "log", "--format=%h %B", args.messages], capture_output=True, text=True)
        texts = {f"messages {args.messages}": log.stdout}
    elif args.added:
        texts = added_lines(args.added)
    else:
        tracked = subprocess.run(["git", "ls-files"], capture_output=True, text=True).stdout.split()
        texts = {name: Path(name).read_text(errors="replace") for name in tracked if SCANNED.search(name)}
    total = 0
    for name, text in texts.items():
        found = runs(text, seen, max(args.min, SHINGLE))
        for article, run in found:
            print(f"{name}\t{article}\t{run}")
        total += len(found)
    print(f"{total} runs of {max(args.min, SHINGLE)} words or more", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

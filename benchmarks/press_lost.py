"""Issue 13: where the extractor loses the gold events it misses. For each gold event of the sets that score.py could
not pair, the stage at which a candidate of its type from its evidence sentence was lost:

- `loop:no_trigger`: no trigger rule of its type fires on the evidence (unqualified);
- `loop:qualifier`: one fires, but the parse's qualifiers deny it (negation, modality, a description);
- `loop:excluded_sentence`, `loop:abroad`: the sentence is skipped whole (rules/exclusions.toml, an event abroad);
- `loop:back_reference`: only fires on words the extractor reads as going back to an event told (BACK_REFERENCE);
- `loop:refine`: fires, then Extractor._refine removes the type (no goods named, no action of a point, …);
- `loop:persons_told`, `loop:heard_again`: an arrest folded into the operation told, a shooting heard again;
- `loop:other`: fires and survives the above, yet no event came out of the loop (no place found, mostly);
- `STEP:dropped` / `STEP:merged`: an event came out of the sentence loop, and the step after it (without_tallies,
  counting.merge, fold_arrests, recalls.through_gate, …) removed it, or merged it into another of its type;
- `survives:place`, `survives:date`, `survives:`: it is in the output, placed or dated otherwise than the gold (or
  paired with another gold event of the article).

Each line also says `miss` (no unpaired predicted event of the type in the article) or `place` (one there is,
elsewhere). The steps are observed by wrapping the functions Extractor._article calls after its sentence loop; the
loop's stages are told apart by running its tests again on the gold evidence, so they are a diagnosis, not a trace.

    .venv/bin/python benchmarks/press_lost.py [--db WAREHOUSE] [--show STAGE] SET...
"""

from __future__ import annotations

import argparse
import collections
import json
import re
from pathlib import Path

from press_compare import scorer_module

from vigie.press import counting, prefilter, recalls, territory
from vigie.press import extract as X
from vigie.press.articles import read
from vigie.press.quantities import plain

score = scorer_module()  # ../shared/press/score.py: its loading and its greedy pairing

# (module, function, stage name): what Extractor._article calls on its events after the sentence loop (besides
# without_tallies, its first, and spread_over, the first after the article-level gate: Trace.install)
STEPS = [
    (recalls, "series_told_one_by_one", "series_told_one_by_one"),
    (X, "located", "located"),
    (counting, "merge", "merge"),
    (X, "fold_arrests", "fold_arrests"),
    (territory, "seizure_of_the_headline", "headline"),
    (recalls, "through_gate", "through_gate"),
    (recalls, "told_broadly", "told_broadly"),
    (recalls, "not_the_trades", "not_the_trades"),
    (recalls, "summaries", "summaries"),
]
MERGING = {"merge", "fold_arrests", "series_told_one_by_one", "summaries", "told_broadly"}


class Trace:
    """The events after each step of one article, and the sentences the loop folded or skipped."""

    def __init__(self):
        self.steps: list[tuple[str, list]] = []
        self.folded: list[str] = []  # sentences of persons already told (an arrest folded into the operation)
        self.heard: list[str] = []  # clauses of a shooting heard again

    def install(self) -> None:
        def after(f, stage):
            def g(*args, **kwargs):
                out = f(*args, **kwargs)
                self.steps.append((stage, list(out)))
                return out

            return g

        loop_end, gate_end = X.without_tallies, X.spread_over

        def loop(events, *args, **kwargs):
            self.steps.append(("loop", list(events)))
            return loop_end(events, *args, **kwargs)

        def gate(events, *args, **kwargs):
            self.steps.append(("gate_filter", list(events)))  # after the article-level gate kept its events
            return gate_end(events, *args, **kwargs)

        for module, name, stage in STEPS:
            setattr(module, name, after(getattr(module, name), stage))
        X.without_tallies = after(loop, "without_tallies")
        X.spread_over = after(gate, "spread_over")
        persons, heard = X._about_persons_told, recalls.heard_again

        def persons_told(sentence, ref):
            found = persons(sentence, ref)
            if found:
                self.folded.append(sentence)
            return found

        def heard_again(clause, *args, **kwargs):
            found = heard(clause, *args, **kwargs)
            if found:
                self.heard.append(clause)
            return found

        X._about_persons_told, recalls.heard_again = persons_told, heard_again

    def clear(self) -> None:
        self.steps.clear()
        self.folded.clear()
        self.heard.clear()


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w{3,}", (text or "").lower()))


def same_text(a: str, b: str) -> bool:
    """Do two evidences tell the same sentence (most of the shorter one's words in the other)?"""
    x, y = _words(a), _words(b)
    return bool(x and y) and len(x & y) / min(len(x), len(y)) >= 0.6


def in_loop(ex, gold: dict, trace: Trace) -> str:
    """Why the gold's evidence made no event of its type in the sentence loop, by the loop's own tests."""
    kind, text = gold["type"], gold.get("evidence") or ""
    bare = plain(text)
    if kind not in {t.kind for t in ex.ling._triggers(bare, qualify=False)}:
        return "no_trigger"
    if kind not in ex.ling.kinds(bare):
        return "qualifier"
    if any(p.search(bare) for p in X.EXCLUDE) or ex.ling.excluded(bare):
        return "excluded_sentence"
    if prefilter.search(X.ABROAD, re.sub(X.FOREIGN_ROUTE, " ", text, flags=re.I), re.I):
        return "abroad"
    fired = False
    for clause in X._clauses(text):
        trigger_text = re.sub(X.BACK_REFERENCE + "|" + X.NOT_TRIGGERS, " ", plain(clause), flags=re.I)
        types = ex.ling.kinds(trigger_text)
        if kind in types:
            fired = True
            if kind in ex._refine(list(dict.fromkeys(types)), trigger_text, text):
                break
    else:
        return "refine" if fired else "back_reference"
    if any(same_text(text, s) for s in trace.folded):
        return "persons_told"
    if kind == "shooting" and any(same_text(text, s) for s in trace.heard):
        return "heard_again"
    return "other"


def stage_of(ex, gold: dict, trace: Trace, final: list) -> tuple[str, list]:
    """The stage at which the gold event's candidates were lost, and the candidates (events of its type that came out
    of the sentence loop with its evidence)."""
    kind, evidence = gold["type"], gold.get("evidence") or ""
    loop = next((events for stage, events in trace.steps if stage == "loop"), [])
    candidates = [e for e in loop if e.type == kind and same_text(evidence, e.evidence)]
    if not candidates:
        return "loop:" + in_loop(ex, gold, trace), []
    ids = {id(e) for e in candidates}
    for stage, events in trace.steps:
        if stage != "loop" and not ids & {id(e) for e in events}:
            merged = stage in MERGING and any(e.type == kind for e in events)
            return f"{stage}:{'merged' if merged else 'dropped'}", candidates
    kept = next((e for e in final if id(e) in ids), None)
    if kept is None:
        return "final:absent", candidates
    why = []
    if kept.commune != gold.get("commune") and (gold.get("commune") or kept.departement != gold.get("departement")):
        why.append("place")
    if str(kept.date_start) != str(gold.get("date_start")):
        why.append("date")
    return "survives:" + "+".join(why), candidates


def merged_into(trace: Trace, candidate) -> dict | None:
    """The event a candidate lost at `counting.merge` joined: the first mention before it in merge's input that
    `counting.same` calls one with it (what `merge` looks for first), and whether their weighed goods alone did it."""
    before = None
    for stage, events in trace.steps:
        if stage == "merge":
            break
        before = events
    for o in before or []:
        if o is candidate:
            return None
        if o.type == candidate.type and counting.same(o, candidate):
            return {
                "place": o.place,
                "date": str(o.date_start),
                "by_goods": counting.same_goods(o, candidate),
                "evidence": (o.evidence or "")[:80],
            }
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("sets", nargs="+", help="set folders, each with articles/ and gold/")
    parser.add_argument("--db", help="a warehouse with the commune reference (default: the fetched reference files)")
    parser.add_argument("--show", help="print the gold events lost at this stage (e.g. merge:merged; all: every one)")
    args = parser.parse_args()
    from vigie.press.pipeline import load_extractor

    ex = load_extractor(warehouse_path=Path(args.db) if args.db else None)
    trace = Trace()
    trace.install()
    counts: collections.Counter = collections.Counter()
    shown = []
    for folder in args.sets:
        gold = score.load_gold(str(Path(folder) / "gold"))
        articles = {a.id: a for a in read(str(Path(folder) / "articles"))}
        for aid in sorted(gold):
            trace.clear()
            final = ex.extract(articles[aid])
            preds = [score.Event(e.to_dict()) for e in final]
            golds = gold[aid]
            pairs = score.match(golds, preds)
            paired_g, paired_p = {i for i, _ in pairs}, {j for _, j in pairs}
            unpaired = collections.Counter(preds[j].type for j in range(len(preds)) if j not in paired_p)
            for i, g in enumerate(golds):
                if i in paired_g:
                    continue
                kind = "place" if unpaired[g.type] else "miss"
                unpaired[g.type] -= bool(unpaired[g.type])
                stage, candidates = stage_of(ex, g.raw, trace, final)
                counts[stage, kind] += 1
                if args.show in (stage, "all"):
                    shown.append(
                        {
                            "set": Path(folder).name,
                            "article": aid,
                            "kind": kind,
                            "type": g.type,
                            "place": g.raw.get("place"),
                            "date": g.raw.get("date_start"),
                            "evidence": (g.raw.get("evidence") or "")[:200],
                            "candidates": [(e.place, str(e.date_start), e.evidence[:80]) for e in candidates[:2]],
                        }
                    )
                    if stage == "merge:merged" and candidates:
                        shown[-1]["into"] = merged_into(trace, candidates[0])  # the mention it joined
    for (stage, kind), n in counts.most_common():
        print(f"{n:4} {kind:5} {stage}")
    print("total", sum(counts.values()), dict(collections.Counter(k for (_, k) in counts.elements())))
    for row in shown:
        print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main()

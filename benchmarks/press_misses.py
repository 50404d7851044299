"""Issue 13: the events of a set that score.py could not pair, article by article: each gold event missed and each
predicted event unmatched, with its type, place, dates and evidence. score.py gives the counts; this says which.

    .venv/bin/python benchmarks/press_misses.py SET/gold p.jsonl
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1].parent / "shared" / "press"))
import score  # noqa: E402  (../shared/press/score.py: its loading and its greedy pairing)


def line(tag: str, e: dict) -> str:
    where = f"{e.get('commune')} {e.get('departement')} g{e.get('geo_precision')}"
    when = f"{e.get('date_start')}..{e.get('date_end')}"
    return f"  {tag:5} {e.get('type', ''):15} {where} {when} | {e.get('place')} | {str(e.get('evidence'))[:150]}"


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[-1].strip())
    gold = score.load_gold(sys.argv[1])
    pred, _ = score.load_pred(sys.argv[2])
    for article in sorted(gold):
        golds, preds = gold[article], pred.get(article, [])
        pairs = score.match(golds, preds)
        missed = [g.raw for i, g in enumerate(golds) if i not in {i for i, _ in pairs}]
        extra = [p.raw for j, p in enumerate(preds) if j not in {j for _, j in pairs}]
        if missed or extra:
            print(f"{article}: gold {len(golds)}, predicted {len(preds)}, matched {len(pairs)}")
            print("\n".join([line("MISS", e) for e in missed] + [line("EXTRA", e) for e in extra]))


if __name__ == "__main__":
    main()

"""How far a second annotation of the same articles agrees with the first, scored as the extractor is scored.

Whether a goal like event F1 ≥ 0.75 is within reach depends on how determined the gold is: a second reader given the
same rules (`benchmarks/ANNOTATION_BRIEF.md`) and the same articles, without the first annotation, shows it. Each pair
is two folders of annotated articles (one JSON file per article, `id` and `events` as `../shared/press/dev`); the
second annotation is read as an output and scored against the first with `../shared/press/score.py`'s own pairing.
Prints, per pair and pooled: matched / second / first events, event F1 and strict F1 (90 % interval over articles drawn
with replacement, 2,000 draws, seed 2025), and the share of events paired on their type alone whose places agree.

    python benchmarks/annotation_agreement.py FIRST SECOND [FIRST SECOND ...]
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import sys
import tempfile

import numpy as np
from press_compare import counts, f1, interval, resample, scorer_module


def as_output(folder: str, path: str) -> None:
    """The annotated articles of `folder` as an extractor's output: one line per article, its id and events."""
    with open(path, "w", encoding="utf-8") as out:
        for name in sorted(glob.glob(os.path.join(folder, "*.json"))):
            with open(name, encoding="utf-8") as f:
                article = json.load(f)
            out.write(json.dumps({"id": article["id"], "events": article["events"]}, ensure_ascii=False) + "\n")


def places_agree(scorer, first: str, output: str) -> tuple[int, int]:
    """Events paired on their type alone (score.py's relaxed pairing), and how many of them share their place."""
    gold = scorer.load_gold(first)
    pred, _ = scorer.load_pred(output)
    paired = same = 0
    for aid, g in gold.items():
        p = pred.get(aid, [])
        for i, j in scorer.match(g, p, same_location=False):
            paired += 1
            same += g[i].location == p[j].location
    return paired, same


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", help="FIRST SECOND pairs of folders of annotated articles")
    parser.add_argument("--draws", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=2025)
    args = parser.parse_args(argv)
    if len(args.folders) % 2:
        parser.error("give the folders in pairs: FIRST SECOND [FIRST SECOND ...]")
    for folder in args.folders:
        if not glob.glob(os.path.join(folder, "*.json")):
            parser.error(f"{folder} holds no annotated article (*.json)")
    scorer = scorer_module()

    rows, paired, same = [], 0, 0
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(0, len(args.folders), 2):
            first, second = args.folders[k], args.folders[k + 1]
            output = os.path.join(tmp, f"{k}.jsonl")
            as_output(second, output)
            r = counts(scorer, first, output)
            n, s = places_agree(scorer, first, output)
            rows.append(r)
            paired, same = paired + n, same + s
            tot = r.sum(axis=0)
            print(
                f"{second} against {first}: matched {int(tot[0])} / second {int(tot[1])} / first {int(tot[2])}, "
                f"event F1 {f1(tot):.3f}, strict F1 {f1(tot, 3):.3f}, places {s}/{n}"
            )
    a = np.vstack(rows)
    sampled = a[resample(len(a), args.draws, args.seed)].sum(axis=1)
    tot = a.sum(axis=0)
    (lo, hi), (slo, shi) = interval(sampled), interval(sampled, 3)
    print(
        f"pooled, {len(a)} articles: matched {int(tot[0])} / second {int(tot[1])} / first {int(tot[2])}, "
        f"event F1 {f1(tot):.3f} [{lo:.3f}, {hi:.3f}], strict F1 {f1(tot, 3):.3f} [{slo:.3f}, {shi:.3f}], "
        f"places {same}/{paired} = {same / max(paired, 1):.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Two extractor outputs on the same annotated sets, compared with a paired bootstrap over articles.

A session's change on a few new sets moves a handful of events; whether that is more than the luck of which articles
were drawn is what this says. For each output it prints pooled matched / predicted / gold, strict matched and event
F1 with a 90 % interval, and the interval of the difference B − A, from the same resampled articles for both
(articles drawn with replacement from all the sets pooled; 2,000 draws, seed 2025). Matching is the scorer's own
(`../shared/press/score.py`).

    python benchmarks/press_compare.py --a OUT_A --b OUT_B SET...   # OUT_X/<set name>.jsonl, as score_set.sh writes
"""

from __future__ import annotations

import argparse
import os
import sys

import numpy as np

SHARED = os.environ.get("VIGIE_SHARED", os.path.join(os.path.dirname(__file__), "..", "..", "shared"))
SCORER = os.path.join(SHARED, "press")


def scorer_module():
    """../shared/press/score.py: the scorer whose loading and pairing every press benchmark uses."""
    if SCORER not in sys.path:
        sys.path.insert(0, SCORER)
    import score

    return score


def annotated(parser: argparse.ArgumentParser, sets: list[str]) -> None:
    """Refuse, with the folder named, a set that lacks the articles/ and gold/ folders an extraction needs."""
    for s in sets:
        if not (os.path.isdir(os.path.join(s, "gold")) and os.path.isdir(os.path.join(s, "articles"))):
            parser.error(f"{s} has no gold/ and articles/ folders")


def counts(scorer, gold_dir: str, pred_path: str) -> np.ndarray:
    """One row per article: matched, predicted, gold, strict matched."""
    gold = scorer.load_gold(gold_dir)
    pred, _ = scorer.load_pred(pred_path)
    rows = []
    for aid in sorted(gold):
        g, p = gold[aid], pred.get(aid, [])
        pairs = scorer.match(g, p)
        rows.append((len(pairs), len(p), len(g), sum(scorer.strict_ok(g[i], p[j]) for i, j in pairs)))
    return np.array(rows, dtype=float)


def f1(rows: np.ndarray, col: int = 0) -> np.ndarray:
    """Event F1 (col 0) or strict F1 (col 3) of summed rows; rows may carry a leading draw axis."""
    m, p, g = rows[..., col], rows[..., 1], rows[..., 2]
    return np.where(p + g > 0, 2 * m / np.maximum(p + g, 1), 0.0)


def resample(n: int, draws: int, seed: int) -> np.ndarray:
    """`draws` rows of `n` article indices drawn with replacement: the same draws for every output compared."""
    return np.random.default_rng(seed).integers(0, n, size=(draws, n))


def interval(sampled: np.ndarray, col: int = 0) -> np.ndarray:
    """The 90 % interval of event F1 (col 0) or strict F1 (col 3) over the resampled sums."""
    return np.percentile(f1(sampled, col), [5, 95])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--a", required=True, help="folder of the first output (OUT/<set>.jsonl)")
    parser.add_argument("--b", required=True, help="folder of the second output")
    parser.add_argument("--draws", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("sets", nargs="+", help="set folders, each with a gold/ folder")
    args = parser.parse_args(argv)
    scorer = scorer_module()

    a, b = [], []
    for s in args.sets:
        name = os.path.basename(s.rstrip("/"))
        gold = os.path.join(s, "gold")
        outputs = [os.path.join(folder, name + ".jsonl") for folder in (args.a, args.b)]
        missing = [path for path in [gold, *outputs] if not os.path.exists(path)]
        if missing:
            parser.error(f"no {missing[0]} (each output folder needs <set name>.jsonl, each set a gold/ folder)")
        a.append(counts(scorer, gold, outputs[0]))
        b.append(counts(scorer, gold, outputs[1]))
    a, b = np.vstack(a), np.vstack(b)
    draws = resample(len(a), args.draws, args.seed)
    sa, sb = a[draws].sum(axis=1), b[draws].sum(axis=1)
    print(
        f"{len(a)} articles in {len(args.sets)} sets, {int(a[:, 2].sum())} gold events; 90 % intervals over "
        f"{args.draws} draws of the articles"
    )
    for label, rows, sampled in (("A", a, sa), ("B", b, sb)):
        tot = rows.sum(axis=0)
        (lo, hi), (slo, shi) = interval(sampled), interval(sampled, 3)
        print(
            f"{label}: matched {int(tot[0])} / predicted {int(tot[1])} / gold {int(tot[2])}, strict {int(tot[3])}; "
            f"F1 {f1(tot):.3f} [{lo:.3f}, {hi:.3f}], strict F1 {f1(tot, 3):.3f} [{slo:.3f}, {shi:.3f}]"
        )
    for label, col in (("F1", 0), ("strict F1", 3)):
        diff = f1(sb, col) - f1(sa, col)
        lo, hi = np.percentile(diff, [5, 95])
        print(
            f"B - A, {label}: {f1(b.sum(axis=0), col) - f1(a.sum(axis=0), col):+.3f} [{lo:+.3f}, {hi:+.3f}], "
            f"B above A in {100 * (diff > 0).mean():.0f} % of the draws"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())

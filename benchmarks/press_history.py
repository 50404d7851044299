"""The extractor of several commits on the same annotated sets: what each step between two commits did to them.

Rules written on read articles can raise those articles and leave the others as they were; only sets no rule writer
read tell whether a step carried. For each commit (oldest first) this checks the code out in a temporary git worktree,
runs `vigie extract` on every set with that code, and prints its pooled matched / predicted / gold, strict matched and
event F1; then, for each step from one commit to the next, the articles whose matched or false events changed, and the
events won and lost. Outputs stay in --work (OUT/<commit>/<set>.jsonl, as press_compare.py reads them).

    python benchmarks/press_history.py SET... --db WAREHOUSE --commits 434c1dd 18bfaf4 HEAD
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
from press_compare import annotated, counts, f1, scorer_module

ROOT = Path(__file__).resolve().parents[1]


def outputs(commit: str, sets: list[str], work: Path, db: str | None) -> Path:
    """OUT/<commit>/<set>.jsonl, extracted with the code of `commit` (kept from an earlier run when present)."""
    sha = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", commit], capture_output=True, text=True)
    if sha.returncode:
        sys.exit(f"press_history.py: {commit} is no commit of {ROOT}")
    commit = sha.stdout.strip()
    out = work / commit
    todo = [s for s in sets if not (out / (Path(s).name + ".jsonl")).exists()]
    if not todo:
        return out
    out.mkdir(parents=True, exist_ok=True)
    tree = work / f"tree-{commit}"
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(tree), commit], check=True)
    try:
        env = dict(os.environ, PYTHONPATH=str(tree / "src"))
        for s in todo:
            command = [sys.executable, "-m", "vigie", "extract", str(Path(s) / "articles"), "--jsonl"]
            with open(out / (Path(s).name + ".jsonl"), "w") as f:
                subprocess.run(command + (["--db", db] if db else []), stdout=f, env=env, check=True)
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=True)
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--commits", nargs="+", required=True, help="commits, oldest first")
    parser.add_argument("--db", help="a warehouse with the commune reference (default: the fetched reference files)")
    parser.add_argument("--work", help="folder for the outputs (default: a new temporary folder)")
    parser.add_argument("sets", nargs="+", help="set folders, each with articles/ and gold/")
    args = parser.parse_args(argv)
    annotated(parser, args.sets)
    scorer = scorer_module()

    work = Path(args.work or tempfile.mkdtemp(prefix="press-history-"))
    rows = {}
    for commit in args.commits:
        out = outputs(commit, args.sets, work, args.db)
        rows[commit] = np.vstack(
            [counts(scorer, str(Path(s) / "gold"), str(out / (Path(s).name + ".jsonl"))) for s in args.sets]
        )
        tot = rows[commit].sum(axis=0)
        print(
            f"{commit:>12}: matched {int(tot[0])} / predicted {int(tot[1])} / gold {int(tot[2])}, "
            f"strict {int(tot[3])}, F1 {f1(tot):.3f}"
        )
    for before, after in zip(args.commits, args.commits[1:], strict=False):
        a, b = rows[before], rows[after]
        won, false = b[:, 0] - a[:, 0], (b[:, 1] - b[:, 0]) - (a[:, 1] - a[:, 0])
        changed = int(((won != 0) | (false != 0)).sum())
        print(
            f"{before} -> {after}: {changed} articles changed; matched +{int(won[won > 0].sum())} "
            f"-{int(-won[won < 0].sum())}, false +{int(false[false > 0].sum())} -{int(-false[false < 0].sum())}"
        )
    print(f"outputs in {work}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

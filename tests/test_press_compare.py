"""benchmarks/press_compare.py: two outputs on the same gold, compared article by article."""

import json
import subprocess
import sys

from conftest import ROOT, SHARED


def _write(path, articles):
    path.write_text("".join(json.dumps({"id": a["id"], "events": a["events"]}) + "\n" for a in articles))


def test_an_output_missing_one_event_scores_below_the_gold(tmp_path):
    articles = [json.loads(p.read_text()) for p in sorted((SHARED / "press" / "dev").glob("*.json"))]
    gold = tmp_path / "dev" / "gold"
    gold.mkdir(parents=True)
    for a in articles:
        (gold / f"{a['id']}.json").write_text(json.dumps(a))
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    _write(tmp_path / "a" / "dev.jsonl", articles)
    shorter = [dict(a) for a in articles]
    first = next(a for a in shorter if a["events"])
    first["events"] = first["events"][1:]
    _write(tmp_path / "b" / "dev.jsonl", shorter)
    gold_events = sum(len(a["events"]) for a in articles)
    script = ROOT / "benchmarks" / "press_compare.py"
    args = ["--a", str(tmp_path / "a"), "--b", str(tmp_path / "b"), "--draws", "200", str(tmp_path / "dev")]
    out = subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True, check=True).stdout
    assert f"A: matched {gold_events} / predicted {gold_events} / gold {gold_events}" in out
    assert f"B: matched {gold_events - 1} / predicted {gold_events - 1} / gold {gold_events}" in out
    assert "F1 1.000 [1.000, 1.000]" in out
    assert "B above A in 0 % of the draws" in out

    missing = subprocess.run(
        [sys.executable, str(script), "--a", str(tmp_path), "--b", str(tmp_path / "b"), str(tmp_path / "dev")],
        capture_output=True,
        text=True,
    )
    assert missing.returncode == 2 and "dev.jsonl" in missing.stderr and "Traceback" not in missing.stderr

"""benchmarks/annotation_agreement.py: a second annotation scored against the first, as the extractor is scored."""

import json
import subprocess
import sys

from conftest import ROOT, SHARED

SCRIPT = ROOT / "benchmarks" / "annotation_agreement.py"


def _run(*args):
    return subprocess.run([sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True)


def _copy(articles, folder):
    folder.mkdir(parents=True)
    for a in articles:
        (folder / f"{a['id']}.json").write_text(json.dumps(a, ensure_ascii=False))


def test_a_second_reading_that_drops_one_event_and_moves_another(tmp_path):
    articles = [json.loads(p.read_text()) for p in sorted((SHARED / "press" / "dev").glob("*.json"))]
    total = sum(len(a["events"]) for a in articles)
    second = json.loads(json.dumps(articles))
    dropped = next(a for a in second if len(a["events"]) > 1)
    dropped["events"] = dropped["events"][1:]
    moved = next(e for a in second for e in a["events"] if e["commune"] and a is not dropped)
    moved["commune"] = "75056" if moved["commune"] != "75056" else "69123"
    moved["departement"] = moved["commune"][:2]
    _copy(articles, tmp_path / "first")
    _copy(second, tmp_path / "second")

    same = _run(tmp_path / "first", tmp_path / "first", "--draws", "200")
    assert same.returncode == 0
    assert f"matched {total} / second {total} / first {total}, event F1 1.000 [1.000, 1.000]" in same.stdout

    out = _run(tmp_path / "first", tmp_path / "second", "--draws", "200")
    assert out.returncode == 0, out.stderr
    assert f"pooled, {len(articles)} articles: matched {total - 2} / second {total - 1} / first {total}" in out.stdout
    assert f"places {total - 2}/{total - 1}" in out.stdout


def test_folders_not_in_pairs_or_empty_are_refused(tmp_path):
    (tmp_path / "empty").mkdir()
    odd = _run(SHARED / "press" / "dev")
    assert odd.returncode == 2 and "pairs" in odd.stderr and "Traceback" not in odd.stderr
    empty = _run(SHARED / "press" / "dev", tmp_path / "empty")
    assert empty.returncode == 2 and "empty" in empty.stderr and "Traceback" not in empty.stderr

"""benchmarks/press_history.py: one commit's extractor twice on a small set changes no article."""

import json
import subprocess
import sys

from conftest import ROOT
from test_press_lost import TEXT


def test_the_same_commit_twice_changes_nothing_and_a_set_without_gold_is_refused(tmp_path, official_db):
    article = {"id": "t1", "date": "2024-03-12", "source": "regional daily", "title": "Saisie à Vierzon", "text": TEXT}
    for folder, content in (("articles", article), ("gold", dict(article, events=[]))):
        (tmp_path / "set" / folder).mkdir(parents=True)
        (tmp_path / "set" / folder / "t1.json").write_text(json.dumps(content))
    script = ROOT / "benchmarks" / "press_history.py"
    args = [
        "--commits",
        "HEAD",
        "HEAD",
        "--db",
        str(official_db),
        "--work",
        str(tmp_path / "out"),
        str(tmp_path / "set"),
    ]
    out = subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True, check=True).stdout
    assert "/ gold 0, strict 0" in out
    assert "0 articles changed; matched +0 -0, false +0 -0" in out
    assert list((tmp_path / "out").iterdir()) and not list((tmp_path / "out").glob("tree-*"))  # worktrees removed

    bad = subprocess.run(
        [sys.executable, str(script), str(tmp_path), "--commits", "HEAD"], capture_output=True, text=True
    )
    assert bad.returncode == 2 and "no gold/ and articles/ folders" in bad.stderr

"""benchmarks/press_ablation.py: a trigger rule taken out, and what it won on the articles where it fires."""

import json
import subprocess
import sys

from conftest import ROOT

TEXT = "Lundi, les gendarmes ont saisi 3 kilos de résine de cannabis dans un garage de Vierzon."


def test_the_only_rule_of_an_event_taken_out_loses_it(tmp_path, official_db):
    article = {
        "id": "t1",
        "date": "2024-03-12",
        "source": "regional daily",
        "title": "Cannabis à Vierzon",
        "text": TEXT,
    }
    seizure = dict(
        type="seizure", commune="18279", departement="18", place="Vierzon", geo_precision=1,
        date_start="2024-03-11", date_end="2024-03-11", time_precision="day", killed=None, injured=None,
        drugs=[{"substance": "cannabis", "quantity": 3, "unit": "kg"}], weapons=[], cash_eur=None, count=None,
        action=None, networks_from=[], evidence=TEXT,
    )  # fmt: skip
    for folder, content in (("articles", article), ("gold", dict(article, events=[seizure]))):
        (tmp_path / "set" / folder).mkdir(parents=True)
        (tmp_path / "set" / folder / "t1.json").write_text(json.dumps(content))
    script = str(ROOT / "benchmarks" / "press_ablation.py")
    run = [sys.executable, script, str(tmp_path / "set"), "--db", str(official_db)]
    out = subprocess.run(run, capture_output=True, text=True, check=True).stdout
    assert "1 articles in 1 sets" in out
    assert any(line.split()[0] == "seizure.saisi" and "matched -1" in line for line in out.splitlines()[1:])

    unknown = subprocess.run([*run, "--rules", "seizure.nothing"], capture_output=True, text=True)
    assert unknown.returncode == 2 and "no trigger rule named seizure.nothing" in unknown.stderr

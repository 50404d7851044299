"""benchmarks/press_lost.py: where the extractor loses the gold events it misses."""

import json
import os
import subprocess
import sys

from conftest import ROOT

TEXT = (
    "Lundi, les policiers de Vierzon ont interpellé un homme de 25 ans dans le quartier du Clos-du-Roy. "
    "Dans son garage, ils ont mis au jour 4 kilos de résine de cannabis."
)


def test_a_gold_event_no_trigger_names_is_lost_in_the_sentence_loop(tmp_path, official_db):
    article = {"id": "t1", "date": "2024-03-12", "source": "regional daily", "title": "Saisie à Vierzon", "text": TEXT}
    seizure = dict(
        type="seizure", commune="18279", departement="18", place="Vierzon", geo_precision=1,
        date_start="2024-03-11", date_end="2024-03-11", time_precision="day", killed=None, injured=None,
        drugs=[{"substance": "cannabis", "quantity": 4, "unit": "kg"}], weapons=[], cash_eur=None, count=1,
        action=None, networks_from=[], evidence=TEXT.split(". ")[1],
    )  # fmt: skip
    # a shooting the text does not tell: no trigger of its type fires on its evidence
    shooting = dict(seizure, type="shooting", drugs=[], count=None, killed=0, injured=0, evidence=TEXT.split(". ")[0])
    for folder, content in (("articles", article), ("gold", dict(article, events=[seizure, shooting]))):
        (tmp_path / "set" / folder).mkdir(parents=True)
        (tmp_path / "set" / folder / "t1.json").write_text(json.dumps(content))
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    script = ROOT / "benchmarks" / "press_lost.py"
    out = subprocess.run(
        [sys.executable, str(script), "--db", str(official_db), str(tmp_path / "set")],
        capture_output=True, text=True, check=True, env=env,
    ).stdout  # fmt: skip
    assert "1 miss  loop:no_trigger" in out
    assert "total 1 {'miss': 1}" in out

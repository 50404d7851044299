"""Rules as data (press/rules.py, press/rules/triggers.toml): every rule is named, a bad rules file is refused at
load with the file and the rule named, and an event says which rules made it."""

from datetime import date

import pytest

from vigie import warehouse
from vigie.errors import VigieError
from vigie.press import rules
from vigie.press.articles import Article
from vigie.press.pipeline import load_extractor


def test_the_shipped_rules_load_and_are_all_named():
    triggers = rules.load()
    assert len(triggers.rules) >= 70 and len({r.name for r in triggers.rules}) == len(triggers.rules)
    assert triggers.fired("seizure", "les douaniers ont saisi 3 kilos et mis la main sur une arme") == [
        "seizure.saisi",
        "seizure.mis_la_main_sur",
    ]


@pytest.mark.parametrize(
    "body,message",
    [
        (
            '[[rule]]\nname = "x.a"\ntype = "seizure"\npattern = "saisi"\nweight = 2\n',
            r"rule 'x\.a': unknown field.*weight",
        ),
        (
            '[[rule]]\nname = "x.b"\ntype = "seizure"\npattern = "sais(i"\n',
            r"rule 'x\.b': the pattern does not compile",
        ),
        ('[[rule]]\nname = "x.c"\ntype = "robbery"\npattern = "vol"\n', r"rule 'x\.c': type 'robbery' is not one of"),
        ('[[rule]]\nname = "x.d"\ntype = "seizure"\n', r"rule 'x\.d': missing field\(s\) pattern"),
        (
            '[[rule]]\nname = "x.e"\ntype = "seizure"\npattern = "a"\n' * 2,
            r"rule 'x\.e': a rule of this name comes earlier",
        ),
        ("[[rule]\n", r"not a readable rules file"),
    ],
)
def test_a_bad_rules_file_is_refused_at_load_with_its_name(tmp_path, body, message):
    path = tmp_path / "triggers.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(VigieError, match=message) as info:
        rules.load(path)
    assert str(path) in str(info.value)


def test_an_event_carries_the_rules_that_made_it(official_db):
    con = warehouse.connect(official_db, read_only=True)
    extractor = load_extractor(con=con)
    text = "Mardi, les policiers ont saisi 3 kilos de cocaïne à Bressuire. Des coups de feu avaient été tirés lundi."
    events = extractor.extract(Article("t", date(2024, 5, 2), "", text))
    con.close()
    assert [(e.type, e.rules) for e in events] == [
        ("seizure", ["seizure.saisi"]),
        ("shooting", ["shooting.coup_de_feu"]),
    ]
    assert events[0].to_dict()["rules"] == ["seizure.saisi"]

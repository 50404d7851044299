"""Values of real press (issue 13, session 14, engineer p14v): a death told of the victim already said wounded, a
victim told in danger, an execution, uncounted units coordinated with an amount, and ammunition seized. Our own
sentences; fixtures 891-893 carry each class in an article."""

import pytest

from vigie.press import quantities


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Il a succombé à ses blessures dans la nuit.", True),
        ("Transporté au CHU, il est mort peu après.", True),
        ("La victime est décédée à l'hôpital mercredi.", True),
        ("Un second homme est décédé à l'hôpital.", False),  # another victim
        ("Son ami a été tué sur le coup.", False),  # not the victim already named
    ],
)
def test_a_death_told_of_the_victim_already_named(text, expected):
    assert quantities.died_of_it(text) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le jeune homme a été hospitalisé en urgence absolue.", (None, 1)),
        ("Il a été pris en charge dans un état grave.", (None, 1)),
        ("un jeune a été roué de coups puis hospitalisé", (None, None)),  # fixtures 191, 261: unsaid
        ("Un homme a été exécuté de plusieurs balles sur un parking.", (1, None)),
        ("Un guetteur a trouvé la mort sur le point de deal.", (1, None)),
        ("La peine a été exécutée l'an dernier.", (None, None)),
    ],
)
def test_tolls_told_by_danger_or_execution(text, expected):
    assert quantities.casualties(text) == expected


def test_uncounted_units_coordinated_with_an_amount():
    found = quantities.drugs("Ils ont saisi 3 kilos de résine de cannabis, de la cocaïne et des cachets d'ecstasy.")
    assert {(d["substance"], d["quantity"]) for d in found} == {
        ("cannabis", 3.0),
        ("cocaine", None),
        ("synthetic", None),
    }


def test_ammunition_seized_is_no_weapon():
    assert quantities.weapons("des balances, des cartouches de fusil et de l'argent ont été saisis", seized=True) == []
    assert quantities.weapons("un fusil et des cartouches ont été saisis", seized=True) == [
        {"kind": "other", "count": 1}
    ]
    assert quantities.weapons("des douilles de kalachnikov") == [{"kind": "assault_rifle", "count": None}]


def test_a_total_in_a_judicial_paragraph_of_its_own_is_the_operation_s(extractor):
    """Fixture 894: a total of persons in custody, then brought before the judge, told in a paragraph
    with no operation of its own: the seizure told above counted five, not the one arrested on the spot."""
    import json
    from pathlib import Path

    from vigie.press.articles import read

    path = (
        Path(__file__).parent
        / "press_fixtures"
        / "894_saint_benoit_le_total_des_gardes_a_vue_dans_un_paragraphe_a_part.json"
    )
    (event,) = extractor.extract(read(str(path))[0])
    assert event.count == json.loads(path.read_text(encoding="utf-8"))["events"][0]["count"] == 5

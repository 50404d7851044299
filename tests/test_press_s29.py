"""Session 29 (issue 13), each mechanism on sentences written for the test (other towns, other words than the articles
they were traced on).

- Goods (extract.SEIZED, rules/operations.toml not_goods.other_contraband): a distance in kilometres is no amount of
  goods ("retrouvée à trois kilomètres"); tobacco, cigarettes or alcohol seized by customs are no goods of the trade.
- One seizure said again (recalls.SAID_OF_THE_ONE_TOLD): "C'est une nouvelle saisie importante dans le département"
  says what the seizure just told is, it tells no other one ("Mardi, une nouvelle saisie a eu lieu à …" still does).
- Places (operations.pair_of_the_operation): two communes that open a sentence as its frame ("À Lens et Liévin, …
  ont été découverts") are one operation's area, geo_precision 3, wherever the sentence names the operation."""

import pytest
from conftest import placed

SHOOTING = (
    "Un homme de 30 ans a été tué par balles dans la nuit de samedi à Hénin-Beaumont, sur fond de trafic de drogue."
)


@pytest.mark.parametrize(
    "after",
    [
        "Le scooter des tireurs a été retrouvé incendié deux heures plus tard à quatre kilomètres de là.",
        "Leur voiture a été retrouvée le lendemain, à 12 kilomètres, dans un chemin de halage.",
    ],
)
def test_a_distance_is_no_goods(extractor, after):
    assert placed(extractor, "Un homme tué par balles", f"{SHOOTING} {after}") == [("shooting", "62427", "62", 1)]


def test_a_car_found_with_drugs_is_still_a_seizure(extractor):
    text = f"{SHOOTING} Leur voiture a été retrouvée le lendemain, avec 3 kilos de cannabis dans le coffre."
    assert ("seizure", "62427", "62", 1) in placed(extractor, "Un homme tué par balles", text)


@pytest.mark.parametrize(
    "goods, expected",
    [
        ("1 800 grammes de tabac à rouler", []),
        ("38 cartouches de cigarettes de contrebande", []),
        ("1 800 grammes de tabac et 250 grammes de résine de cannabis", [("seizure", "09122", "09", 1)]),
    ],
)
def test_tobacco_is_no_goods_of_the_trade(extractor, goods, expected):
    text = (
        "Mardi, gendarmes et douaniers ont tenu à Foix un contrôle routier contre les trafics de "
        f"stupéfiants. Quinze voitures ont été fouillées : {goods} saisis."
    )
    assert placed(extractor, "Contrôle routier à Foix", text) == expected


SEIZED_AT = (
    "Lundi 4 mars, les gendarmes ont arrêté une fourgonnette à Bourg-Madame. Dans le coffre, ils ont "
    "saisi 40 kilos d'herbe de cannabis."
)


def test_a_seizure_said_to_be_another_of_its_kind_tells_no_other(extractor):
    text = f"{SEIZED_AT} C'est une nouvelle saisie importante en un mois dans les Pyrénées-Orientales."
    assert placed(extractor, "40 kilos d'herbe saisis", text) == [("seizure", "66025", "66", 1)]


def test_a_new_seizure_told_with_its_own_day_and_town_is_another(extractor):
    text = f"{SEIZED_AT} Mercredi, une nouvelle saisie a eu lieu à Prades : trois kilos de résine."
    assert placed(extractor, "40 kilos d'herbe saisis", text) == [
        ("seizure", "66025", "66", 1),
        ("seizure", "66149", "66", 1),
    ]


def test_two_towns_that_open_the_sentence_are_one_operations_area(extractor):
    text = (
        "Deux opérations antidrogue ont été menées mardi dans le Pas-de-Calais. À Lens et Liévin, de la cocaïne, "
        "du cannabis en sachets, deux balances de précision et 8 000 euros en liquide ont été découverts, et neuf "
        "personnes placées en garde à vue."
    )
    assert placed(extractor, "Coups de filet dans le bassin minier", text) == [("seizure", None, "62", 3)]


def test_two_towns_that_open_the_sentence_and_one_told_again_after_are_no_area(extractor):
    text = (
        "Mardi, la police a mené une opération antidrogue. À Lens et Liévin, neuf personnes ont été interpellées, et "
        "700 grammes de cocaïne ont été découverts à Lens."
    )
    assert placed(extractor, "Coup de filet dans le bassin minier", text) == [("seizure", "62498", "62", 1)]

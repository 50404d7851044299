"""Precision of the press extractor on real prose (issue 13, session 7, second wave): words that name a motive, a
fear or a tally are no event of their own; the act told in its own words still is."""

from datetime import date

import pytest

from vigie.press.articles import Article
from vigie.press.operations import fold_arrests
from vigie.press.schema import Event

SHOT = "Un homme de 24 ans a été blessé par balle mardi soir dans le quartier du Plateau, à Montargis (Loiret). "


def events(extractor, text):
    return [(e.type, e.commune) for e in extractor.extract(Article("t", date(2025, 5, 14), "", text))]


@pytest.mark.parametrize(
    "aside",
    [
        # a motive someone weighs, told with another town and day
        "Mercredi, à Orléans, le préfet a estimé qu'il s'agissait sans doute d'un règlement de comptes.",
        "Mercredi, à Orléans, le parquet évoque un possible « règlement de comptes ».",
        "À Orléans, les enquêteurs privilégient la piste d'un règlement de comptes.",
        # what arms were meant for
        "Les armes saisies mercredi à Orléans étaient destinées à servir dans des règlements de compte.",
        # a running tally ('compte' singular)
        "À Orléans, 31 règlements de compte ont été recensés depuis janvier.",
    ],
)
def test_a_settling_of_accounts_named_is_no_shooting_of_its_own(extractor, aside):
    assert [e for e in events(extractor, SHOT + aside) if e[0] == "shooting"] == [("shooting", "45208")]


@pytest.mark.parametrize(
    "aside",
    [
        "Lundi 12 mai, à Orléans, les habitants ont peur des représailles des dealers, dit une voisine.",
        "Lundi 12 mai, à Orléans, les locataires d'un immeuble tenu par des dealers craignent des représailles.",
        # what an act means, in a definition
        "La « jambisation », décrite lundi 12 mai à Orléans par des dealers, consiste à viser les jambes en signe de "
        "représailles ou de menace.",
    ],
)
def test_reprisals_feared_or_meant_are_no_intimidation(extractor, aside):
    assert [e for e in events(extractor, SHOT + aside) if e[0] == "intimidation"] == []


def test_the_act_told_with_its_motive_is_still_an_event(extractor):
    """The motive's words go, the act's stay: a car burnt 'en guise de représailles', a man shot 'dans un règlement de
    comptes'."""
    text = (
        "Lundi 12 mai, à Orléans, la voiture d'un témoin a été incendiée en guise de représailles par des dealers. "
        "Mardi, à Montargis, un homme a été tué par balle dans un probable règlement de comptes."
    )
    assert sorted(events(extractor, text)) == [("intimidation", "45234"), ("shooting", "45208")]


def op(kind, commune, day, count, own=True):
    event = Event(kind, commune, commune[:2], commune, 1, date(2019, 6, day), date(2019, 6, day), count=count)
    event.own_date = own
    return event


def test_the_same_persons_held_elsewhere_are_the_seizures_arrest():
    """'Cinq personnes placées en garde à vue' said of Forbach, the seizure of the five told at Freyming-Merlebach:
    one operation, one seizure with its five; a different count, one person, or another day stays an arrest."""
    kept = fold_arrests([op("arrest", "57227", 24, 5), op("seizure", "57240", 24, 5)])
    assert [(e.type, e.commune, e.count) for e in kept] == [("seizure", "57240", 5)]
    for arrest, persons in (
        (op("arrest", "57227", 24, 4), 5),
        (op("arrest", "57227", 24, 1), 1),
        (op("arrest", "57227", 3, 5), 5),
    ):
        seizure = op("seizure", "57240", 24, persons)
        assert [e.type for e in fold_arrests([arrest, seizure])] == ["arrest", "seizure"]


@pytest.mark.parametrize(
    "aside",
    [
        # a tally over a period
        "À Orléans, plus de 150 000 euros en liquide ont été saisis depuis le mois de janvier chez des dealers.",
        "Depuis janvier, à Orléans, 40 kilos de résine ont été saisis par la police.",
        # a method defined
        "Lundi 12 mai, à Orléans, le procureur a expliqué que sa méthode contre les dealers consiste à saisir la "
        "drogue et les voitures.",
    ],
)
def test_a_tally_or_a_method_is_no_seizure(extractor, aside):
    assert [e for e in events(extractor, SHOT + aside) if e[0] == "seizure"] == []


@pytest.mark.parametrize(
    "title,points",
    [
        ("Essonne : 30 points de deal démantelés depuis 2020", 0),  # a tally over a period
        ("Depuis janvier, douze points de deal démantelés dans le Nord", 0),
        ("Garges-lès-Gonesse : un point de deal démantelé", 1),  # one point, the body's operation
    ],
)
def test_a_headline_that_counts_points_over_a_period_tells_none(extractor, title, points):
    text = "Mardi, à Garges-lès-Gonesse, les policiers ont saisi 3 kilos de résine de cannabis dans une cave."
    found = extractor.extract(Article("t", date(2025, 10, 9), title, text))
    assert [e.type for e in found].count("dealing_point") == points

"""Earlier shootings recalled in passing (press/recalls.py): the recall inside a tally sentence, and the several dates
of one recall. The whole extraction of such articles is scored by fixtures 480 and 481 (tests/test_press.py)."""

from datetime import date

import pytest

from vigie.press import recalls
from vigie.press.linguistics import Linguistics
from vigie.press.pipeline import load_nlp


def test_a_ranked_tally_still_tells_the_shootings_it_recalls():
    told = recalls.told_after(
        "C'est la troisième fusillade en un mois dans le quartier, après celles du 3 et du 12 juin."
    )
    assert told == "des fusillades du 3 et du 12 juin."
    told = recalls.told_after("Il s'agit du deuxième homicide cette année, après la mort d'un homme abattu en mars.")
    assert told == "la mort d'un homme abattu en mars."


def test_a_tally_with_no_recall_stays_a_tally():
    assert (
        recalls.told_after("C'est le troisième règlement de comptes depuis le début de l'année dans la ville.") is None
    )
    assert recalls.told_after("Un homme a été blessé par balle, après une dispute.") is None  # no tally


def test_two_days_each_with_its_determiner_are_two_shootings():
    ref = date(2024, 6, 20)
    assert recalls.several("des fusillades du 3 et du 12 juin", ref, None) == [
        (date(2024, 6, 3), date(2024, 6, 3)),
        (date(2024, 6, 12), date(2024, 6, 12)),
    ]
    assert recalls.several("des tirs les 28 et 29 mai", ref, None) == []  # one span of days: dates.resolve's


def test_a_second_date_told_from_the_first():
    ref = date(2024, 3, 11)
    first = (date(2024, 2, 19), date(2024, 2, 19))  # three weeks before the article
    text = "Des coups de feu avaient déjà éclaté il y a trois semaines au même endroit, puis quelques jours auparavant."
    assert recalls.several(text, ref, None) == [first, (date(2024, 2, 12), date(2024, 2, 18))]
    text = "Des coups de feu avaient déjà éclaté il y a trois semaines, ainsi que la semaine précédente."
    assert recalls.several(text, ref, None) == [first, (date(2024, 2, 12), date(2024, 2, 18))]
    assert recalls.several("Des coups de feu ont éclaté dimanche, puis la police est arrivée.", ref, None) == []
    assert recalls.several("Des coups de feu, puis quelques jours auparavant des menaces.", ref, None) == []  # no date


@pytest.fixture(scope="module")
def ling():
    return Linguistics(load_nlp())


def test_a_wound_told_by_the_firearm_of_its_author_is_a_shooting(ling):
    rule = "shooting.blesse_par_un_homme_arme"
    assert rule in ling.fired("shooting", "il avait été blessé à la jambe par un individu armé d'un fusil de chasse")
    assert rule in ling.fired("shooting", "deux passants ont été blessés par deux hommes armés de pistolets")
    assert ling.fired("shooting", "il a été blessé au ventre par un homme armé d'un couteau") == []
    assert ling.fired("shooting", "il a été blessé par un individu armé d'une arme blanche") == []

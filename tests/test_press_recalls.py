"""Earlier shootings recalled in passing (press/recalls.py): the recall inside a tally sentence, and the several dates
of one recall, a second episode told as another shooting, and what the article-level gate lets through of a trial
article. The whole extraction of such articles is scored by fixtures 480, 481 and 550-555 (tests/test_press.py)."""

from datetime import date

import pytest

from vigie.press import counting, recalls, rules
from vigie.press.linguistics import Linguistics
from vigie.press.pipeline import load_nlp
from vigie.press.places import Place
from vigie.press.schema import Event


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


def test_a_second_episode_told_as_such_is_another_shooting():
    assert recalls.another("Le second épisode survient le même jour : d'autres tirs retentissent rue Jean-Bouin.")
    assert recalls.another("Une heure plus tard, d’autres coups de feu ont été entendus près de la gare.")
    assert recalls.another("Dix jours plus tôt, une autre fusillade avait visé le même immeuble.")
    assert not recalls.another("Des coups de feu ont été tirés contre la façade d'un immeuble.")
    assert not recalls.another("D'autres personnes ont été entendues par les enquêteurs.")


def _mention(evidence, start=None, end=None, own=False, place="Pissevin"):
    e = Event("shooting", "30189", "30", place, 1, start, end, evidence=evidence)
    e.own_date = own
    return e


def test_the_gate_keeps_the_events_a_mention_dates_whatever_mention_came_first():
    day = date(2022, 10, 8)
    mentions = [
        _mention("À l'époque, la préfecture avait parlé d'un règlement de comptes.", None, date(2025, 3, 14)),
        _mention("Le samedi 8 octobre 2022, des coups de feu sont tirés.", day, day, own=True),
    ]
    told = recalls.dated(mentions)
    merged = counting.merge(mentions)
    assert len(merged) == 1 and not merged[0].own_date  # the first, undated mention took the date of the second
    kept = recalls.through_gate(merged, told)
    assert [(e.date_start, e.evidence) for e in kept] == [
        (day, "Le samedi 8 octobre 2022, des coups de feu sont tirés.")
    ]


def test_the_gate_gives_nothing_for_undated_or_yearly_facts():
    mentions = [
        _mention("Des coups de feu avaient parfois été entendus dans le quartier.", None, date(2025, 11, 19)),
        _mention("En 2023, des tirs avaient visé le quartier.", date(2023, 1, 1), date(2023, 12, 31), own=True),
    ]
    assert recalls.through_gate(counting.merge(mentions), recalls.dated(mentions)) == []
    # a fact in a commune dated to the day, even by its paragraph, is told as an event (recalls.told_as_event)
    day = _mention("Ce jour-là, des tirs ont visé le quartier.", date(2025, 5, 3), date(2025, 5, 3))
    assert len(recalls.through_gate(counting.merge(mentions + [day]), recalls.dated(mentions + [day]))) == 1


def test_another_shooting_the_same_day_in_the_same_town_stays_apart():
    day = date(2022, 10, 8)
    first = _mention("Des coups de feu sont tirés contre un immeuble.", day, day, own=True)
    second = _mention("D'autres tirs retentissent rue Jean-Bouin.", day, day, own=True, place="Pissevin")
    assert len(counting.merge([first, second])) == 1  # told as one, they are one
    second.another = recalls.another(second.evidence)
    assert len(counting.merge([first, second])) == 2


def test_shootings_introduced_by_a_relative_clause_are_not_a_back_reference():
    assert recalls.introduced("les fusillades qui ont éclaté récemment au Petit Caporal") == (
        "des fusillades qui ont éclaté récemment au Petit Caporal"
    )
    assert recalls.introduced("les tirs survenus dimanche à Valdegour") == "des tirs survenus dimanche à Valdegour"
    assert recalls.introduced("les tirs de dimanche ont fait un blessé") == "les tirs de dimanche ont fait un blessé"


def test_two_places_and_two_dates_in_order_are_two_shootings():
    ref = date(2020, 8, 3)
    text = (
        "les fusillades qui ont éclaté au Petit Caporal et à Plaisance, qui ont fait deux blessés le 30 et 31 juillet"
    )
    assert recalls.paired(text, 2, ref, None) == [(date(2020, 7, 30),) * 2, (date(2020, 7, 31),) * 2]
    assert recalls.paired(text, 1, ref, None) == []  # one place named: dates.resolve's span
    text = "deux autres victimes par balles vendredi 31 juillet près de la gare, et la veille à Plaisance"
    assert recalls.paired(text, 2, ref, None) == [(date(2020, 7, 31),) * 2, (date(2020, 7, 30),) * 2]
    assert recalls.paired("trois hommes interpellés à Nantes et à Rezé le 30 et 31 juillet", 2, ref, None) == []


def test_the_places_of_a_clause_in_order_each_once():
    town, one, two = (Place("30189", "30", name) for name in ("Nîmes", "Pissevin", "Valdegour"))
    assert recalls.apart([(0, 30, two), (0, 2, one)]) == [one, two]
    assert recalls.apart([(0, 2, one), (1, 14, town), (0, 26, two), (0, 40, one)]) == [one, two]


def test_a_count_of_shootings_over_a_period_and_an_idiom_are_no_shooting():
    exclusions = rules.load_exclusions()
    tally = "D'après la préfecture, 23 épisodes de tirs liés au trafic ont été recensés dans la métropole en 2024."
    assert exclusions.first("sentence", tally) == "sentence.statistics.episodes_de_tirs_recenses"
    assert exclusions.first("sentence", "Trois épisodes de tirs ont visé le quartier dimanche soir.") is None
    idiom = "l'opposition a fait feu de tout bois contre la majorité"
    assert exclusions.first("not_trigger", idiom) == "not_trigger.figurative.feu_de_tout_bois"
    assert exclusions.first("not_trigger", "le tireur a fait feu sur la façade") is None


def test_a_judicial_sentence_still_tells_the_dated_event_it_opens_with():
    ref = date(2025, 2, 11)
    text = (
        "Après le coup de filet du 3 février dans le quartier de Chambord, à Montauban, trois hommes ont été condamnés."
    )
    assert recalls.background(text, ref) == "le coup de filet du 3 février dans le quartier de Chambord"
    text = "Suite au coup de filet le 28 juillet dernier à la Bouletterie, trois dealers sont passés en comparution."
    assert recalls.background(text, ref) == "coup de filet le 28 juillet dernier à la Bouletterie"
    assert recalls.background("Après deux heures de délibéré, le tribunal a rendu sa décision.", ref) is None
    assert recalls.background("Après l'arrestation de quatre individus, trois ont été condamnés.", ref) is None


def test_two_shootings_counted_then_the_day_before_are_two_dates():
    ref = date(2025, 3, 11)
    text = "les deux autres fusillades de dimanche 9 mars, et la veille, dans le même quartier"
    assert recalls.several(text, ref, None) == [(date(2025, 3, 9),) * 2, (date(2025, 3, 8),) * 2]
    text = "les deux autres victimes par balles de dimanche 9 mars, et le lendemain près de la gare"
    assert recalls.several(text, ref, None) == [(date(2025, 3, 9),) * 2, (date(2025, 3, 10),) * 2]
    assert recalls.several("des tirs ont éclaté dimanche 9 mars, et la veille un homme a été menacé", ref, None) == []


def test_a_find_named_as_what_opened_a_case_is_no_operation_of_the_day():
    opened = "l'information judiciaire avait été ouverte à la suite de la découverte de 12 kilos dans un box"
    assert recalls.opened_by(opened, ["seizure.decouvert"])
    # a seizure told in the clause besides the phrase is the day's
    both = ["seizure.decouvert", "seizure.saisi"]
    assert not recalls.opened_by(opened + ", et les policiers ont saisi 2 kilos", both)
    assert not recalls.opened_by("la découverte d'une cache de 12 kilos mardi", ["seizure.decouvert"])

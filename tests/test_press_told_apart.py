"""Events of one type told apart in one article (the README: incidents on different dates are different events, a
back-reference or a restatement is one), and a find told by what a search gave. The whole extraction of such articles
is scored by fixtures 700-705 (tests/test_press.py)."""

from datetime import date

import pytest

from vigie.press import counting, dates, recalls
from vigie.press.linguistics import Linguistics
from vigie.press.pipeline import load_nlp
from vigie.press.schema import Event


def _seizure(day: date | None, evidence: str = "", **values) -> Event:
    event = Event("seizure", "66136", "66", "Perpignan", 1, day, day or date(2025, 6, 6), evidence=evidence)
    for k, v in values.items():
        setattr(event, k, v)
    return event


def test_an_operation_told_as_another_one_stays_apart():
    assert recalls.another("Un autre réseau avait été démantelé la veille, selon le parquet.", "arrest")
    assert recalls.another("Cette saisie a été suivie d'une autre, sans rapport avec la première.", "seizure")
    assert recalls.another("Une seconde saisie a eu lieu jeudi sur le port.", "seizure")
    assert recalls.another("Trois autres épisodes de tirs ont suivi dans la cité.", "shooting")
    # a person told as another, or a seizure told again, is no other operation
    assert not recalls.another("Un homme a été interpellé, un autre a pris la fuite.", "arrest")
    assert not recalls.another("La saisie a eu lieu mardi matin sur le parking.", "seizure")
    assert not recalls.another("Une autre saisie de drogue ?", "shooting")  # the kind asked is the clause's event


def test_another_mention_does_not_join_the_event_told_before_but_its_own_sentence_stays_one():
    first = _seizure(None, "Les douaniers ont découvert 2 kilos de cocaïne à Vannes.")
    other = _seizure(None, "Cette saisie a été suivie d'une autre le lendemain.")
    assert counting.same(first, other)  # undated mentions of one type and place: one event ...
    other.another = True
    assert not counting.same(first, other)  # ... unless the second is told as another
    again = _seizure(None, other.evidence)
    again.another = True
    assert counting.same(other, again)  # the places of one such sentence are still one event when one place


def test_an_event_told_back_then_another_like_it_names_the_other():
    text = "Cette saisie a été suivie d'une autre, sans rapport avec la première."
    assert recalls.followed(text) == "Cette saisie a été suivie d'une autre saisie, sans rapport avec la première."
    text = "Cette fusillade a été suivie d'une autre le lendemain."
    assert recalls.followed(text) == "Cette fusillade a été suivie d'une autre fusillade le lendemain."
    text = "Cette saisie a été suivie d'une autre opération de police."  # the other is named: left alone
    assert recalls.followed(text) == text


def test_a_seizure_told_as_another_needs_no_goods_of_its_own_but_a_heading_does():
    told = [_seizure(date(2025, 3, 7), "Les douaniers ont découvert 2 kilos de cocaïne.", drugs=[{"x": 1}])]
    sentence = "Cette saisie a été suivie d'une autre le lendemain."
    assert recalls.like_the_first(sentence, told) == told[0].evidence
    assert recalls.like_the_first("Un deuxième dispositif pour une nouvelle saisie", told) == ""  # a heading
    assert recalls.like_the_first("La saisie a été faite vendredi.", told) == ""  # told again, not another
    assert recalls.like_the_first(sentence, []) == ""


def test_a_seizure_told_by_its_noun_on_a_day_of_its_own_takes_the_goods_told_after_it():
    text = (
        "Deux saisies en une semaine. La première saisie date du lundi 3 mars, quand les agents ouvrent un conteneur. "
        "Ils y trouvent 45 kilos de cocaïne. Le 7 mars, une autre saisie a lieu."
    )
    clause = "La première saisie date du lundi 3 mars, quand les agents ouvrent un conteneur."
    after = recalls.dated_noun(clause, ["seizure.saisie"], date(2025, 3, 13), text)
    assert "45 kilos" in after and "saisie" not in after  # up to the next seizure the text tells
    assert recalls.dated_noun(clause, ["seizure.saisi"], date(2025, 3, 13), text) == ""  # the verb names its goods
    assert recalls.dated_noun("Deux saisies en une semaine.", ["seizure.saisie"], date(2025, 3, 13), text) == ""


def test_a_sentence_of_another_time_is_not_the_persons_of_the_operation():
    operation = _seizure(date(2024, 10, 3))
    assert counting.another_time((date(2021, 1, 1), date(2021, 12, 31)), operation)  # "il y a trois ans"
    assert not counting.another_time((date(2024, 10, 5), date(2024, 10, 5)), operation)  # "déférés samedi"
    assert not counting.another_time(None, operation)


def test_years_ago_and_the_first_of_a_month_in_words():
    ref = date(2019, 6, 7)
    assert dates.resolve("le chef du groupe avait déjà été arrêté il y a deux ans", ref) == (
        date(2017, 1, 1),
        date(2017, 12, 31),
    )
    assert dates.resolve("il y a un an", ref) == (date(2018, 1, 1), date(2018, 12, 31))
    assert dates.resolve("la première saisie remonte au premier décembre", date(2019, 12, 18)) == (
        date(2019, 12, 1),
        date(2019, 12, 1),
    )


@pytest.fixture(scope="module")
def ling():
    return Linguistics(load_nlp())


def test_a_find_told_by_what_the_search_gave(ling):
    assert "seizure.fouille_revele" in ling.fired("seizure", "Les perquisitions révèlent un butin : 11 kilos de résine")
    assert "seizure.fouille_revele" in ling.fired("seizure", "les fouilles menées jeudi ont livré 2 kilos d'herbe")
    assert "seizure.resultat_des_fouilles" in ling.fired("seizure", "C'est le résultat des perquisitions de mardi.")
    assert "seizure.a_demantele_un_reseau" not in ling.fired("seizure", "ont démantelé un autre réseau")
    assert "arrest.a_demantele_un_reseau" in ling.fired("arrest", "les policiers ont démantelé un autre réseau")
    assert "arrest.arrete" in ling.fired("arrest", "le suspect avait déjà été arrêté pour les mêmes faits")
    # a person who reveals, or a result of an inquiry, is no find
    assert not ling.fired("seizure", "« Les écoutes ont commencé il y a un an », révèle la commissaire")
    assert not ling.fired("seizure", "le résultat de l'enquête sera connu en juin")


def test_an_earlier_shooting_told_in_a_relative_clause_with_deja_is_another_one():
    ref = date(2020, 2, 27)
    clause = (
        "Un jeune homme a été blessé aux jambes par des tirs ce jeudi 27 février à Planoise, où deux mineurs avaient "
        "déjà été blessés la veille, a-t-on appris."
    )
    told = recalls.several(clause, ref, None)
    assert told == [(date(2020, 2, 27), date(2020, 2, 27)), (date(2020, 2, 26), date(2020, 2, 26))]
    first, earlier = (Event("shooting", "25056", "25", "Planoise", 1, *day, injured=3) for day in told)
    recalls.tolls_apart(clause, [first, earlier])
    assert (first.injured, earlier.injured) == (1, 2)
    # the same place told with no "déjà", or a date that is no earlier ("le même jour"): one shooting
    assert recalls.several("Un homme a été blessé jeudi à Planoise, où vivent deux mineurs.", ref, None) == []
    assert (
        recalls.several("Un homme a été blessé le 27 février, où deux avaient déjà été blessés le même jour", ref, None)
        == []
    )


def test_a_summary_of_seizures_said_by_its_noun_is_no_seizure_of_its_own():
    text = "Le commissaire a détaillé ce jeudi 30 janvier les principales interpellations et saisies effectuées. 64 g."
    clause = text.split(". ")[0] + "."
    assert recalls.dated_noun(clause, ["seizure.saisie"], date(2025, 1, 30), text) == ""


def test_a_second_victim_told_days_after_the_first_is_another_shooting():
    ref = date(2024, 10, 15)
    clause = "un guetteur avait été tué par balle le 2 octobre, puis un jeune de 19 ans quatre jours plus tard"
    assert recalls.several(clause, ref, None) == [(date(2024, 10, 2), date(2024, 10, 2)), (date(2024, 10, 6),) * 2]
    # the same victim's death told days after is no other shooting
    assert (
        recalls.several("un homme a été blessé par balle le 2 octobre, puis est décédé trois jours après", ref, None)
        == []
    )


def test_a_date_told_by_what_it_goes_back_to_and_a_period_since():
    ref = date(2023, 8, 31)
    assert dates.resolve("la dernière fusillade de la ville remonte à juillet 2019", ref) == (
        date(2019, 7, 1),
        date(2019, 7, 31),
    )
    assert dates.resolve("depuis une semaine, les dealers menacent les habitants", ref) == (date(2023, 8, 24), ref)


def test_goods_told_as_seized_with_a_definite_article_before_any_seizure_are_a_first_mention():
    text = "Pour l'instant, on ne connaît pas les volumes saisis, mais il est question de cocaïne."
    assert (
        recalls.introduced_goods(text)
        == "Pour l'instant, on ne connaît pas des volumes saisis, mais il est question de cocaïne."
    )
    assert recalls.introduced_goods("la drogue saisie sera détruite") == "des drogue saisie sera détruite"
    # persons, or goods seized by someone named, are left as they are
    assert recalls.introduced_goods("les deux hommes ont été saisis") == "les deux hommes ont été saisis"
    assert (
        recalls.introduced_goods("les stupéfiants saisis par les douaniers")
        == "les stupéfiants saisis par les douaniers"
    )


def test_the_day_after_told_in_the_same_sentence_is_a_clause_of_its_own():
    from vigie.press.extract import _clauses

    sentence = "Un guetteur a été blessé samedi, et le lendemain un immeuble a été visé par des tirs."
    assert _clauses(sentence) == [
        "Un guetteur a été blessé samedi",
        "le lendemain un immeuble a été visé par des tirs.",
    ]
    assert len(_clauses("Il a été interpellé le lendemain, et présenté au juge.")) == 1
    # one clause's two shootings in two places, the second told "la veille dans …", stay one clause (recalls.paired)
    assert (
        len(_clauses("deux victimes par balles vendredi 12 mai, et la veille dans le quartier des Fontbarlettes.")) == 1
    )


def test_a_target_taken_in_the_feminine_is_a_shooting(ling):
    assert "shooting.pris_pour_cible" in ling.fired("shooting", "une maison prise pour cible dans la nuit")
    assert not ling.fired("shooting", "ils voulaient prendre pour cible le commissariat")  # an intent

"""Dates of events and how many events an article tells (press/dates.py, press/counting.py): a month named after
"de", a span of months, the reporting verb's day, each of a clause's events dated from its own trigger, and a mention
told "le lendemain" of an undated one is another event."""

from datetime import date

import pytest

from vigie.press import counting, dates
from vigie.press.schema import Event

REF = date(2025, 2, 19)  # a Wednesday


@pytest.mark.parametrize(
    "text,expected",
    [
        ("L'opération de décembre avait pourtant été un succès", (date(2024, 12, 1), date(2024, 12, 31))),
        ("le mois d'octobre 2023, quand un homme", (date(2023, 10, 1), date(2023, 10, 31))),
        ("après le coup de filet d'avril", (date(2024, 4, 1), date(2024, 4, 30))),
        ("De mai à novembre 2024, les enquêteurs", (date(2024, 5, 1), date(2024, 11, 30))),
        ("de décembre à février", (date(2024, 12, 1), date(2025, 2, 28))),
        ("interceptées depuis le mois de juin 2024", (date(2024, 6, 1), REF)),
        ("depuis mars", (date(2024, 3, 1), REF)),
        ("en mars dernier", (date(2024, 3, 1), date(2024, 3, 31))),
        # the day something was learnt or said is not the event's
        ("huit personnes ont été interpellées, a-t-on appris mardi auprès du parquet", None),
        ("ont été saisis, ont appris lundi les enquêteurs", None),
    ],
)
def test_month_and_reporting_dates(text, expected):
    assert dates.resolve(text, REF) == expected


class _Trigger:
    def __init__(self, start):
        self.start = start


def test_each_event_of_a_clause_takes_the_date_after_its_trigger():
    clause = "Deux hommes ont été interpellés jeudi dans l'enquête sur la fusillade survenue lundi soir"
    assert dates.from_trigger(clause, _Trigger(clause.index("interpellés")), REF) == (date(2025, 2, 13),) * 2
    assert dates.from_trigger(clause, _Trigger(clause.index("fusillade")), REF) == (date(2025, 2, 17),) * 2
    assert dates.from_trigger(clause, None, REF) is None
    assert dates.from_trigger("Mardi, une fusillade a éclaté", _Trigger(11), REF) is None  # the clause's date then


def _seizure(evidence, start=None, end=None):
    event = Event("seizure", "03185", "03", "Montluçon", 1, start, end or REF, evidence=evidence)
    event.own_date = start is not None
    return event


def test_a_mention_told_the_next_day_is_another_event():
    undated = _seizure("Dans un local à vélos, ils découvrent 85 grammes de résine de cannabis.")
    next_day = _seizure("Le lendemain matin, mardi 11 mars, ils ont trouvé 60 grammes de cocaïne.", date(2025, 3, 11))
    assert not counting.same(undated, next_day)
    told_again = _seizure("Mardi 11 mars, les policiers ont trouvé 60 grammes de cocaïne.", date(2025, 3, 11))
    assert counting.same(undated, told_again)  # an undated mention of the same seizure is still one event
    assert len(counting.merge([undated, next_day])) == 2


def test_hours_later_since_a_day_and_a_tally_clause():
    anchor = (date(2024, 4, 8), date(2024, 4, 8))
    assert dates.resolve("48 heures plus tard, les agents", REF, anchor) == (date(2024, 4, 10),) * 2
    assert dates.resolve("Quelques heures plus tard, un second", REF, anchor) == anchor
    assert dates.resolve("trois heures après", REF, anchor) == anchor
    assert dates.resolve("interpellés depuis le 1er janvier", REF) == (date(2025, 1, 1), REF)
    # the tally's "depuis le 1er janvier" is not when the man was killed; "a indiqué dimanche" not either
    tally = "Un homme a été tué à Nîmes, a indiqué dimanche le parquet, ce qui porte à onze le nombre de morts depuis"
    assert dates.resolve(tally + " le 1er janvier.", REF) is None


def test_a_sentence_that_only_dates_the_event_just_told():
    event = Event("shooting", "30189", "30", "Nîmes", 1, None, REF, evidence="Un homme a été tué par balles à Nîmes.")
    event.own_date = False
    counting.dated_by(event, "La victime était connue des services de police.", REF)
    assert event.date_start is None
    counting.dated_by(event, "Les faits se sont produits jeudi vers 22 heures au pied d'un immeuble.", REF)
    assert (event.date_start, event.date_end) == (date(2025, 2, 13), date(2025, 2, 13))
    counting.dated_by(event, "Les faits se sont produits lundi.", REF)  # it has a date of its own now
    assert event.date_start == date(2025, 2, 13)


def test_arrests_told_in_two_batches_each_on_its_date():
    ref = date(2022, 11, 24)
    text = "Six suspects ont été interpellés le 4 octobre, puis deux autres début novembre."
    assert counting.batches(text, ref, None) == [
        ((date(2022, 10, 4), date(2022, 10, 4)), None),
        ((date(2022, 11, 1), date(2022, 11, 10)), 2),
    ]
    text = "Fin 2021 et début 2022, les gendarmes ont interpellé en deux temps plusieurs revendeurs."
    assert [when for when, _ in counting.batches(text, ref, None)] == [
        (date(2021, 12, 1), date(2021, 12, 31)),
        (date(2022, 1, 1), date(2022, 1, 31)),
    ]
    # one batch: the same day told twice, or two dates with no second batch nor two goes
    assert counting.batches("Six suspects interpellés le 4 octobre, puis deux autres le même jour.", ref, None) == []
    assert counting.batches("Interpellés le 4 octobre et présentés au juge le 6 octobre.", ref, None) == []

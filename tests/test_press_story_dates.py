"""Dates and counting of one type's events (issue 13, S11): "ce jeudi" in a Thursday's article, a span "moins d'un
mois après" the event it names, "quelques heures plus tard" after a night, a mention with no date of its own kept
from an event of another time, and a mention whose place its sentence does not name merged into the event it retells.
"""

from __future__ import annotations

from datetime import date

from vigie.press import counting, dates
from vigie.press.schema import Event

THURSDAY = date(2024, 3, 14)


def test_ce_and_a_weekday_is_that_day_of_the_article_or_the_latest_before():
    assert dates.resolve("Ce jeudi matin, une fusillade a éclaté", THURSDAY) == (THURSDAY, THURSDAY)
    assert dates.resolve("ont été interpellés ce mardi à Abbeville", THURSDAY) == (date(2024, 3, 12),) * 2
    assert dates.resolve("une fusillade a éclaté jeudi soir", THURSDAY) == (date(2024, 3, 7),) * 2  # the one before
    # the day it was announced is no event's: "a-t-on appris ce jeudi", "informe ce samedi la préfecture"
    assert dates.resolve("2,5 kilos de cocaïne ont été saisis, a-t-on appris ce jeudi.", THURSDAY) is None
    assert dates.resolve("4,8 kilos ont été saisis, informe ce samedi la préfecture.", THURSDAY) is None


def test_spans_and_hours_counted_from_the_event_told():
    day = (date(2025, 2, 21), date(2025, 2, 21))
    text = "cette affaire intervient moins d'un mois après la saisie de 6 kg d'héroïne"
    assert dates.resolve(text, date(2025, 2, 24), day) == (date(2025, 1, 22), date(2025, 2, 20))
    assert dates.resolve("quatre jours après des tirs", date(2025, 2, 24), day) == (date(2025, 2, 17),) * 2
    night = (date(2025, 3, 15), date(2025, 3, 16))
    # the hours after a night may be either of its days; after a day, that day
    assert dates.resolve("interpellés quelques heures plus tard à Saint-Fons", THURSDAY, night) == night
    assert dates.resolve("interpellés quelques heures plus tard", THURSDAY, day) == day
    assert dates.resolve("Un mois plus tard, sept autres dealers", THURSDAY, day) == (
        date(2025, 3, 1),
        date(2025, 3, 31),
    )


def test_months_counted_from_the_event_told_are_calendar_months_and_a_hostile_count_is_no_date():
    november = (date(2024, 11, 5), date(2024, 11, 5))
    assert dates.resolve("Un mois plus tard, sept autres dealers", THURSDAY, november) == (
        date(2024, 12, 1),
        date(2024, 12, 31),
    )
    assert dates.resolve("Onze mois après, rien", THURSDAY, november) == (date(2025, 10, 1), date(2025, 10, 31))
    assert dates.resolve("deux mois plus tôt", THURSDAY, november) == (date(2024, 9, 1), date(2024, 9, 30))
    # a count of months beyond any calendar (a fuzzer's, or a typo's) is no date, and is answered at once
    assert dates.resolve("999999999999 mois plus tard, rien", THURSDAY, november) is None


def _event(kind, start, end, place="Lorient", code="56121", **extra):
    e = Event(kind, code, code[:2], place, 1, start, end, evidence=f"{kind} {place} {start}")
    for k, v in extra.items():
        setattr(e, k, v)
    return e


def test_a_mention_with_no_date_is_of_the_story_it_was_told_in():
    # "Mardi 30 juillet, …" then "Lors des perquisitions, … 10 kg" (no date), then a seizure of May recalled
    undated = _event("seizure", None, date(2024, 8, 5), story_date=(date(2024, 7, 30), date(2024, 7, 30)))
    may = _event("seizure", date(2024, 5, 28), date(2024, 5, 29), own_date=True)
    assert not counting.same(undated, may) and not counting.same(may, undated)
    assert len(counting.merge([undated, may])) == 2
    # told in the story of May, it is a mention of May's
    undated.story_date = (date(2024, 5, 29), date(2024, 5, 29))
    assert counting.same(undated, may)
    # with no story told before it, any date is open to it (as before)
    undated.story_date = None
    assert counting.same(undated, may)


def test_a_place_its_sentence_does_not_name_tells_no_other_event():
    night = _event("shooting", date(2025, 3, 15), date(2025, 3, 16), "Minguettes", "69259", own_date=True, killed=1)
    # "Dimanche matin, … devant la tour où le jeune homme a été abattu": dated inside it, placed in another district
    # of the town by the sentences before it
    sunday = _event("shooting", date(2025, 3, 16), date(2025, 3, 16), "Darnaise", "69259", carried=True)
    # "Le tireur a ouvert le feu à plusieurs reprises": no date, told while the story was at that night, placed in the
    # town of the arrest told just before
    story = (date(2025, 3, 15), date(2025, 3, 16))
    shooter = _event("shooting", None, date(2025, 3, 17), "Saint-Fons", "69199", carried=True, story_date=story)
    assert counting.merge([night, sunday, shooter]) == [night]
    # a district the sentence names is another event; so is a carried mention told as another ("d'autres tirs"), or
    # one told while the story was elsewhen
    named = _event("shooting", date(2025, 3, 16), date(2025, 3, 16), "Darnaise", "69259")
    other = _event("shooting", None, date(2025, 3, 17), "Saint-Fons", "69199", carried=True, story_date=story)
    other.another = True
    before = _event("shooting", None, date(2025, 3, 17), "Saint-Fons", "69199", carried=True)
    before.story_date = (date(2024, 7, 1), date(2024, 7, 31))
    for e in (named, other, before):
        assert len(counting.merge([night, e])) == 2
    # a span around the named one, though carried, is no retelling ("habitué depuis novembre 2014")
    span = _event("shooting", date(2014, 11, 1), date(2025, 3, 17), "Minguettes", "69259", carried=True, own_date=True)
    named_day = _event("shooting", date(2025, 3, 16), date(2025, 3, 16), "Tour 10", "69259", own_date=True)
    assert len(counting.merge([named_day, span])) == 2


def test_a_date_of_another_clock_is_no_date_of_the_events(extractor):
    """A date the parse attaches to another clock than the events' (rules/words.toml date.clock_*) is blanked: the day
    a fact was announced, an inquiry opened; not the day of an event told in the same words, nor a
    recency word, nor the date of the words a speaker closes."""
    ref = date(2024, 3, 8)
    own = extractor._own_clock
    text, rules = own("Ce vendredi 8 mars, la préfecture a annoncé l'interpellation de trois hommes.", ref)
    assert "vendredi" not in text and len(text) == 77 and rules == ["date.clock_announced_before"]
    text, rules = own("Une enquête, ouverte en janvier, a permis la saisie de 2 kilos de cocaïne.", ref)
    assert "janvier" not in text and rules == ["date.clock_inquiry_opened"]
    for kept in (
        "Mardi, les policiers ont saisi 2 kilos de cocaïne, a indiqué la préfecture.",
        "Fin février, trois arrestations ont confirmé la piste, indique le parquet.",
        "Le préfet a indiqué récemment que trois points de deal avaient été démantelés.",
    ):
        assert own(kept, ref) == (kept, [])

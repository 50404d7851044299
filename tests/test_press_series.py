"""A series of shootings told as a summary (press/recalls.py `series_told_one_by_one`), and "depuis le début de
l'été" read from that start to the article date (press/dates.py)."""

from datetime import date

from vigie.press import dates, recalls
from vigie.press.linguistics import Trigger
from vigie.press.schema import Event

REF = date(2024, 8, 19)


def test_since_the_start_of_a_season_runs_to_the_article_date():
    assert dates.resolve("depuis le début de l'été", REF) == (date(2024, 6, 1), REF)
    assert dates.resolve("au début de l'été", REF) == (date(2024, 6, 1), date(2024, 6, 30))


def _shooting(series: bool, start, end, own_date=True, injured=None) -> Event:
    e = Event("shooting", "84007", "84", "Avignon", 1, start, end, injured=injured)
    e.series, e.own_date = series, own_date
    return e


def test_a_plural_of_episodes_after_a_quantifier_is_a_series():
    text = "La ville connaît plusieurs fusillades sur fond de trafic"
    at = text.index("fusillades")
    assert recalls.series(text, [Trigger("shooting", "shooting.fusillade", at, at + 10)])
    one = "Une fusillade a éclaté"
    assert not recalls.series(one, [Trigger("shooting", "shooting.fusillade", 4, 14)])
    shots = "des tirs ont éclaté"  # the plural of one episode
    assert not recalls.series(shots, [Trigger("shooting", "shooting.tir", 4, 8)])


def test_a_series_over_the_days_of_a_shooting_told_is_its_summary():
    one = _shooting(False, date(2024, 8, 18), date(2024, 8, 18), injured=1)
    summary = _shooting(True, date(2024, 6, 1), REF)
    assert recalls.series_told_one_by_one([one, summary]) == [one]
    # a series of another time is an event of its own ("plusieurs fusillades l'an dernier")
    earlier = _shooting(True, date(2023, 1, 1), date(2023, 12, 31))
    assert recalls.series_told_one_by_one([one, earlier]) == [one, earlier]
    # and a series with a toll is no summary
    toll = _shooting(True, date(2024, 6, 1), REF, injured=3)
    assert recalls.series_told_one_by_one([one, toll]) == [one, toll]

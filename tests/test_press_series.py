"""A series of shootings told as a summary (press/recalls.py `series_told_one_by_one`), and "depuis le début de
l'été" read from that start to the article date (press/dates.py)."""

from datetime import date

from vigie.press import dates

REF = date(2024, 8, 19)


def test_since_the_start_of_a_season_runs_to_the_article_date():
    assert dates.resolve("depuis le début de l'été", REF) == (date(2024, 6, 1), REF)
    assert dates.resolve("au début de l'été", REF) == (date(2024, 6, 1), date(2024, 6, 30))


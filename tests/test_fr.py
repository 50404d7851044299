"""French formatting (vigie.fr), as the pages and the town report print it."""

import datetime as dt

from vigie import fr

NB = "\u00a0"


def test_numbers_group_thousands_with_a_no_break_space_and_use_a_decimal_comma():
    assert fr.number(12345) == f"12{NB}345"
    assert fr.number(1234567) == f"1{NB}234{NB}567"
    assert fr.number(1.9703, 2) == "1,97"
    assert fr.number(-4321.5, 1) == f"-4{NB}321,5"
    assert fr.number(None) == "—"
    assert fr.number(float("nan"), empty="") == ""
    assert fr.percent(12.46, 1) == f"12,5{NB}%"


def test_dates_are_written_out_in_french_with_1er_for_the_first():
    assert fr.date(dt.date(2023, 6, 3)) == "3 juin 2023"
    assert fr.date("2024-02-01") == "1er février 2024"
    assert fr.date(dt.datetime(2025, 12, 31, 23, 59)) == "31 décembre 2025"
    assert fr.month("2021-08-15") == "août 2021"
    assert fr.date(None) == "—"


def test_every_hot_spot_category_has_a_french_label_and_meaning():
    from vigie.analysis.hotspots import CATEGORIES

    assert set(fr.CATEGORIES) == set(CATEGORIES)
    assert all(label and meaning.endswith(".") for label, meaning in fr.CATEGORIES.values())
    assert fr.size_class("ville_moyenne") == f"ville moyenne (10{NB}000 à 99{NB}999 habitants)"

"""An arrest told again with no date at all (counting.arrest_undated_again): in the commune of an arrest the article
dates, whatever district or group its sentence names, it is that arrest, one event; an arrest told as another, or in
another commune, stays apart."""

from datetime import date

from vigie.press.counting import merge
from vigie.press.schema import Event

DAY = date(2024, 5, 14)


def arrest(place, start, end, **kw):
    return Event("arrest", "30189", "30", place, 1, start, end, **kw)


def test_an_undated_arrest_in_the_commune_of_a_dated_one_is_that_arrest():
    dated = arrest("Nîmes", DAY, DAY, count=6, own_date=True, evidence="a")
    again = arrest("Pissevin", None, date(2024, 5, 16), count=6)
    assert len(merge([dated, again])) == 1


def test_an_undated_arrest_told_as_another_or_elsewhere_stays_apart():
    dated = arrest("Nîmes", DAY, DAY, count=6, own_date=True, evidence="a")
    other = arrest("Pissevin", None, date(2024, 5, 16), count=2, another=True, evidence="b")
    assert len(merge([dated, other])) == 2
    elsewhere = Event("arrest", "30007", "30", "Alès", 1, None, date(2024, 5, 16))
    assert len(merge([arrest("Nîmes", DAY, DAY, own_date=True), elsewhere])) == 2

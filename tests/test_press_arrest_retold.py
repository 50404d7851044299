"""An arrest told again (counting.arrest_retold): told in a sentence that names no place, on the day another arrest is
told with its own place, it is that arrest, at that place."""

from datetime import date

from vigie.press import counting
from vigie.press.schema import Event

DAY = date(2023, 3, 28)


def arrest(place, commune, count=1, carried=False, start=DAY, end=DAY):
    e = Event("arrest", commune, "60", place, 1, start, end, count=count, evidence=place)
    e.carried = carried
    return e


def test_an_arrest_with_a_carried_place_is_the_one_told_with_its_own_place_that_day():
    # "Un suspect a été interpellé mardi." (placed by the shootings told before) … "interpellé à Creil mardi"
    merged = counting.merge([arrest("Argentine", "60057", carried=True), arrest("Creil", "60175")])
    assert [(e.place, e.commune, e.count) for e in merged] == [("Creil", "60175", 1)]


def test_arrests_told_apart_stay_apart():
    # both with places of their own, another day, or other persons counted: two arrests
    assert len(counting.merge([arrest("Beauvais", "60057"), arrest("Creil", "60175")])) == 2
    later = date(2023, 3, 30)
    assert (
        len(
            counting.merge(
                [arrest("Argentine", "60057", carried=True, start=later, end=later), arrest("Creil", "60175")]
            )
        )
        == 2
    )
    assert len(counting.merge([arrest("Argentine", "60057", count=3, carried=True), arrest("Creil", "60175")])) == 2

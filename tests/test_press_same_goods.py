"""One seizure told twice by its goods (counting.same_goods): the same drugs weighed to the gram, on dates that
overlap, are one event whatever places each mention was read with; a part of them, or another day, is not."""

from datetime import date

from vigie.press import counting
from vigie.press.schema import Event

DAY = date(2021, 3, 8)


def seizure(place, commune, departement, precision, drugs, start=DAY, end=DAY):
    return Event("seizure", commune, departement, place, precision, start, end, drugs=drugs)


def herb(kg):
    return [{"substance": "cannabis", "quantity": kg, "unit": "kg"}]


def test_the_same_goods_on_the_same_day_are_one_seizure_at_the_place_said_more_precisely():
    # "Elles ont découvert 42 kilos d'herbe" placed by the motorway (no département), "Il transportait 42 kilos
    # d'herbe" at the rest area near a town of the Landes
    lead = seizure("une aire de repos de l'A65", None, None, 3, herb(42.0))
    body = seizure("l'aire d'autoroute d'Aire-sur-l'Adour", None, "40", 2, herb(42.0))
    merged = counting.merge([lead, body])
    assert [(e.place, e.departement, e.geo_precision) for e in merged] == [
        ("l'aire d'autoroute d'Aire-sur-l'Adour", "40", 2)
    ]


def test_a_part_of_the_goods_another_amount_or_another_day_is_another_seizure():
    both = [*herb(60.0), {"substance": "cocaine", "quantity": 2.1, "unit": "kg"}]
    headline = seizure("Cayenne", "97302", "973", 1, both)  # a headline's sum over two seizures
    pirogue = seizure("Saint-Laurent-du-Maroni", "97311", "973", 1, herb(60.0))
    assert not counting.same_goods(headline, pirogue)
    assert not counting.same_goods(pirogue, seizure("Mana", "97306", "973", 1, herb(61.0)))
    later = date(2021, 5, 2)
    assert not counting.same_goods(pirogue, seizure("Mana", "97306", "973", 1, herb(60.0), later, later))
    assert counting.same_goods(pirogue, seizure("Mana", "97306", "973", 1, herb(60.0)))
    # goods named with no amount tell nothing of the kind
    vague = [{"substance": "cannabis", "quantity": None, "unit": None}]
    assert not counting.same_goods(
        seizure("Mana", "97306", "973", 1, vague), seizure("Apatou", "97360", "973", 1, vague)
    )

"""Names that are no commune of the event, session 19 (p19e): a country abroad (a vehicle's registration, a route),
an outlet that told the news (a radio, a newspaper, a social network), a body of water named after a town, an airport
named after a person, and where goods were bound. Our own sentences; fixtures 1040-1043 carry each class in an
article."""

from vigie.press.geography import ArticlePlaces


def where(place):
    return (place.code, place.departement, place.precision)


def places(extractor, title, text):
    return [where(p) for p in ArticlePlaces.read(extractor.gaz, title, text).places(text)]


def test_a_country_of_registration_is_no_district_of_the_article_s_town(extractor):
    title = "Sarrebourg : un camion contrôlé"
    text = "Un camion immatriculé en Roumanie a été contrôlé mardi sur l'autoroute A4 à hauteur de Phalsbourg."
    assert places(extractor, title, text) == [(None, "57", 2)]
    text = "Le chauffeur d'un camion immatriculé en Roumanie a été interpellé à Phalsbourg."
    assert places(extractor, title, text) == [("57540", "57", 1)]


def test_an_outlet_that_told_the_news_is_no_place(extractor):
    title = "Reims : deux interpellations"
    for text in (
        "Deux hommes ont été interpellés, selon L'Union.",
        "Deux hommes ont été interpellés, a appris France Bleu Champagne.",
        "Les vidéos des tirs ont été publiées sur Snapchat.",
        "Trois hommes ont été interpellés, rapporte La Montagne.",
    ):
        assert places(extractor, title, text) == [], text
    # the town an outlet's sentence names is still the place
    text = "Deux hommes ont été interpellés à Épernay, selon L'Union."
    assert places(extractor, title, text) == [("51230", "51", 1)]


def test_a_body_of_water_named_after_a_town_is_the_area_around_it(extractor):
    title = "Bouches-du-Rhône : des tirs"
    text = "Des tirs ont visé un immeuble d'une commune du pourtour de l'étang de Berre."
    assert places(extractor, title, text) == [(None, "13", 3)]


def test_an_airport_named_after_a_person_is_in_its_commune_and_a_destination_is_no_place(extractor):
    title = "Guadeloupe : de la cocaïne dans le fret"
    text = "Les douaniers ont saisi 60 kilos de cocaïne à l'aéroport Maryse-Condé."
    assert places(extractor, title, text) == [("97101", "971", 1)]
    text = "La marchandise était en partance pour l'aéroport d'Orly."
    assert places(extractor, title, text) == []

"""Events lost for want of a place, session 20 (p20a): an article that names no commune as a place but the seat of its
town's institutions ("l'enquête ouverte par le parquet d'Auch", "les agents du commissariat de Carcassonne") tells
events of that town; the seats of two towns say none. Our own sentences; fixtures 1130-1131 carry it in an article."""

from vigie.press.geography import ArticlePlaces


def seat(extractor, title, text):
    place = ArticlePlaces.read(extractor.gaz, title, text).seat()
    return place and (place.code, place.departement, place.precision)


def test_the_one_town_an_article_names_as_its_institutions_seat_is_its_place(extractor):
    title = "Un point de vente démantelé"
    text = "Deux hommes ont été interpellés mardi. L'enquête avait été ouverte par le parquet d'Auch."
    assert seat(extractor, title, text) == ("32013", "32", 1)
    text = "Le maire de Carcassonne a salué le travail des agents du commissariat de Carcassonne."
    assert seat(extractor, title, text) == ("11069", "11", 1)


def test_no_seat_when_a_town_is_named_as_a_place_or_two_towns_seat_institutions(extractor):
    title = "Un trafic de résine démantelé"
    text = "Trois hommes ont été interpellés à Mirande. L'enquête avait été ouverte par le parquet d'Auch."
    assert seat(extractor, title, text) is None
    text = "Trois hommes ont été interpellés. Le parquet de Tarbes s'est dessaisi au profit du parquet de Pau."
    assert seat(extractor, title, text) is None
    # officers of a unit that covers a wider area are no town's institution: "la police judiciaire de Toulon"
    text = "Les enquêteurs de la police judiciaire de Toulon ont arrêté trois hommes."
    assert seat(extractor, title, text) is None

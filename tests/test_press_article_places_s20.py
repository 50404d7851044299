"""Place readings that lost every event of an article, session 20: "plus au Nord" read as the département Nord (a
small town outside it then vetoed), a town named by its short name only ("Cherbourg" for Cherbourg-en-Cotentin), a
curated neighbourhood of another town beating the headline's town ("Brest : … à Bellevue"), and a small town of a
département that other names of the article point to. Our own sentences; fixtures 1120-1123 carry each class in an
article."""

from vigie.press.geography import ArticlePlaces


def places(extractor, title, text):
    return [(p.code, p.departement, p.precision) for p in ArticlePlaces.read(extractor.gaz, title, text).places(text)]


def test_the_nord_as_a_compass_point_is_no_departement(extractor):
    named = extractor.gaz.departements_in
    assert named("La drogue devait repartir plus au Nord.") == []
    assert named("Un point de deal à Aucamville, au Nord de Toulouse.") == []
    assert named("Un village au Nord-Ouest de Roanne.") == []
    assert named("Les réseaux du Nord de la France.") == []
    assert named("Deux saisies dans le Nord cette semaine.") == ["59"]
    assert named("Deux hommes interpellés à Tourcoing (Nord).") == ["59"]
    assert named("Nord : 40 kilos saisis sur l'autoroute") == ["59"]


def test_a_town_named_by_its_only_short_name_is_that_town_anywhere(extractor):
    # "Cherbourg" is Cherbourg-en-Cotentin, the only town of 10,000 people or more whose name it opens
    assert places(extractor, "Cherbourg : des tirs", "Des tirs à Cherbourg.") == [("50129", "50", 1)]
    assert places(extractor, "Des tirs en ville", "Des coups de feu ont été tirés à Cherbourg.") == [("50129", "50", 1)]
    # a short name that opens several towns' names says which one only where the article is
    assert places(extractor, "Des tirs en ville", "Des coups de feu ont été tirés à Vitry.") == []


def test_a_curated_neighbourhood_of_another_town_is_no_district_of_the_headline_s_town(extractor):
    title = "Brest : descente de police"
    text = "Les policiers ont investi le quartier de Bellevue."
    assert places(extractor, title, text) == [("29019", "29", 1)]
    # without a headline's town, the curated neighbourhood keeps its town
    assert places(extractor, "Descente de police", "Les policiers ont investi le quartier de Bellevue.") == [
        ("44109", "44", 1)
    ]


def test_a_small_town_whose_departement_other_names_point_to_beats_a_homonym(extractor):
    title = "Saint-Claude : un coup de filet"
    text = "Des renforts sont venus de Morez et de Champagnole, et de Pontarlier, dans le Doubs."
    reader = ArticlePlaces.read(extractor.gaz, title, text)
    assert reader.places("à Saint-Claude")[0].code == "39478"  # Jura, not Saint-Claude (Guadeloupe)
    # with one other name only, the named département decides as before
    text = "Des renforts sont venus de Champagnole, et de Pontarlier, dans le Doubs."
    assert ArticlePlaces.read(extractor.gaz, title, text).places("à Saint-Claude")[0].code == "97124"


def test_a_district_takes_the_town_its_sentence_names_right_after_it(extractor):
    title = "Istres : un homme blessé"
    text = (
        "Un homme a été blessé à Istres. C'est la deuxième fusillade de la semaine, après celle de la cité Marius "
        "Jouveau mardi dans le 13e arrondissement de Marseille."
    )
    reader = ArticlePlaces.read(extractor.gaz, title, text)
    assert reader.districts["marius jouveau"] == "13055"  # not the headline's town
    assert reader.places("à la cité Marius Jouveau")[0].code == "13055"
    # a town further on in the sentence, past TOWN_AFTER characters, is not the district's: the headline's town is
    text = (
        "Un homme a été blessé dans la cité Marius Jouveau, selon les premiers éléments de l'enquête menée par la "
        "police judiciaire, qui a aussi entendu des témoins à Marseille."
    )
    assert ArticlePlaces.read(extractor.gaz, title, text).districts["marius jouveau"] == "13047"

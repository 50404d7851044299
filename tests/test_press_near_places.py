"""Places near a town, and towns that are not the event's place (issue 13, session 9): "du côté de X" and "aux environs
de X" are near X (geo_precision 2), a motorway rest area named after its commune (even in lower case) is near that
commune, a customs office's or a BAC's town gives way to the road its officers worked on, a French name of a foreign
city is abroad in an article about that country, and a demonym the curated table lacks is read from the towns the
article names ("le bassin annécien"). Our own sentences."""

import pytest

from vigie.press.geography import ArticlePlaces


def read(extractor, title: str, text: str) -> ArticlePlaces:
    return ArticlePlaces.read(extractor.gaz, title, text)


def where(place) -> tuple:
    return (place.code, place.departement, place.precision)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Les gendarmes ont saisi 2 kilos de cannabis du côté de Nègrepelisse.", (None, "82", 2)),
        ("Les gendarmes ont saisi 2 kilos de cannabis aux environs de Nègrepelisse.", (None, "82", 2)),
        ("Les douaniers ont saisi 2 kilos de cannabis sur l'aire de repos de Montauban.", (None, "82", 2)),
        ("Les gendarmes ont saisi 2 kilos de cannabis à Nègrepelisse.", ("82134", "82", 1)),  # in the town
    ],
)
def test_a_place_near_a_town_is_not_the_town(extractor, sentence, expected):
    places = read(extractor, "Saisie de cannabis", sentence).places(sentence)
    assert [where(p) for p in places] == [expected]


def test_a_rest_area_named_after_its_commune_in_lower_case(extractor):
    sentence = "Un homme a été arrêté sur l'aire d'autoroute d'aire sur l'Adour par les douanes de Pau ce lundi."
    resolver = read(extractor, "Saisie sur l'A65", sentence)
    assert resolver.places(sentence) == []  # the customs' town is not where it happened
    place = resolver.vague(sentence, None)
    assert where(place) == (None, "40", 2) and place.text == "l'aire d'autoroute d'aire sur l'Adour"


@pytest.mark.parametrize(
    "sentence",
    [
        "La douane de Pau a contrôlé un fourgon sur une aire de repos de l'A65.",
        "Les policiers de la BAC de Pau ont arrêté le conducteur sur l'autoroute A64.",
    ],
)
def test_a_units_town_gives_way_to_the_road(extractor, sentence):
    assert read(extractor, "Contrôle sur l'autoroute", sentence).places(sentence) == []


def test_a_units_town_is_the_place_when_nothing_else_is_named(extractor):
    sentence = "La douane de Pau a saisi 3 kilos de cocaïne mardi."
    assert [where(p) for p in read(extractor, "Saisie", sentence).places(sentence)] == [("64445", "64", 1)]


def test_valence_of_spain_in_an_article_about_spain(extractor):
    text = "Le chauffeur avait traversé l'Espagne. C'est à Valence qu'il a chargé la drogue."
    resolver = read(extractor, "Saisie de cannabis", text)
    assert resolver.places("C'est à Valence qu'il a chargé la drogue.") == []
    # an article about Valence (Drôme) that says where the resin came from keeps its town
    text = "Valence : 4 kilos de résine venue d'Espagne ont été saisis à Valence, dans le quartier de Fontbarlet."
    resolver = read(extractor, "Valence : saisie de résine", text)
    assert [p.code for p in resolver.places("Ils ont été saisis à Valence.")] == ["26362"]
    # nor one about a town near it, whatever the Drôme is named
    text = "La résine venait d'Espagne. Deux hommes ont été interpellés à Romans-sur-Isère, un troisième à Valence."
    resolver = read(extractor, "Romans-sur-Isère : un réseau démantelé", text)
    assert [p.code for p in resolver.places("Un troisième a été interpellé à Valence.")] == ["26362"]


def test_an_area_said_by_a_demonym_the_table_lacks(extractor):
    title = "Annecy : un trafic démantelé"
    text = "Un trafic a été démantelé dans le bassin annécien. 40 kilos de résine ont été saisis par les gendarmes."
    resolver = read(extractor, title, text)
    assert [where(p) for p in resolver.places("Un trafic a été démantelé dans le bassin annécien.")] == [
        (None, "74", 3)
    ]
    # the headline's town told as its area by the lead is where events with no place of their own are
    assert where(resolver.main_place(title, text)) == (None, "74", 3)
    # not in an article that names no such town
    other = read(extractor, "Un trafic démantelé", "Un trafic a été démantelé dans le bassin annécien.")
    assert other.places("Un trafic a été démantelé dans le bassin annécien.") == []


def test_a_list_of_communes_is_not_where_the_next_events_are(extractor):
    from vigie.press.geography import carries_over

    sentence = "Mardi, les policiers ont interpellé sept personnes à Lorient, Lanester et Hennebont."
    resolver = read(extractor, "Lorient : un réseau démantelé", sentence)
    (place,) = resolver.places(sentence)
    assert where(place) == (None, "56", 3) and not carries_over(place)
    (town,) = resolver.places("Deux hommes ont été interpellés à Lorient.")
    assert carries_over(town)


def test_the_channel_tunnel_is_at_coquelles(extractor):
    sentence = "Les douaniers ont contrôlé un camion au tunnel sous la Manche."
    resolver = read(extractor, "Calais : saisie de cocaïne", sentence)
    assert [where(p) for p in resolver.places(sentence)] == [("62239", "62", 1)]

"""The level of an event's place, session 15 (p15a): a place around a town, an operation over a list whose first town
is the main one, an area named by a demonym no table knows. Our own sentences; fixtures 896-898 carry each class in an
article."""

from vigie.press.geography import ArticlePlaces


def where(place):
    return (place.code, place.departement, place.precision)


def test_a_place_around_a_town_is_near_it(extractor):
    title = "Indre : un réseau démantelé"
    for text in (
        "Les gendarmes ont démantelé un réseau actif autour de la commune d'Issoudun.",
        "Les gendarmes ont saisi trois kilos dans le secteur d'Issoudun.",
        "Les gendarmes ont saisi trois kilos aux alentours d'Issoudun.",
    ):
        resolver = ArticlePlaces.read(extractor.gaz, title, text)
        assert [where(p) for p in resolver.places(text)] == [(None, "36", 2)], text
    # a town named after "à" is still the town
    text = "Les gendarmes ont saisi trois kilos à Issoudun."
    assert [where(p) for p in ArticlePlaces.read(extractor.gaz, title, text).places(text)] == [("36088", "36", 1)]


def test_a_list_opened_by_its_main_town_is_one_operation(extractor):
    text = "Les perquisitions, menées surtout à Châteauroux, mais aussi à Déols, Ardentes et Levroux, ont abouti."
    resolver = ArticlePlaces.read(extractor.gaz, "Indre : un réseau démantelé", text)
    assert [where(p) for p in resolver.places(text)] == [(None, "36", 3)]


def test_an_area_named_by_an_unknown_demonym_is_around_the_article_s_town(extractor):
    title = "Lons-le-Saunier : sept interpellations"
    text = "Sept personnes ont été interpellées mardi dans l'agglomération lédonienne."
    resolver = ArticlePlaces.read(extractor.gaz, title, text)
    assert [where(p) for p in resolver.places(text)] == [(None, "39", 3)]
    # the market a trade feeds is no place where anything happened
    fed = "Sept personnes soupçonnées d'un trafic alimentant l'agglomération lédonienne ont été interpellées."
    assert resolver.places(fed) == []


def test_the_districts_of_a_departement_are_several_places_in_it_not_a_district(extractor):
    text = (
        "Une opération a visé une vingtaine de cités du Val-d'Oise, à Sarcelles surtout. "
        "Le maire de Garges-lès-Gonesse s'inquiète."
    )
    resolver = ArticlePlaces.read(extractor.gaz, "Garges-lès-Gonesse : le maire inquiet", text)
    # not a district of the article's town
    assert resolver.places("Des tirs ont visé un immeuble dans le Val-d'Oise.") == []
    clause = "quatorze personnes ont été interpellées dans une vingtaine de cités du Val-d'Oise"
    assert where(resolver.vague(clause, None)) == (None, "95", 3)


def test_a_paragraph_s_last_town_leads_into_the_next_only_after_a_locative(extractor):
    title = "Deux trafics mis à mal à Niort et à Bressuire"
    text = "Un revendeur était actif à Bressuire. La drogue devait transiter par Bressuire."
    resolver = ArticlePlaces.read(extractor.gaz, title, text)
    located = "Les policiers avaient reçu des signalements visant un revendeur actif à Bressuire."
    assert [where(p) for p in extractor._lead_in(located, resolver.places(located), resolver)] == [("79049", "79", 1)]
    route = "La drogue devait transiter par Bressuire avant d'être revendue."
    assert extractor._lead_in(route, resolver.places(route), resolver) == []

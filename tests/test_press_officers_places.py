"""Where an event is when the article names officers' towns, a distance from a town, a person's whereabouts or a
headline's place near a town (issue 13, session 11, G11b). Our own sentences; fixtures 792-796 carry each class in an
article."""

from vigie.press.geography import ArticlePlaces


def where(place):
    return (place.code, place.departement, place.precision)


def test_officers_drawn_from_a_town_and_reinforcements_listed_in_brackets_name_no_place(extractor):
    text = "Ce matin-là, 80 gendarmes, pour la plupart d'Angers, sont intervenus avec des renforts (Laval, Sablé)."
    resolver = ArticlePlaces.read(extractor.gaz, "Segré-en-Anjou Bleu : un réseau démantelé", text)
    assert resolver.places(text) == []
    # the officers of one town named alone stay its officers' town
    alone = "Les gendarmes d'Angers ont saisi deux kilos."
    assert [where(p) for p in resolver.places(alone)] == [("49007", "49", 1)]


def test_the_officers_of_several_towns_are_one_operation_unless_one_is_the_article_s_town(extractor):
    text = "Mardi, les policiers de Quimper et de Brest ont contrôlé 150 personnes."
    resolver = ArticlePlaces.read(extractor.gaz, "Finistère : une journée de contrôles", text)
    assert [where(p) for p in resolver.places(text)] == [(None, "29", 3)]
    # a place of its own in the text says more
    there = "Mardi, les policiers de Quimper et de Brest ont contrôlé 150 personnes à Morlaix."
    assert [where(p) for p in resolver.places(there)] == [("29151", "29", 1)]
    brest = ArticlePlaces.read(extractor.gaz, "Brest : une journée de contrôles", text)
    assert (None, "29", 3) not in [where(p) for p in brest.places(text)]


def test_a_distance_from_a_town_is_near_it_and_a_person_s_departement_is_no_place(extractor):
    clause = "ils ont découvert 180 pieds dans un hameau situé à une quinzaine de kilomètres de Dole"
    resolver = ArticlePlaces.read(extractor.gaz, "Jura : une plantation", clause)
    assert where(resolver.vague(clause, None)) == (None, "39", 2)
    person = "Le chef présumé du réseau était pour sa part localisé dans le Var."
    assert ArticlePlaces.read(extractor.gaz, "", person).departement_place(person) is None
    assert ArticlePlaces.read(extractor.gaz, "", "Une saisie dans le Var.").departement_place("dans le Var") is not None


def test_a_headline_s_place_near_a_town_is_the_town_the_article_names(extractor):
    text = "Le réseau opérait depuis la commune de Bonchamp-lès-Laval. À Bonchamp-lès-Laval, personne ne savait."
    title = "Un trafic tenu depuis un village proche de Laval"
    assert where(ArticlePlaces.read(extractor.gaz, title, text).main_place(title, text)) == ("53034", "53", 1)
    # named once, the commune is no main town: the village stays near Laval
    once = "Le réseau opérait depuis une ferme isolée. Trois hommes ont été interpellés."
    assert where(ArticlePlaces.read(extractor.gaz, title, once).main_place(title, once)) == (None, "53", 2)

"""Where an event is when the article names other towns around it (issue 13, session 11, G11): the officers who came
to help, a unit named by its acronym, a person's home, an event recalled from long before, a network's home district,
the area around two towns, a route to a pays, a direction from a town. Our own sentences; fixtures 756-766 carry each
class in an article."""

from datetime import date

from vigie.press import territory
from vigie.press.geography import ArticlePlaces, carries_over, is_district


def where(place):
    return (place.code, place.departement, place.precision)


def test_officers_who_came_to_help_and_a_unit_by_its_acronym_name_no_place(extractor):
    text = "Épaulés par des collègues de Sens, ils ont saisi de la résine. Des renforts de Joigny étaient venus."
    resolver = ArticlePlaces.read(extractor.gaz, "Auxerre : de la résine saisie", text)
    assert resolver.places("Épaulés par des collègues de Sens, ils ont saisi de la résine.") == []
    units = "L'opération a mobilisé quarante gendarmes, appuyés par les PSPG de Flamanville et de Paluel."
    assert ArticlePlaces.read(extractor.gaz, "Valognes : trois interpellations", units).places(units) == []
    # the anti-crime brigade's town stays the officers' town, a zone's acronym names part of its town
    bac = "Les policiers de la BAC de Creil ont interpellé deux hommes."
    assert [where(p) for p in ArticlePlaces.read(extractor.gaz, "", bac).places(bac)] == [("60175", "60", 1)]


def test_a_home_and_an_old_event_are_no_setting_for_what_follows(extractor):
    sentence = "Un troisième suspect a été arrêté le même jour chez sa compagne à Mehun-sur-Yèvre."
    resolver = ArticlePlaces.read(extractor.gaz, "Vierzon : cinq kilos saisis", sentence)
    (home,) = resolver.places(sentence)
    assert home.code == "18141" and not carries_over(home, sentence)
    told = "Deux hommes ont été interpellés à Mehun-sur-Yèvre."
    (town,) = resolver.places(told)
    ref = date(2024, 11, 16)
    assert carries_over(town, told, (date(2024, 11, 12), date(2024, 11, 12)), ref)
    summer = (date(2023, 6, 1), date(2023, 8, 31))
    background = "L'été dernier, déjà, deux hommes avaient été interpellés à Mehun-sur-Yèvre."
    assert not carries_over(resolver.places(background)[0], background, summer, ref)
    assert carries_over(town, told, summer, ref)  # an old event told as the story, not as background


def test_a_district_of_the_town_a_network_comes_from_is_not_where_it_settled(extractor):
    title, clause = (
        "Alès : un point de deal",
        "des revendeurs venus de Nîmes, arrivés après la chute de leur réseau à Pissevin",
    )
    resolver = ArticlePlaces.read(extractor.gaz, title, clause)
    (district,) = resolver.places(territory.without_origins(clause))
    assert district.code == "30189" and is_district(district)
    fallback = resolver.places("à Alès")
    assert territory.settled_places(clause, [district], resolver.places, fallback, ["30189"]) == fallback
    castellane = "des équipes venues de la cité de la Castellane, à Marseille, se sont implantées aux Canourgues"
    assert "Castellane" not in territory.without_origins(castellane)
    assert "Marseille" not in territory.without_origins(castellane)


def test_areas_routes_and_directions(extractor):
    def read(title, text):
        return [where(p) for p in ArticlePlaces.read(extractor.gaz, title, text).places(text)]

    assert read("", "Une opération a eu lieu dans la région de Béziers et d'Agde.") == [(None, "34", 3)]
    assert read("", "Huit interpellés dans les régions de Dreux, Evreux (Eure) et Maurepas (Yvelines).") == [
        (None, None, 3)
    ]
    assert read("", "À Bayonne, Anglet et Biarritz, 150 policiers ont été mobilisés.") == [(None, "64", 3)]
    assert read("", "Un réseau de cocaïne actif entre Angoulême et le Sud-Charente.") == [(None, "16", 3)]
    assert read("", "Un trafic démantelé entre Agen et Villeneuve-sur-Lot.") == [(None, "47", 3)]  # two towns
    assert read("", "Un trafic de cannabis démantelé au nord-ouest de Tours.") == [(None, "37", 2)]
    assert read("", "Des coups de feu ont éclaté dans le nord de Marseille.") == [("13055", "13", 1)]  # part of it
    assert read("", "Mardi, à Tours, deux hommes ont été interpellés.") == [("37261", "37", 1)]


def test_a_district_named_alone_is_of_the_town_its_paragraph_named(extractor):
    text = (
        "Samedi, des tirs ont visé un immeuble à Saint-Louis.\n\nLa commune voisine de Huningue avait connu pareil "
        "épisode. En janvier, les policiers y avaient démantelé un point de deal de la cité du Rhin."
    )
    resolver = ArticlePlaces.read(extractor.gaz, "Saint-Louis : des tirs", text)
    (place,) = resolver.places("En janvier, les policiers y avaient démantelé un point de deal de la cité du Rhin.")
    assert place.code == "68149"

"""Place classes of session 10 (press/geography.py, press/territory.py): a district named by what it is, a name told as
a district once and then alone, a sous-préfecture said by its département's adjective, a comparison and a direction
that are no place, a headline that opens with a demonym, origins that go on "et notamment du quartier …", a point de
deal or a district told again by its noun alone. Each test fails on the code before the rule."""

from datetime import date

from vigie.press.articles import Article
from vigie.press.geography import ArticlePlaces
from vigie.press.territory import origin_towns

DAY = date(2024, 5, 2)  # a Thursday


def where(extractor, title: str, text: str, sentence: str) -> list[tuple]:
    resolver = ArticlePlaces.read(extractor.gaz, title, text)
    return [(p.code, p.precision) for p in resolver.places(sentence)]


def events(extractor, title: str, text: str) -> list[tuple]:
    return [(e.type, e.commune) for e in extractor.extract(Article("t", DAY, title, text))]


def test_a_district_named_by_what_it_is_is_of_its_town_wherever_named_alone(extractor):
    text = (
        "Mardi, un homme a été blessé par balle dans le quartier de la butte de Kerbrat, à Lannion.\n\nMercredi, le "
        "tireur a été interpellé à Perros-Guirec.\n\nEn janvier, un point de deal avait été démantelé au pied d'une "
        "tour de la butte de Kerbrat."
    )
    resolver = ArticlePlaces.read(extractor.gaz, "Lannion : un blessé par balle", text)
    assert resolver.districts == {"kerbrat": "22113"}
    # not a commune's name: "les quartiers nord de Marseille" name the town, no district
    resolver = ArticlePlaces.read(extractor.gaz, "", "Des tirs dans les quartiers nord de Marseille.")
    assert resolver.districts == {}
    assert events(extractor, "Lannion : un blessé par balle", text)[-1] == ("dealing_point", "22113")


def test_a_name_told_as_a_district_once_is_that_district_when_named_alone(extractor):
    title = "Saintes : nuit de tirs à Boiffiers"
    text = (
        "Samedi, des coups de feu ont été tirés à Boiffiers.\n\nEn avril, un point de deal a été démantelé dans un "
        "hall de Boiffiers."
    )
    assert where(extractor, title, text, "un point de deal a été démantelé dans un hall de Boiffiers") == [("17415", 1)]


def test_a_sous_prefecture_said_by_its_departement_s_adjective_is_the_article_s_town(extractor):
    text = (
        "Mardi, deux kilos de cocaïne ont été saisis à Dole. Un point de deal a été fermé dans la sous-préfecture "
        "jurassienne."
    )
    assert where(extractor, "Dole : une saisie", text, "fermé dans la sous-préfecture jurassienne") == [("39198", 1)]
    # the préfecture is the chef-lieu
    assert where(extractor, "Dole : une saisie", text, "saisis dans la préfecture jurassienne") == [("39300", 1)]


def test_a_comparison_and_a_direction_are_no_place(extractor):
    text = "À Béziers, des tirs ont retenti dimanche. « On entend des tirs comme à Marseille », dit une habitante."
    assert where(extractor, "", text, "« On entend des tirs comme à Marseille »") == []
    assert where(extractor, "", text, "comme dans un quartier de Marseille") == []
    text = "Les gendarmes ont contrôlé à Cholet une voiture qui roulait en direction de La Roche-sur-Yon."
    assert where(extractor, "", text, text) == [("49099", 1)]


def test_a_headline_that_opens_with_a_demonym_is_about_that_town(extractor):
    text = (
        "Mardi, une voiture a été contrôlée à hauteur de Montauban. Jeudi, un point de deal a été démantelé dans le "
        "quartier du Verger."
    )
    resolver = ArticlePlaces.read(extractor.gaz, "Montalbanais : 25 kilos de résine saisis", text)
    assert resolver.anchor == "82121" and resolver.districts == {"verger": "82121"}
    # no town of the article opens like the word: no anchor
    assert ArticlePlaces.read(extractor.gaz, "Bretons : une saisie", text).anchor is None


def test_an_origin_goes_on_et_notamment_du_quartier(extractor):
    text = "des revendeurs venus de Toulouse, et notamment du quartier du Mirail, se sont installés à Lameilhé"
    assert origin_towns(extractor.gaz, text) == ["31555"]
    # a district of a town before a village of its name ("la Mosson": Montpellier's, not the village of Côte-d'Or)
    assert origin_towns(extractor.gaz, "des revendeurs issus notamment du quartier de la Mosson") == ["34172"]
    got = events(extractor, "Castres : des revendeurs toulousains", f"Depuis janvier, {text}, pour vendre du cannabis.")
    assert got == [("network_arrival", "81065")]


def test_a_point_de_deal_told_again_by_its_noun_is_where_it_was(extractor):
    text = (
        "Mardi, les policiers ont démantelé le point de deal du quartier des Canourgues, à Salon-de-Provence. Au même "
        "moment, à Miramas, une femme a été interpellée avec six kilos de résine.\n\nLe point s'est reconstitué dès "
        "mercredi soir."
    )
    got = events(extractor, "Salon-de-Provence : un point de deal démantelé", text)
    assert ("dealing_point", "13063") not in got and got.count(("dealing_point", "13103")) == 2


def test_a_sentence_about_the_district_told_before_makes_it_the_scene_again(extractor):
    text = (
        "Mardi, les policiers ont démantelé un point de deal dans le quartier des Chamards, à Dreux. Un suspect a été "
        "interpellé à son domicile de Vernouillet.\n\nL'opération intervient après des mois de tensions dans le "
        "quartier. En mars, des coups de feu avaient été tirés contre la façade d'un immeuble."
    )
    got = events(extractor, "Dreux : un point de deal démantelé", text)
    assert ("shooting", "28134") in got and ("shooting", "28404") not in got

"""Session 22 (issue 13): a headline near a big town over a lead that names the commune ("Près de Rennes, …" and "rue
des Landelles à Chantepie"), a rate that is no act ("une interpellation a lieu tous les deux jours",
rules/exclusions.toml sentence.statistics.frequence); the week's parts are in test_press_places. Our own sentences;
fixtures 1160-1161 carry them in articles."""

from datetime import date

from vigie.press.articles import Article
from vigie.press.geography import ArticlePlaces


def where(place) -> tuple:
    return (place.code, place.departement, place.precision)


def test_a_headline_near_a_town_gives_way_to_the_commune_its_lead_names(extractor):
    title = "Près de Rennes, un point de deal fermé, trois vendeurs en garde à vue"
    text = (
        "Le point de deal, impasse des Landelles à Chantepie, était surveillé depuis l'automne. Mardi 4 mars, la "
        "police intervient avec une quarantaine d'agents. Ils seront jugés en avril par le tribunal de Rennes."
    )
    assert where(ArticlePlaces.read(extractor.gaz, title, text).main_place(title, text)) == ("35055", "35", 1)
    # a commune of another département, or far from the town, is not the one the headline is near
    far = text.replace("Chantepie", "Vitré")  # 35, 36 km from Rennes
    assert where(ArticlePlaces.read(extractor.gaz, title, far).main_place(title, far)) == (None, "35", 2)
    # nor one named only after the lead
    late = "Mardi 4 mars, la police intervient avec une quarantaine d'agents. " * 8
    late += "Un point de deal rue des Landelles à Chantepie."
    assert where(ArticlePlaces.read(extractor.gaz, title, late).main_place(title, late)) == (None, "35", 2)


def test_a_rate_is_no_event(extractor):
    text = (
        "Des coups de feu ont été tirés samedi soir dans le quartier de la Petite-Hollande, sans faire de blessé. "
        "Dans ce quartier, une interpellation pour trafic a lieu tous les deux jours, selon la police."
    )
    article = Article(id="t", date=date(2025, 2, 10), title="Montbéliard : des coups de feu", text=text)
    assert [(e.type, e.commune) for e in extractor.extract(article)] == [("shooting", "25388")]
    # the hours of a point told in its dismantling are no rate of the act
    text = "Samedi, les policiers ont démantelé le point de deal de la Petite-Hollande, qui ouvrait chaque jour à midi."
    article = Article(id="t", date=date(2025, 2, 10), title="Montbéliard : un point de deal fermé", text=text)
    assert [e.type for e in extractor.extract(article)] == ["dealing_point"]
    # an act told on its day is one
    text = "Samedi soir, dans le quartier de la Petite-Hollande, deux hommes ont été interpellés pour trafic."
    article = Article(id="t", date=date(2025, 2, 10), title="Montbéliard : deux interpellations", text=text)
    assert [(e.type, e.count) for e in extractor.extract(article)] == [("arrest", 2)]

"""Officers sent in as help and the court persons are brought before name where they came from or where they are
judged, not where the events are (issue 13, session 18, p18f: events placed in another commune than the gold's). Our
own sentences; fixtures 982-984 carry each class in an article."""

from vigie.press.geography import ArticlePlaces


def codes(resolver, text):
    return [p.code for p in resolver.places(text)]


def test_a_unit_named_as_help_is_where_it_came_from_whatever_its_words(extractor):
    resolver = ArticlePlaces.read(extractor.gaz, "Vierzon : une saisie", "À Vierzon, une saisie.")
    for text in (
        "Les policiers étaient appuyés par des effectifs de Bourges et d'Orléans.",
        "Ils ont été renforcés par un groupe d'intervention de Bourges.",
        "Un maître-chien a été envoyé sur place avec la BAC de Bourges.",
        "Des gendarmes venus en renfort de Bourges ont bouclé le quartier.",
    ):
        assert codes(resolver, text) == [], text
    # the officers of a town named alone stay its officers' town; a place after a comma or a locative is a place
    assert codes(resolver, "La BAC de Bourges a saisi deux kilos.") == ["18033"]
    assert codes(resolver, "Appuyés par des renforts, ils ont fouillé une maison de Bourges.") == ["18033"]
    assert codes(resolver, "Appuyés par un maître-chien, ils ont fouillé un garage à Bourges.") == ["18033"]


def test_a_judicial_step_names_the_court_s_town_with_a_day_told_in_between(extractor):
    resolver = ArticlePlaces.read(extractor.gaz, "Vernon : trois hommes interpellés", "À Vernon, trois hommes.")
    for text in (
        "Ils ont été déférés ce jeudi 12 juin à Évreux.",
        "Quatre hommes ont été mis en examen à Évreux.",
        "Les deux prévenus seront jugés mardi à Évreux.",
    ):
        assert codes(resolver, text) == [], text
    assert codes(resolver, "Ils ont été interpellés ce jeudi 12 juin à Évreux.") == ["27229"]
    # the operation's place told after the step is a place: only a day may stand between the step and the town
    assert codes(resolver, "Neuf hommes mis en examen après le démantèlement à Évreux d'un réseau.") == ["27229"]

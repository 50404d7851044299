"""The wrong commune, session 20 (p20b): the town of the officers' unit or of persons ("la BAC de Lyon", "les
enquêteurs de Liévin") is no scene for the sentences that follow, nor a far town a sentence that tells nothing names in
passing (a career: "passé par le centre de formation à Lorient"). Our own sentences; fixtures 1140-1142 carry each case
in an article."""

from datetime import date

from vigie.press.articles import Article
from vigie.press.geography import ArticlePlaces


def communes(extractor, title, text):
    article = Article(id="t", date=date(2024, 5, 17), title=title, text=text)
    return [e.commune for e in extractor.extract(article)]


def test_the_unit_of_a_mention_that_starts_before_its_town_is_read_at_the_town(extractor):
    # "la BAC de Lyon" may be read as a mention starting at "BAC": the town's own words are where the parse attaches it
    title, text = "Vienne : quatre suspects interpellés", "La cocaïne arrivait de la banlieue lyonnaise."
    sentence = "Quatre suspects ont été interpellés mardi avec l'aide de la BAC de Lyon."
    deps = ArticlePlaces.read(extractor.gaz, title, f"{text} {sentence}")
    (lyon,) = extractor._places(sentence, deps)
    assert lyon.code == "69123" and extractor._affiliated(sentence, lyon) == "place.home_of_persons"


def test_the_town_of_officers_is_no_scene_for_the_next_sentence(extractor):
    title = "Lens : de la cocaïne dans une sacoche"
    text = (
        "Une patrouille a contrôlé deux jeunes hommes au pied d'une tour de la Grande Résidence, à Lens.\n\n"
        "Les deux suspects ont aussitôt été confiés aux enquêteurs de Liévin. Mercredi 15 mai, dans la sacoche de l'un "
        "d'eux, les agents ont trouvé 80 grammes de cocaïne."
    )
    assert communes(extractor, title, text) == ["62498"]


def test_a_far_town_named_in_passing_is_no_scene_a_near_one_is(extractor):
    title = "Béziers : des coups de feu à la Devèze"
    text = "Des coups de feu ont été tirés à la Devèze, à Béziers, sur fond de trafic de stupéfiants."
    deps = ArticlePlaces.read(extractor.gaz, title, text)
    (lorient,) = extractor._places("Il avait joué au football à Lorient.", deps)
    (agde,) = extractor._places("Il avait été contrôlé à Agde.", deps)
    assert deps.far_in_passing(lorient) and not deps.far_in_passing(agde)
    text += "\n\nUn jeune du quartier avait joué au football à Lorient. Il avait été tué d'une balle en 2021."
    assert set(communes(extractor, title, text)) == {"34032"}

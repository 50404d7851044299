"""The wrong commune, session 21: the town of a unit named by other words than officers ("l'équipe cynophile
d'Orange", "la brigade motorisée de X") is no scene for the next sentences, nor a place told before for a seizure that
names none; a town persons are taken to ("transférés à Bordeaux") or arrived from ("arrivés d'Amiens") is no place;
the département right after an origin ("originaire de Troyes dans l'Aube") is none either; a village named after one of
its streets ("rue des Tilleuls à Cancon") is that village, even where the article names other départements. Our own
sentences; fixtures 1150-1152 carry the cases in articles."""

from datetime import date

from vigie.press.articles import Article
from vigie.press.geography import ArticlePlaces


def events(extractor, title, text):
    article = Article(id="t", date=date(2024, 6, 14), title=title, text=text)
    return [(e.type, e.commune, e.departement) for e in extractor.extract(article)]


def test_a_dog_team_of_another_town_is_no_scene_for_the_seizure_that_follows(extractor):
    title = "Des plants de cannabis arrachés au bord de la Durance"
    text = (
        "Une opération a été menée jeudi sur les communes de Cadenet et de Lauris.\n\n"
        "Quarante gendarmes étaient mobilisés, avec l'équipe cynophile d'Orange. Quelque 90 pieds de cannabis ont "
        "été découverts."
    )
    found = events(extractor, title, text)
    assert found and all(commune != "84087" for _, commune, _ in found)  # never Orange


def test_taken_to_or_arrived_from_a_town_is_no_place(extractor):
    deps = ArticlePlaces.read(extractor.gaz, "Un trafic démantelé", "Deux hommes interpellés à Marmande.")
    assert extractor._places("Les deux hommes ont été transférés à Bordeaux pour y être entendus.", deps) == []
    assert extractor._places("Eux sont arrivés d'Amiens dans la nuit.", deps) == []
    assert [p.code for p in extractor._places("Ils ont été interpellés à Bordeaux.", deps)] == ["33063"]


def test_the_departement_after_an_origin_is_no_place(extractor):
    deps = ArticlePlaces.read(extractor.gaz, "Un trafic démantelé", "Deux hommes interpellés à Marmande.")
    said = "Un homme de 30 ans, originaire de Troyes dans l'Aube, a été interpellé."
    assert deps.departement_place(said) is None
    assert deps.departement_place("Un homme a été interpellé dans l'Aube.").departement == "10"


def test_a_village_named_after_one_of_its_streets_is_that_village(extractor):
    title = "Le RAID en renfort pour deux interpellations"
    text = (
        "Mardi à l'aube, les policiers sont intervenus dans une maison de la rue des Tilleuls à Cancon. Un homme "
        "originaire de Troyes dans l'Aube y a été interpellé, puis transféré à Bordeaux.\n\n"
        "Dans la maison, les enquêteurs ont mis la main sur 2 kilos de cocaïne."
    )
    assert ("seizure", "47048", "47") in events(extractor, title, text)


def test_a_village_a_headline_opens_on_is_that_village(extractor):
    # "Authume : …": the only commune of that name, though the article names another département (Haute-Saône)
    title = "Authume : des coups de feu au cœur du village"
    text = (
        "Mardi 11 juin vers 22 heures, une maison du centre a été visée par plusieurs coups de feu. Les tirs "
        "visaient un revendeur qui se fournissait à Vesoul, en Haute-Saône."
    )
    assert events(extractor, title, text) == [("shooting", "39030", "39")]
    # a headline's label that a fuzzy reading takes for a village is still no place ("Délinquance : …")
    deps = ArticlePlaces.read(extractor.gaz, "Délinquance : les chiffres du mois", "Un point sur la sécurité.")
    assert deps.towns == ()

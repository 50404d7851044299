"""Session 26 (issue 13), each mechanism on sentences written for the test (other towns, other words than the articles
they were traced on): a pays (rules/sites.toml [[area]]) said as a place is an area of its département, never a
misspelt town, a district of the article's town, nor the commune its name holds (geography.ArticlePlaces._pays); a
pays' name said of persons is no place; a road tunnel is in the commune of its French end, not in the town it is named
after (rules/sites.toml [[site]], geography.SITE); a small commune is the one of the département named right before or
after it, whatever the article's town (geography.ArticlePlaces._departement_said), and so is the same name said again
in the article (geography.ArticlePlaces._settle); a town whose name has its article
is not said without it ("la pointe de Garde" is not La Garde); one seizure told twice by its goods, first by its area,
then by its commune, is at its commune (counting.merge); a region (rules/sites.toml [[region]]) said as a place, or
named by the headline before any town, is an area of no département (geography.ArticlePlaces.region_place)."""

import pytest
from conftest import placed

from vigie.errors import VigieError
from vigie.press.places import load_regions


@pytest.mark.parametrize(
    ("title", "said", "departement"),
    [
        ("Trafic de drogue", "dans le Lunévillois", "54"),
        ("Trafic de drogue", "dans le Valenciennois", "59"),  # not a misspelt Valenciennes
        ("Trafic de drogue", "dans le Pays de Caux", "76"),  # not Caux (Hérault)
        ("Tours : un trafic démantelé", "dans le Saumurois", "49"),  # not a district of Tours
        ("Tours : un trafic démantelé", "dans le Pays basque", "64"),
        ("Tours : un trafic démantelé", "en Maurienne", "73"),
        ("Tours : un trafic démantelé", "sur la Côte Fleurie", "14"),
        ("Tours : un trafic démantelé", "dans l'Avesnois", "59"),
    ],
)
def test_a_pays_said_as_a_place_is_an_area_of_its_departement(extractor, title, said, departement):
    text = f"Jeudi 6 mars, les gendarmes ont saisi 4 kilos d'herbe de cannabis {said}."
    assert placed(extractor, title, text) == [("seizure", None, departement, 3)]


def test_a_pays_name_said_of_persons_is_no_place(extractor):
    title = "Angers : un trafic démantelé"
    for text in (
        "Un Saumurois de 25 ans a été interpellé jeudi 6 mars à Angers avec 2 kilos de résine.",
        "Ces Saumurois âgés de vingt ans ont été interpellés jeudi 6 mars à Angers avec 2 kilos de résine.",
    ):
        assert placed(extractor, title, text) == [("seizure", "49007", "49", 1)]
    # nor the pays persons come from as customers
    customers = "Jeudi 6 mars, un point de deal qui attirait des clients de tout le Saumurois a été démantelé à Angers."
    assert placed(extractor, title, customers) == [("dealing_point", "49007", "49", 1)]


@pytest.mark.parametrize(
    ("said", "commune", "departement"),
    [
        ("au tunnel du Fréjus", "73157", "73"),  # Modane, not Fréjus (Var)
        ("à l'entrée du tunnel routier du Fréjus", "73157", "73"),
        ("au tunnel du Mont-Blanc", "74056", "74"),  # Chamonix-Mont-Blanc
    ],
)
def test_a_road_tunnel_is_in_the_commune_of_its_french_end(extractor, said, commune, departement):
    text = f"Mardi 4 mars, les douaniers ont découvert 60 kg de résine dans la cabine d'un poids lourd {said}."
    assert placed(extractor, "Des douaniers font une saisie", text) == [("seizure", commune, departement, 1)]


@pytest.mark.parametrize(
    "text",
    [
        "Un go-fast parti de Lyon a été intercepté mardi 4 mars dans le Cantal, à Massiac, avec 90 kilos de résine.",
        "Un go-fast parti de Lyon a été intercepté mardi 4 mars à Massiac (Cantal) avec 90 kilos de résine.",
    ],
)
def test_a_small_commune_of_the_departement_named_next_to_it(extractor, text):
    # in an article about Lyon, Massiac is the village of the Cantal named with it, no district of Lyon
    assert placed(extractor, "Lyon : un go-fast intercepté", text) == [("seizure", "15119", "15", 1)]


def test_a_name_placed_for_sure_once_is_that_commune_when_said_again(extractor):
    text = (
        "Un go-fast parti de Lyon a été intercepté mardi 4 mars dans le Cantal, à Massiac, avec 90 kilos de résine.\n\n"
        "Son chauffeur, un trentenaire, a été arrêté à Massiac vers 23 heures."
    )
    # the second "à Massiac" is the village of the Cantal again, no district of Lyon
    assert {p[1] for p in placed(extractor, "Lyon : un go-fast intercepté", text)} == {"15119"}


def test_a_town_whose_name_has_its_article_is_not_said_without_it(extractor):
    text = "Jeudi 6 mars, les douaniers ont saisi 12 kilos de cocaïne sur la plage de la pointe de Garde à Sainte-Anne."
    assert placed(extractor, "Guadeloupe : saisie de cocaïne", text) == [("seizure", "97128", "971", 1)]


def test_one_seizure_told_by_its_area_then_by_its_commune_is_at_its_commune(extractor):
    text = (
        "Déjà 80 kg saisis dans le Saumurois\n\n"
        "Les 80 kilos de résine avaient été trouvés le 3 mars dans un garage de Doué-en-Anjou."
    )
    assert placed(extractor, "Angers : 40 kilos de résine saisis", text) == [("seizure", "49125", "49", 1)]


@pytest.mark.parametrize("said", ["en Normandie", "dans les Hauts-de-France", "dans la région Centre-Val de Loire"])
def test_a_region_said_as_a_place_is_an_area_of_no_departement(extractor, said):
    text = f"Jeudi 6 mars, les gendarmes ont saisi 25 kilos de résine de cannabis {said}."
    assert placed(extractor, "Un trafic démantelé", text) == [("seizure", None, None, 3)]
    # a region that holds the article's town says less than the town; the home of a person is no place
    assert placed(extractor, "Caen : un trafic démantelé", text.replace(said, "en Normandie")) == [
        ("seizure", "14118", "14", 1)
    ]
    home = "Jeudi 6 mars, un homme domicilié en Normandie a été interpellé à Amiens avec 25 kilos de résine."
    assert placed(extractor, "Un trafic démantelé", home) == [("seizure", "80021", "80", 1)]


def test_a_region_the_headline_names_before_any_town_is_the_article_s_place(extractor):
    text = (
        "Mardi 4 mars, une centaine de gendarmes ont interpellé douze personnes. Lors des perquisitions, ils ont "
        "saisi 3 kilos de cocaïne."
    )
    assert placed(extractor, "Trafic de cocaïne en Bretagne : douze interpellations", text) == [
        ("seizure", None, None, 3)
    ]
    # a département the headline names says more than its region
    headline = "Normandie : douze interpellations dans l'Orne"
    assert placed(extractor, headline, text) == [("seizure", None, "61", 3)]


def test_a_bad_regions_entry_is_refused_with_its_name(tmp_path):
    bad = tmp_path / "sites.toml"
    for content, message in [
        ('[[region]]\nnames = ["Bretagne"]\ndepartements = ["Finistère"]\n', r"region 1: departements \['Finistère'\]"),
        ('[[region]]\nnames = ["Bretagne"]\ndepartements = []\n', r"region 1: departements \[\]"),
        ('[[region]]\nnames = ["Bretagne"]\n', r"region 1"),
    ]:
        bad.write_text(content, encoding="utf-8")
        with pytest.raises(VigieError, match=message):
            load_regions(bad)

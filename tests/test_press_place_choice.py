"""How an event's place is chosen among the places its article names (press/places.py, press/geography.py): an
official district of a town the article names only as the officers' town, an area around a town that the article
tells at one of its communes, a word ending like "au" or "en" that is no locative, the island of Corsica that is no
commune. Our own sentences; the QPV list here is hand-made in the official format (real quartier names, made-up
codes)."""

from datetime import date

import pytest
from conftest import placed, warehouse_with

from vigie import warehouse
from vigie.press.geography import ArticlePlaces
from vigie.press.pipeline import load_extractor

DAY = date(2025, 3, 14)  # a Friday
QPV_LINES = [
    "code_qp;lib_qp;insee_reg;lib_reg;insee_dep;lib_dep;insee_com;lib_com;siren_epci;lib_epci",
    'QN00899A;Ronde Couture;44;Grand Est;08;Ardennes;"=""08105""";Charleville-Mézières;200041630;CA Ardenne',
    'QN00899B;La Houillère;44;Grand Est;08;Ardennes;"=""08105""";Charleville-Mézières;200041630;CA Ardenne',
    # one name in two towns: the article must say which
    'QN00899C;Le Mont Olympe;44;Grand Est;08;Ardennes;"=""08105;08409""";"Charleville-Mézières; Sedan";2;CA',
    'QN06099D;Les Fleurs;32;Hauts-de-France;60;Oise;"=""60057""";Beauvais;200067999;CA du Beauvaisis',
]


@pytest.fixture
def plain(extractor):
    return extractor


@pytest.fixture(scope="module")
def with_qpv(official_db, nlp, tmp_path_factory):
    folder = tmp_path_factory.mktemp("qpv_in")
    (folder / "qpv.csv").write_text("\r\n".join(QPV_LINES) + "\r\n", encoding="utf-8")
    con = warehouse.connect(warehouse_with(official_db, folder, tmp_path_factory.mktemp("qpv_db")), read_only=True)
    yield load_extractor(con=con, nlp=nlp)
    con.close()


def places(extractor, title: str, text: str) -> list[tuple]:
    return sorted(placed(extractor, title, text, DAY))


# ------------------------------------------------------------------ an official district of a town named otherwise
ARDENNES = (
    "Ardennes : un guetteur blessé par balle à la Ronde-Couture, de l'héroïne saisie à Sedan",
    "Un adolescent de 16 ans qui faisait le guet pour un point de deal a été blessé par balle à la jambe mardi soir "
    "au pied d'une tour de la Ronde-Couture. La brigade anticriminalité de Charleville-Mézières a ouvert une enquête."
    "\n\n"
    "Mercredi, à Sedan, deux hommes ont été interpellés et 400 grammes d'héroïne ont été saisis dans leur voiture.",
)


def test_a_district_of_a_town_named_only_as_the_officers_town_is_of_that_town(with_qpv, plain):
    """The headline's town (Sedan) is not the district's: the district list says Charleville-Mézières has a
    Ronde-Couture, and the article names that town (as the officers' town), so the shooting is there."""
    assert places(with_qpv, *ARDENNES) == [("seizure", "08409", "08", 1), ("shooting", "08105", "08", 1)]
    # without the list, the curated neighbourhood table (press/places.py) knows Charleville-Mézières's too
    assert ("shooting", "08105", "08", 1) in places(plain, *ARDENNES)


def test_the_district_list_says_the_town_only_where_the_article_is(with_qpv):
    gaz = with_qpv.gaz
    named = {"08105", "08409"}.__contains__  # the communes an article names, in any way
    # a main town that has the district comes first
    assert gaz.district_of("la Ronde-Couture", ("08409", "08105")) == "08105"
    # else the one town having it that the article names
    assert gaz.district_of("Ronde-Couture", ("08409",), lambda: {"08105"}) == "08105"
    # a name two towns have, both named: the article does not say which
    assert gaz.district_of("Mont Olympe", (), lambda: {"08105", "08409"}) is None
    assert gaz.district_of("Mont Olympe", ("08409",), lambda: {"08105"}) == "08409"
    # a district no named town has: its only town when its département is named, else none
    assert gaz.district_of("les Fleurs", (), lambda: set(), ["60"]) == "60057"
    assert gaz.district_of("les Fleurs", (), lambda: set(), ["08"]) is None
    assert gaz.district_of("les Fleurs", ("08105",)) is None  # the main towns only, as before, without `said`
    assert gaz.district_of("Sedan", ("08409",), named) is None  # no district of that name


# ----------------------------------------------------------------------- an area, and one commune of it named
def test_an_area_around_a_town_is_the_one_commune_of_it_the_article_names(plain):
    # the headline names the commune, the body the area
    title = "Quatre kilos de cannabis dans un garage, deux hommes interpellés à Mont-Saint-Aignan"
    text = (
        "Mardi 11 mars, dans l'agglomération de Rouen, les policiers ont saisi quatre kilos de cannabis dans un garage."
    )
    assert places(plain, title, text) == [("seizure", "76451", "76", 1)]
    # a second commune of the area named: the article does not say which, the area stays
    text2 = text + " Un troisième homme a été interpellé le lendemain à Sotteville-lès-Rouen."
    assert ("seizure", None, "76", 3) in places(plain, title, text2)
    # a commune far from the town (Dieppe, 60 km) is not in its area
    title3 = "Quatre kilos de cannabis dans un garage, deux hommes interpellés à Dieppe"
    assert places(plain, title3, text) == [("seizure", None, "76", 3)]


def test_a_shooting_told_in_the_area_then_in_its_commune_is_one(plain):
    text = (
        "Des coups de feu ont éclaté dans la banlieue de Lyon dans la nuit de mardi à mercredi. "
        "Un homme de 25 ans a été blessé par balle à Vénissieux, près d'un point de deal."
    )
    assert places(plain, "", text) == [("shooting", "69259", "69", 1)]


# ------------------------------------------------------------------------------- words that are no locatives
def test_a_word_ending_like_a_preposition_is_no_locative(plain):
    """'le quotidien Vierzon' (quotidi-en), 'le bateau Marseille' (bate-au): no "en" or "au" before the name."""
    gaz = plain.gaz
    resolver = ArticlePlaces.read(gaz, "", "Un contrôle a eu lieu à Bastia.")
    for text in ("selon le quotidien Vierzon", "à l'arrivée du bateau Marseille"):
        mentions = resolver.mentions(text)
        assert mentions and all(rank != 1 for rank, _, _ in mentions)
    # and an outlet's name is no place at all (rules/sites.toml [[elsewhere]])
    assert resolver.mentions("selon le quotidien L'Union") == []
    assert [rank for rank, _, _ in resolver.mentions("un contrôle au Havre")] == [1]


def test_corsica_is_no_commune_nor_a_district_of_one(plain):
    resolver = ArticlePlaces.read(
        plain.gaz, "Trafic de drogue en Corse : sept interpellations", "Mardi, à Ajaccio, puis à Ajaccio encore."
    )
    assert resolver.places("Un réseau démantelé en Corse.") == []


# ------------------------------------------------------------------------- near a town, then in its commune
def test_near_a_town_is_that_town_when_the_article_says_it_is_in_its_commune(plain):
    title = "Trente kilos de résine de cannabis saisis"
    text = "Mercredi 12 mars, les gendarmes ont saisi trente kilos de résine de cannabis près de Pézenas."
    assert places(plain, title, text) == [("seizure", None, "34", 2)]
    told = text + " Le fourgon était garé sur un parking de la zone artisanale, dans la commune de Pézenas."
    assert places(plain, title, told) == [("seizure", "34199", "34", 1)]
    # another commune's: still near the town
    other = text + " Le chauffeur habite dans la commune de Lunel."
    assert places(plain, title, other) == [("seizure", None, "34", 2)]


def test_a_curated_neighbourhood_outside_the_named_departement_is_not_taken(plain):
    """No main town, the Hérault named: 'le mas de Bellevue' is not the Bellevue of Nantes."""
    title = "Trente kilos de résine de cannabis saisis dans l'Hérault"
    text = "Mardi 11 mars, les gendarmes ont saisi trente kilos de résine de cannabis sur un chemin du mas de Bellevue."
    assert all(commune != "44109" for _, commune, _, _ in places(plain, title, text))
    # a district word says it is one: "le quartier de Bellevue" is still the curated one, as before
    assert places(
        plain, "", "Mardi 11 mars, des tirs ont visé un point de deal du quartier de Bellevue. Un blessé."
    ) == [("shooting", "44109", "44", 1)]

"""Session 30 (issue 13): points de deal that appear without the words "point de deal" or "s'installer", each on
sentences written for the test (other towns, other words than the articles they were traced on).

- Sellers that take a place over (rules/triggers.toml dealing_point.lieu_investi, dealing_point.pris_possession;
  territory.TELL_AN_APPEARANCE: the rule's wording is the action): "des revendeurs ont investi le parking", "ont pris
  possession du hall", "avaient élu leurs quartiers sous le porche" (not "ont pris le large"). Police that "investi" a
  place raid it: no point that appeared.
- A trade back in its place (dealing_point.trafic_a_repris): "le trafic a repris"; not "le trafic routier", nor a
  trade that "a repris le contrôle" of something.
- A trade or its sellers that moved (dealing_point.trafic_deplace, dealing_point.ventes_deplacees): "le trafic s'est
  déplacé devant la médiathèque", "ont déplacé leurs ventes sur le parking"; not a trade that came "des grandes villes
  vers" a town (a network's arrival), nor one that moved "de quelques mètres", nor the present of a policy debate.

Read on the blind real222–225 after their first pass:
- Typographic hyphens (U+2010, U+2011) in a name are hyphens (extract.HYPHENS): "Marie\u2011Galante" was read as
  Marie, a village of the Alpes-Maritimes.
- An island of several communes is an area of its département (rules/sites.toml [[area]]: Marie-Galante,
  Grande-Terre, Petite-Terre), said "à" as well as "en" or "sur" (geography._pays).
- "des tirs de gaz lacrymogène" are the police's, no shooting (rules/qualifiers.toml other_sense.tir_de_la_police).

Read on the blind real226–227 after their first pass:
- A count of operations over France ("des milliers de démantèlements … en France") is a national figure, no event
  (rules/exclusions.toml sentence.statistics.operations_en_france)."""

import pytest
from conftest import extracted, placed


def points(extractor, title: str, text: str) -> list[tuple]:
    return [(e.commune, e.action, e.rules[0]) for e in extracted(extractor, title, text) if e.type == "dealing_point"]


@pytest.mark.parametrize(
    "text, commune, rule",
    [
        (
            "Depuis l'été, une bande de revendeurs a investi le parking de la résidence des Acacias, à "
            "Montceau-les-Mines, au grand désarroi des locataires.",
            "71306",
            "dealing_point.lieu_investi",
        ),
        (
            "À Vierzon, des guetteurs ont pris possession du hall d'un immeuble de la rue des Lilas en septembre, "
            "selon les habitants.",
            "18279",
            "dealing_point.pris_possession",
        ),
        (
            "Au printemps, une dizaine de dealers avaient élu leurs quartiers sous le porche de la cité, à Dreux.",
            "28134",
            "dealing_point.pris_possession",
        ),
        (
            "Un mois à peine après l'opération de police, le trafic a repris dans le quartier du Morier, à "
            "Joué-lès-Tours.",
            "37122",
            "dealing_point.trafic_a_repris",
        ),
        (
            "Chassé du square, le trafic de drogue s'est déplacé devant la médiathèque, à Saint-Dizier.",
            "52448",
            "dealing_point.trafic_deplace",
        ),
        (
            "Les revendeurs ont ensuite déplacé leurs ventes sur le parking de la gare, à Épernay.",
            "51230",
            "dealing_point.ventes_deplacees",
        ),
    ],
)
def test_sellers_that_take_a_place_make_a_point_that_appeared(extractor, text, commune, rule):
    assert points(extractor, "Trafic de drogue", text) == [(commune, "appeared", rule)]


@pytest.mark.parametrize(
    "text",
    [
        "Les dealers occupent le hall chaque soir, à Vierzon, selon les riverains excédés par le trafic de drogue.",
        "À Vierzon, les dealers ont pris le large à l'arrivée de la police, selon les riverains du trafic de drogue.",
        "À Joué-lès-Tours, le trafic routier a repris sur le périphérique après l'accident, sans lien avec la drogue.",
        "Selon le maire, le trafic de drogue s'est déplacé des grandes villes vers Vesoul ces dernières années.",
        "À Saint-Dizier, le trafic de drogue s'est déplacé de quelques mètres après la pose des caméras.",
        "À Épernay, le trafic de drogue se déplace dès que la police arrive, regrette le maire.",
    ],
)
def test_no_point_appeared(extractor, text):
    assert [p for p in points(extractor, "Trafic de drogue", text) if p[1] == "appeared"] == []


def test_police_that_invest_a_place_raid_it(extractor):
    text = (
        "Mardi matin, une trentaine de policiers ont investi le hall de la tour 12, à Montceau-les-Mines, où se "
        "tenait un point de deal, et interpellé deux guetteurs."
    )
    assert all(action != "appeared" for _, action, _ in points(extractor, "Trafic de drogue", text))


@pytest.mark.parametrize("hyphen", ["-", "\u2010", "\u2011"])
def test_an_island_of_several_communes_is_its_departements_area(extractor, hyphen):
    text = f"Jeudi soir, à Marie{hyphen}Galante, les douaniers ont découvert 2 kilos de cannabis à bord d'une vedette."
    assert placed(extractor, "Saisie de drogue", text) == [("seizure", None, "971", 3)]


def test_an_island_named_in_the_headline_places_the_events(extractor):
    text = "Lundi, une opération des gendarmes a permis la saisie de 12 pieds de cannabis chez un habitant."
    assert placed(extractor, "Petite-Terre : des plants saisis", text) == [("seizure", None, "976", 3)]


@pytest.mark.parametrize(
    "fired, expected",
    [
        ("des tirs de gaz lacrymogène ont dispersé la foule", []),
        ("des tirs de kalachnikov ont visé un immeuble", [("shooting", "83137", "83", 1)]),
    ],
)
def test_tear_gas_fired_by_the_police_is_no_shooting(extractor, fired, expected):
    text = f"Dans la nuit de samedi, à Toulon, sur fond de trafic de drogue, {fired}."
    assert [p for p in placed(extractor, "Nuit agitée", text) if p[0] == "shooting"] == expected


@pytest.mark.parametrize(
    "figure",
    [
        "En 2022, près de 5 000 démantèlements de points de vente ont été réalisés en France, des métropoles aux "
        "villages.",
        "L'an dernier, plus de 4 000 points de deal ont été démantelés en France, rappelle la préfecture.",
    ],
)
def test_a_count_of_operations_over_france_is_no_event(extractor, figure):
    text = f"À Lens, les habitants du quartier de la Grande Résidence s'inquiètent du trafic de drogue. {figure}"
    assert placed(extractor, "Trafic de drogue", text) == []


def test_a_point_dismantled_in_town_is_still_an_event(extractor):
    text = "À Lens, mardi, les policiers ont démantelé un point de deal dans le quartier de la Grande Résidence."
    assert [p[0] for p in placed(extractor, "Trafic de drogue", text)] == ["dealing_point"]

"""Session 29 (issue 13), each mechanism on sentences written for the test (other towns, other words than the articles
they were traced on).

- Goods (extract.SEIZED, rules/operations.toml not_goods.other_contraband): a distance in kilometres is no amount of
  goods ("retrouvée à trois kilomètres"); tobacco, cigarettes or alcohol seized by customs are no goods of the trade.
- One seizure said again (recalls.SAID_OF_THE_ONE_TOLD): "C'est une nouvelle saisie importante dans le département"
  says what the seizure just told is, it tells no other one ("Mardi, une nouvelle saisie a eu lieu à …" still does).
- Places (operations.pair_of_the_operation): two communes that open a sentence as its frame ("À Lens et Liévin, …
  ont été découverts") are one operation's area, geo_precision 3, wherever the sentence names the operation; "un
  village" said as a measure or a likeness ("exceptionnel pour un village de cette taille") is no place
  (geography.VAGUE_PLACES).
- Shootings (rules/triggers.toml shooting.tire_sur_recit, rules/exclusions.toml
  not_trigger.denied.projectiles_qui_atteignent): a shooter who "tire sur un jeune homme" in the narrative present
  shot (a target is required: "tire sur la corde" shoots nobody); projectiles that hit a person or a façade are the
  shooting's bullets, no intimidation.
- A find told by a gerund ("…, découvrant trois kilos d'héroïne") is a seizure (seizure.en_decouvrant); plants
  destroyed by the police are one (seizure.plants_detruits); an arrest named as the time of something
  else ("deux jours après leur arrestation, ils ont comparu") is no new arrest
  (not_trigger.denied.apres_leur_arrestation); "produits de coupage" are no drug.
- Arrests (rules/operations.toml residence): the town where persons are held ("gardés à vue à la caserne de …",
  "écroués à …") is no place of their arrest.
- Senses and gates: a person "interpellé par des habitants" is called on, not arrested (rules/qualifiers.toml
  other_sense.interpeller_par_qui_appelle); a headline of a year's record seizures ("saisies records en 2024") opens a
  yearly round-up (rules/exclusions.toml gate.chiffre_d_une_annee).
- Values (rules/values.toml, quantities.SIZE): "une soixantaine" is 60; a product "pour couper la drogue" is no drug;
  plants "pour un poids total de" or "pesant" so many kilos are not more drugs (packs weighed so are measured); a size
  between an amount and its unit ("16 petites bonbonnes") is passed over; a mass of other goods ("6 tonnes de melons")
  is not the drug named before it, unless a drug is named after it or it is the plant ("200 grammes de feuilles",
  quantities.OTHER_GOODS); "herbes" and "résines" are cannabis."""

import pytest
from conftest import placed

from vigie.press import quantities

SHOOTING = (
    "Un homme de 30 ans a été tué par balles dans la nuit de samedi à Hénin-Beaumont, sur fond de trafic de drogue."
)


@pytest.mark.parametrize(
    "after",
    [
        "Le scooter des tireurs a été retrouvé incendié deux heures plus tard à quatre kilomètres de là.",
        "Leur voiture a été retrouvée le lendemain, à 12 kilomètres, dans un chemin de halage.",
    ],
)
def test_a_distance_is_no_goods(extractor, after):
    assert placed(extractor, "Un homme tué par balles", f"{SHOOTING} {after}") == [("shooting", "62427", "62", 1)]


def test_a_car_found_with_drugs_is_still_a_seizure(extractor):
    text = f"{SHOOTING} Leur voiture a été retrouvée le lendemain, avec 3 kilos de cannabis dans le coffre."
    assert ("seizure", "62427", "62", 1) in placed(extractor, "Un homme tué par balles", text)


@pytest.mark.parametrize(
    "goods, expected",
    [
        ("1 800 grammes de tabac à rouler", []),
        ("38 cartouches de cigarettes de contrebande", []),
        ("1 800 grammes de tabac et 250 grammes de résine de cannabis", [("seizure", "09122", "09", 1)]),
    ],
)
def test_tobacco_is_no_goods_of_the_trade(extractor, goods, expected):
    text = (
        "Mardi, gendarmes et douaniers ont tenu à Foix un contrôle routier contre les trafics de "
        f"stupéfiants. Quinze voitures ont été fouillées : {goods} saisis."
    )
    assert placed(extractor, "Contrôle routier à Foix", text) == expected


SEIZED_AT = (
    "Lundi 4 mars, les gendarmes ont arrêté une fourgonnette à Bourg-Madame. Dans le coffre, ils ont "
    "saisi 40 kilos d'herbe de cannabis."
)


def test_a_seizure_said_to_be_another_of_its_kind_tells_no_other(extractor):
    text = f"{SEIZED_AT} C'est une nouvelle saisie importante en un mois dans les Pyrénées-Orientales."
    assert placed(extractor, "40 kilos d'herbe saisis", text) == [("seizure", "66025", "66", 1)]


def test_a_new_seizure_told_with_its_own_day_and_town_is_another(extractor):
    text = f"{SEIZED_AT} Mercredi, une nouvelle saisie a eu lieu à Prades : trois kilos de résine."
    assert placed(extractor, "40 kilos d'herbe saisis", text) == [
        ("seizure", "66025", "66", 1),
        ("seizure", "66149", "66", 1),
    ]


def test_two_towns_that_open_the_sentence_are_one_operations_area(extractor):
    text = (
        "Deux opérations antidrogue ont été menées mardi dans le Pas-de-Calais. À Lens et Liévin, de la cocaïne, "
        "du cannabis en sachets, deux balances de précision et 8 000 euros en liquide ont été découverts, et neuf "
        "personnes placées en garde à vue."
    )
    assert placed(extractor, "Coups de filet dans le bassin minier", text) == [("seizure", None, "62", 3)]


def test_two_towns_that_open_the_sentence_and_one_told_again_after_are_no_area(extractor):
    text = (
        "Mardi, la police a mené une opération antidrogue. À Lens et Liévin, neuf personnes ont été interpellées, et "
        "700 grammes de cocaïne ont été découverts à Lens."
    )
    assert placed(extractor, "Coup de filet dans le bassin minier", text) == [("seizure", "62498", "62", 1)]


def test_a_village_said_as_a_measure_is_no_place(extractor):
    text = (
        "Mardi 12 mars, les gendarmes ont découvert 600 pieds de cannabis dans une grange à Trémeur. Les chiffres "
        "de la saisie sont hors du commun pour un village de cette taille."
    )
    assert placed(extractor, "600 pieds de cannabis dans une grange", text) == [("seizure", "22369", "22", 1)]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Dans la cave, une soixantaine de pieds en pot et 120 pieds de cannabis en train de sécher.",
            [("cannabis", 180.0, "plants")],
        ),
        (
            "Ils ont trouvé 4 kilos d'héroïne, 20 kilos de produits de coupage, 3 kilos de produits de coupe et "
            "1 kilo de cocaïne.",
            [("heroin", 4.0, "kg"), ("cocaine", 1.0, "kg")],
        ),
        (
            "Ils ont trouvé 4 kilos d'héroïne et 35 kilos de produit pour couper la drogue.",
            [("heroin", 4.0, "kg")],
        ),
        ("Ces 600 pieds représentent à eux seuls un poids de 40 kilos.", [("cannabis", 600.0, "plants")]),
        ("Au total, 600 pieds de cannabis pesant 40 kilos ont été arrachés.", [("cannabis", 600.0, "plants")]),
        ("Ils ont aussi trouvé 12 petites bonbonnes de crack.", [("crack", 12.0, "doses")]),
        (
            "Dans la remorque, 40 sachets d'herbe (25 kg en tout) et 9 paquets de résine, pour un poids de 11 kg.",
            [("cannabis", 36.0, "kg")],
        ),
        (
            "Les douaniers ont trouvé 300 kg de résine, cachés parmi 6 tonnes de melons.",
            [("cannabis", 300.0, "kg")],
        ),
        ("Ils ont saisi de la cocaïne : 2 kilos de cette poudre.", [("cocaine", 2.0, "kg")]),
        ("Au grenier, 500 grammes de fleurs de cannabis et 200 grammes de feuilles.", [("cannabis", 0.7, "kg")]),
        ("Chez lui, trois kilos de résines diverses et un kilo d'herbes séchées.", [("cannabis", 4.0, "kg")]),
    ],
)
def test_values_of_plants_cutting_agents_and_sizes(sentence, expected):
    assert [(d["substance"], d["quantity"], d["unit"]) for d in quantities.drugs(sentence)] == expected


STAINS = "Le 30 janvier à Stains, sur fond de trafic de drogue, "


@pytest.mark.parametrize(
    "told, expected",
    [
        ("en pleine nuit, un homme cagoulé tire sur un jeune au pied d'une tour.", [("shooting", "93072", "93", 1)]),
        ("deux hommes en scooter tiraient sur la façade d'un immeuble.", [("shooting", "93072", "93", 1)]),
        ("le chef du réseau tire sur la corde et menace ses guetteurs.", [("intimidation", "93072", "93", 1)]),
    ],
)
def test_a_shooting_told_in_the_narrative_present(extractor, told, expected):
    assert placed(extractor, "Violences en Seine-Saint-Denis", STAINS + told) == expected


def test_projectiles_that_hit_a_person_are_the_shootings_bullets(extractor):
    text = (
        "Mardi soir, des coups de feu ont éclaté à Stains, sur fond de trafic de drogue. Un jeune de 17 ans a été "
        "touché à la cuisse par des projectiles."
    )
    assert placed(extractor, "Tirs à Stains", text) == [("shooting", "93072", "93", 1)]


def test_where_persons_are_held_is_no_place_of_their_arrest(extractor):
    text = (
        "Six personnes ont été interpellées lundi à Saint-Pierre, soupçonnées d'un trafic de cocaïne. Quatre "
        "d'entre elles étaient encore gardées à vue mercredi à la caserne de Saint-Denis."
    )
    assert placed(extractor, "Trafic de cocaïne : six interpellations", text) == [("arrest", "97416", "974", 1)]


def test_called_on_by_residents_is_no_arrest(extractor):
    text = "Lundi, à Tourcoing, la ministre a été interpellée par des riverains excédés par les trafics de drogue."
    assert placed(extractor, "Visite de la ministre à Tourcoing", text) == []


def test_arrested_by_the_police_in_the_passive_is_an_arrest(extractor):
    text = "Lundi, à Tourcoing, un revendeur a été interpellé par la BAC, sur fond de trafic de drogue."
    assert placed(extractor, "Un revendeur interpellé à Tourcoing", text) == [("arrest", "59599", "59", 1)]


def test_a_headline_of_a_years_record_seizures_opens_a_round_up(extractor):
    text = (
        "La lutte contre les stupéfiants reste la priorité du préfet de la Mayenne. Cinq réseaux ont été "
        "démantelés dans l'année, à Laval et à Mayenne, et ont conduit à de nombreuses interpellations."
    )
    assert placed(extractor, "Après des saisies records en 2024, la drogue reste la priorité", text) == []


def test_plants_destroyed_by_the_police_are_a_seizure(extractor):
    text = "Dimanche, à Cilaos, une quarantaine de pieds de zamal, prêts à la récolte, ont été détruits."
    assert placed(extractor, "Zamal : une plantation détruite", text) == [("seizure", "97424", "974", 1)]


def test_an_arrest_named_as_a_time_is_no_new_arrest(extractor):
    text = (
        "Le 3 mars, à Luçon, les gendarmes ont interpellé deux hommes et saisi 200 grammes de cocaïne. Trois jours "
        "après leur interpellation, ils passaient devant le tribunal des Sables-d'Olonne."
    )
    assert placed(extractor, "Deux revendeurs arrêtés à Luçon", text) == [("seizure", "85128", "85", 1)]


def test_a_find_told_by_a_gerund_is_a_seizure(extractor):
    text = "Mardi, à Ribérac, les gendarmes perquisitionnaient une grange, découvrant trois kilos d'héroïne."
    assert placed(extractor, "Trois kilos d'héroïne", text) == [("seizure", "24352", "24", 1)]

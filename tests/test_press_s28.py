"""Session 28 (issue 13), each mechanism on sentences written for the test (other towns, other words than the articles
they were traced on).

- The article's tie to the drug trade (extract._drug_context): a "règlement de comptes" names the drug trade's violence
  only in an article that names no other trade (passeurs, migrants, grand banditisme: rules/words.toml trade.other); a
  Kalachnikov alone names no trade; a "trafic de migrants" or "d'armes" is no drug trafficking.
- Places (geography.py, places.py): a region is no estate of the same name ("en Bourgogne" is not the Bourgogne estate
  of Tourcoing) unless the article calls it a quartier; a gendarmerie detachment or an air section names its seat, no
  place of the event; the Channel ("traverser la Manche", "outre-Manche") is no département (places.SEA_BEFORE); a
  journey abroad ("rentraient d'un voyage en Espagne", "de retour du Maroc") is a route (places.FOREIGN_ROUTE), not the
  event's place.
- Senses and tenses (rules/qualifiers.toml): a raid or a wave that "s'abat" on a network shot nobody
  (other_sense.s_abattre, also in a relative clause); a future carried by the first of two joined participles ("seront
  retrouvés et interpellés") is no event unless told with its year (tense.futur_coordonne, told.*_coordonne).
- Triggers (rules/triggers.toml): a cannabis farm or factory dismantled is a seizure; a find told in the singular
  narrative imperfect ("la brigade découvrait 4 000 euros") is one; so are goods "récupérés", goods that "étaient
  cachés" (not a method in the present) and a person arrested "en possession de produits stupéfiants"; goods listed
  after a colon ("Le bilan est lourd : 800 grammes", "À l'intérieur : 2 kilos") are the operation's (extract.GOODS_COLON
  keeps the list in its head's clause).
- The gate of trial pieces (recalls.through_gate): a seizure that took in an arrest told as an event stays.
- Values: an aside in brackets between an amount and its drug is passed over (rules/values.toml aside_after_unit); the
  headline measures the drugs of the article's one seizure when the body measures none
  (territory.goods_of_the_headline)."""

from datetime import date

import pytest
from conftest import extracted, placed

from vigie.press import quantities


@pytest.mark.parametrize(
    "text",
    [
        "Dimanche soir, un trentenaire a été abattu sur le parking d'un hôtel de Grande-Synthe. Les enquêteurs "
        "penchent pour un règlement de comptes entre passeurs qui se disputent les plages de départ.",
        "Un homme connu pour ses liens avec le grand banditisme a été abattu mardi à Porto-Vecchio. Les gendarmes "
        "croient à un règlement de comptes.",
        "Samedi, un jeune muni d'une kalachnikov a tiré sur des passants à Salon-de-Provence, avant d'être interpellé.",
        "Un homme a été blessé par balle jeudi à Grande-Synthe, près du camp. L'enquête revient à l'office chargé du "
        "trafic illicite de migrants.",
    ],
)
def test_violence_of_another_trade_is_no_event(extractor, text):
    assert placed(extractor, "Un homme visé par des tirs", text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Dimanche soir, un trentenaire a été abattu au Mirail, à Toulouse. Les enquêteurs penchent pour un "
        "règlement de comptes.",
        "Dimanche soir, un trentenaire a été abattu à Toulouse. Les enquêteurs penchent pour un règlement de "
        "comptes entre passeurs de drogue.",
    ],
)
def test_a_reglement_de_comptes_with_no_other_trade_is_the_drug_trade(extractor, text):
    assert placed(extractor, "Un homme visé par des tirs", text) == [("shooting", "31555", "31", 1)]


def test_a_region_is_no_estate_of_the_same_name(extractor):
    text = "Jeudi, en Bourgogne, les gendarmes ont mis la main sur 30 kilos de cannabis cachés dans une ferme."
    assert placed(extractor, "Saisie de drogue", text) == [("seizure", None, None, 3)]
    # called a quartier, the name is Tourcoing's estate
    estate = "Jeudi, les policiers ont saisi 30 kilos d'herbe au quartier de la Bourgogne, à Tourcoing."
    assert placed(extractor, "Saisie de drogue", estate) == [("seizure", "59599", "59", 1)]


@pytest.mark.parametrize(
    "text",
    [
        "Mardi à l'aube, une véritable vague d'interpellations s'est abattue sur un réseau de stupéfiants de Graulhet.",
        "C'est une descente de grande ampleur qui s'est abattue mardi sur un réseau de stupéfiants de Graulhet.",
    ],
)
def test_a_raid_that_s_abat_on_a_network_shot_nobody(extractor, text):
    assert ("shooting", "81105", "81", 1) not in placed(extractor, "Coup de filet", text)


def test_a_shower_of_bullets_that_s_abat_is_a_shooting(extractor):
    text = "Mardi soir à Graulhet, une pluie de balles s'est abattue sur la voiture d'un revendeur de cannabis."
    assert placed(extractor, "Des tirs", text) == [("shooting", "81105", "81", 1)]


def test_a_future_joined_to_another_participle_is_no_event(extractor):
    said = "Le maire est confiant : les agresseurs seront retrouvés et interpellés."
    text = f"Samedi, à Cahors, un père de famille a été roué de coups par des dealers. {said}"
    assert placed(extractor, "Un père frappé", text) == [("intimidation", "46042", "46", 1)]
    # told in the narrative future with its year, it happened
    told = text.replace(said, "Repéré par les enquêteurs, l'un d'eux sera retrouvé et interpellé le 3 juin 2024.")
    assert ("arrest", "46042", "46", 1) in placed(extractor, "Un père frappé", told)


def test_an_air_section_or_a_detachment_names_its_seat_not_the_place(extractor):
    text = (
        "Le 2 juillet, les réservistes du détachement de Morteau, qui patrouillaient dans le Haut-Doubs, ont "
        "découvert une plantation de cannabis au fond d'un jardin."
    )
    assert placed(extractor, "Plantation de cannabis", text) == [("seizure", None, "25", 3)]


def test_the_channel_is_no_departement(extractor):
    text = (
        "Mardi, au port de Roscoff, les douaniers ont trouvé 40 kilos d'herbe dans une camionnette. Son "
        "conducteur, qui comptait traverser la Manche, dort en garde à vue."
    )
    assert placed(extractor, "Saisie d'herbe à Roscoff", text) == [("seizure", "29239", "29", 1)]


def test_a_journey_abroad_does_not_put_the_event_abroad(extractor):
    text = (
        "Jeudi soir, sur l'autoroute A62 à hauteur d'Agen, trois hommes qui rentraient d'un séjour d'achat au "
        "Maroc ont été contrôlés en possession de 12 kilos de résine de cannabis."
    )
    assert placed(extractor, "Résine saisie", text) == [("seizure", None, "47", 2)]


def test_a_cannabis_farm_dismantled_is_a_seizure(extractor):
    text = "Mardi, les gendarmes ont dit qu'une ferme de cannabis, cachée dans un hangar de Venette, a été démantelée."
    assert placed(extractor, "Cannabis", text) == [("seizure", "60665", "60", 1)]


def test_a_find_told_in_the_narrative_imperfect_singular(extractor):
    text = "En mars 2020, la brigade de Vitré découvrait 4 000 euros en liquide chez un revendeur de Retiers."
    assert placed(extractor, "Un réseau démantelé", text) == [("seizure", "35239", "35", 1)]


def test_an_aside_between_an_amount_and_its_drug_is_passed_over():
    assert quantities.drugs("Les douaniers ont saisi 240 kilos (une valeur de 2 millions) de résine de cannabis") == [
        {"substance": "cannabis", "quantity": 240.0, "unit": "kg"}
    ]


def test_the_headline_measures_the_drugs_the_body_leaves_unmeasured(extractor):
    text = (
        "Mardi matin, dans un garage de Mâcon, les policiers ont découvert une grosse quantité de drogue et "
        "interpellé deux hommes."
    )
    title = "Mâcon : 80 kilos d'herbe de cannabis saisis dans un garage"
    (event,) = extracted(extractor, title, text)
    assert (event.type, event.commune, event.drugs) == (
        "seizure",
        "71270",
        [{"substance": "cannabis", "quantity": 80.0, "unit": "kg"}],
    )


@pytest.mark.parametrize(
    "text",
    [
        "Samedi, place du marché à Granville, deux kilos de résine et 3 000 euros ont été récupérés par les gendarmes.",
        "Samedi soir, les policiers ont arrêté deux hommes à Granville : quatre kilos de cocaïne étaient cachés dans "
        "la roue de secours.",
        "Samedi soir, un jeune de 19 ans a été arrêté à Granville en possession de produits stupéfiants.",
    ],
)
def test_goods_recovered_hidden_or_held_are_a_seizure(extractor, text):
    assert placed(extractor, "Trafic de drogue", text) == [("seizure", "50218", "50", 1)]


def test_a_hidden_method_in_the_present_is_no_seizure(extractor):
    text = "A Granville, la drogue est cachée dans des colis de vêtements, explique un enquêteur."
    assert placed(extractor, "Trafic de drogue", text) == []


def test_a_trial_piece_keeps_its_seizure_that_took_in_a_dated_arrest(extractor):
    text = (
        "Samedi 3 février, les gendarmes ont interpellé trois hommes place de la Mairie à Granville.\n\n"
        "Dans le logement fouillé, 1,8 kilo de résine a aussi été récupéré."
    )
    title = "Granville : un dealer condamné à deux ans de prison"
    assert placed(extractor, title, text, date(2024, 2, 10)) == [("seizure", "50218", "50", 1)]


@pytest.mark.parametrize(
    "text",
    [
        "Mardi, à Narbonne, les gendarmes ont démantelé un réseau. Le filet est bien garni : 440 grammes de cocaïne "
        "et 80 grammes d'ecstasy.",
        "Mardi, les douaniers ont fouillé une voiture à Narbonne. A l'intérieur : 2,4 kilos de résine.",
    ],
)
def test_goods_listed_after_a_colon_are_the_operation_s(extractor, text):
    assert placed(extractor, "Trafic", text) == [("seizure", "11262", "11", 1)]


def test_a_year_s_figures_after_a_colon_are_no_event(extractor):
    text = "A Narbonne, le bilan de l'année 2023 : 300 kilos de cannabis saisis par la police."
    assert placed(extractor, "Trafic", text) == []

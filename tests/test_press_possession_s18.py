"""Events told with no trigger word of their type (session 18, p18b). Goods held, carried, contained, hidden or left
behind, told with no verb of seizing: the seizure rules of rules/triggers.toml that read a police find by a predicate
of possession or containment (fixtures 996-999 tell them in whole articles). A point de deal dismantled told as a
halt put to it, or named by the shop it is likened to (fixtures 968-969). Our own sentences."""

import re

import pytest

from vigie.press.linguistics import Linguistics
from vigie.press.pipeline import load_nlp


@pytest.fixture(scope="module")
def ling():
    return Linguistics(load_nlp())


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Le guetteur était porteur de 180 grammes de résine de cannabis.", "seizure.porteur_de"),
        ("L'un des deux hommes était détenteur d'un pistolet.", "seizure.porteur_de"),
        ("Le conducteur était en possession d'un revolver lors du contrôle.", "seizure.en_possession_de"),
        # drugs found on a buyer are found by the police all the same (README; session 28)
        ("Un acheteur était en possession de deux bonbonnes de cocaïne.", "seizure.en_possession_de"),
        ("Il contenait, sous des cartons, 45 kilos d'herbe de cannabis.", "seizure.contenait_une_quantite"),
        ("Deux voitures, dont celle du suspect, contenaient 70 kilos de résine.", "seizure.contenait_une_quantite"),
        ("Les chiens ont détecté 60 kilos de résine dans la remorque.", "seizure.detecte"),
        ("Deux pistolets abandonnés dans un fourré ont été ramassés.", "seizure.biens_caches"),
        ("Les douaniers ont découvert 40 ovules de cocaïne dissimulés sous un siège.", "seizure.biens_caches"),
        ("Les policiers ont ramassé 300 grammes de cocaïne abandonnés par les fuyards.", "seizure.biens_caches"),
        ("Il s'est avéré détenir sur lui 450 grammes d'herbe.", "seizure.avait_sur_lui"),
        ("Les gendarmes contrôlent un cycliste avec sur lui trois grammes d'héroïne.", "seizure.avait_sur_lui"),
        ("Trois kilos de cocaïne ont aussi été retrouvés dans la cave.", "seizure.a_retrouve"),
        ("Des armes sont également retrouvées dans l'appartement.", "seizure.etait_retrouve"),
    ],
)
def test_goods_held_or_contained_are_a_find(ling, text, rule):
    assert rule in ling.fired("seizure", text)


@pytest.mark.parametrize(
    "text",
    [
        "Trois jeunes arrêtés en possession de couteaux ont été relâchés.",  # no amount, weapon or cash
        "L'association distribue des kits contenant un éthylotest et des préservatifs.",
        "Le hangar, qui contenait 200 pieds de cannabis, a été rasé.",  # a relative clause: a thing told already
        "Le scanner doit détecter les mules qui transportent de la drogue.",
        "Il est porteur d'un projet de médiathèque pour le quartier.",
        "Les habitants se sentent abandonnés par les pouvoirs publics.",
    ],
)
def test_holding_without_measured_goods_is_no_find(ling, text):
    new = {
        "seizure.porteur_de",
        "seizure.en_possession_de",
        "seizure.contenait_une_quantite",
        "seizure.detecte",
        "seizure.biens_caches",
    }
    assert not new & set(ling.fired("seizure", text))


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Les gendarmes y ont mis un coup d'arrêt mardi.", "dealing_point.coup_d_arret"),
        ("La brigade a mis mercredi un coup d'arrêt à un trafic installé près du port.", "dealing_point.coup_d_arret"),
        ("Un coup d'arrêt a été donné au réseau lundi.", "dealing_point.coup_d_arret_donne"),
        ("Les policiers ont démantelé un drive de la drogue.", "dealing_point.drive_de_la_drogue"),
        ("Un supermarché de la drogue fermé à Dieppe.", "dealing_point.drive_de_la_drogue"),
    ],
)
def test_a_point_dismantled_told_as_a_halt_or_a_shop(ling, text, rule):
    assert rule in ling.fired("dealing_point", text)


def test_an_aim_is_no_halt(ling):
    """The infinitive of an aim tells no dismantling."""
    assert not ling.fired("dealing_point", "Ces contrôles visent à mettre un coup d'arrêt au commerce.")


def test_a_halt_is_a_dismantling_only_where_a_point_is_named():
    """Like 'un trafic démantelé', 'un coup d'arrêt' to a trade is a point's only in an article that names one."""
    from vigie.press import territory

    fired = ["dealing_point.coup_d_arret"]
    assert territory.unnamed_point(["dealing_point"], fired, "Ils ont mis un coup d'arrêt au réseau.") == []
    assert territory.unnamed_point(["dealing_point"], fired, "Le point de deal du square : un coup d'arrêt.") == [
        "dealing_point"
    ]
    assert re.search(territory.DISMANTLED_MORE, "la police y a mis un coup d'arrêt")

"""Goods held, carried, contained, hidden or left behind, told with no verb of seizing (session 18, p18b): the
trigger rules of rules/triggers.toml that read a police find by a predicate of possession or containment. Our own
sentences; fixtures 968-969 and 996-999 tell each in a whole article."""

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
        ("Il était en possession d'une arme de poing au moment de son arrestation.", "seizure.en_possession_de"),
        ("Il contenait, sous des cartons, 45 kilos d'herbe de cannabis.", "seizure.contenait_une_quantite"),
        ("Deux voitures, dont celle du suspect, contenaient 70 kilos de résine.", "seizure.contenait_une_quantite"),
        ("Les chiens ont détecté 60 kilos de résine dans la remorque.", "seizure.detecte"),
        ("Deux pistolets abandonnés dans un fourré ont été ramassés.", "seizure.biens_caches"),
        ("On a découvert 97 ovules de cocaïne dissimulés dans le coffre.", "seizure.biens_caches"),
        ("Dans leur fuite, ils ont laissé derrière eux 300 grammes de cocaïne.", "seizure.laisse_derriere"),
        ("Il s'est avéré détenir sur lui 450 grammes d'herbe.", "seizure.avait_sur_lui"),
        ("La police arrête un automobiliste avec sur lui un gramme d'héroïne.", "seizure.avait_sur_lui"),
        ("Trois kilos de cocaïne ont aussi été retrouvés dans la cave.", "seizure.a_retrouve"),
        ("Des armes sont également retrouvées dans l'appartement.", "seizure.etait_retrouve"),
    ],
)
def test_goods_held_or_contained_are_a_find(ling, text, rule):
    assert rule in ling.fired("seizure", text)


@pytest.mark.parametrize(
    "text",
    [
        "Deux personnes ont été interpellées en possession de couteaux.",  # no amount, weapon or cash
        "Un acheteur était en possession de deux bonbonnes de cocaïne.",  # not measured: maybe a buyer's
        "L'association distribue des kits contenant un éthylotest et des préservatifs.",
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
        "seizure.laisse_derriere",
    }
    assert not new & set(ling.fired("seizure", text))

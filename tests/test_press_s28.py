"""Session 28 (issue 13), each mechanism on sentences written for the test (other towns, other words than the articles
they were traced on). The article's tie to the drug trade (extract._drug_context): a "règlement de comptes" names the
drug trade's violence only in an article that names no other trade (passeurs, migrants, grand banditisme:
rules/words.toml trade.other); a Kalachnikov alone names no trade; a "trafic de migrants" or "d'armes" is no drug
trafficking. Places (geography.py): a region is no estate of the same name ("en Bourgogne" is not the Bourgogne estate
of Tourcoing) unless the article calls it a quartier."""

import pytest
from conftest import placed


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

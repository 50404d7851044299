"""Several events of one type in one article, told apart rather than merged or lost (issue 13, session 12): arrests
told in the present passive, and arrests counted town by town in a list the clauses cut. The whole extraction of such
articles is scored by fixtures 836-840 (tests/test_press.py)."""

import pytest

from vigie.press.linguistics import Linguistics


@pytest.fixture(scope="module")
def ling(nlp):
    return Linguistics(nlp)


@pytest.mark.parametrize(
    "text",
    [
        "En avril, deux hommes sont arrêtés devant un immeuble.",
        "Deux personnes à Tulle et une à Brive sont arrêtées au petit matin.",
        "Le guetteur est aussitôt appréhendé.",
    ],
)
def test_an_arrest_told_in_the_present_passive(ling, text):
    assert "arrest.est_arrete" in ling.fired("arrest", text)


@pytest.mark.parametrize(
    "text",
    [
        "Une voiture s'est arrêtée à leur hauteur.",  # a car that stops
        "Les suspects voulaient arrêter le chauffeur.",  # an infinitive
    ],
)
def test_a_car_that_stops_is_no_arrest(ling, text):
    assert "arrest.est_arrete" not in ling.fired("arrest", text)

"""Arrests told in the past tenses of a story (rules/triggers.toml, arrest.interpelle): the imperfect and the simple
past of 'interpeller' are arrests ('la brigade interpellait cette fois sept individus', an operation of the inquiry);
a call on someone, a reflexive stop and an intent are not."""

import pytest

from vigie.press.linguistics import Linguistics
from vigie.press.pipeline import load_nlp


@pytest.fixture(scope="module")
def ling():
    return Linguistics(load_nlp())


@pytest.mark.parametrize(
    "text,rule",
    [
        ("Jeudi, la brigade interpellait deux jeunes hommes rue de Brest.", "arrest.interpelle"),
        ("Les gendarmes interpellèrent le conducteur au péage.", "arrest.interpelle"),
        ("Les policiers interpellaient les deux guetteurs au pied de la tour.", "arrest.interpelle"),
        ("Le lendemain, les enquêteurs interpellèrent le fournisseur.", "arrest.interpelle"),
    ],
)
def test_an_arrest_told_in_a_tense_of_the_story(ling, text, rule):
    assert rule in ling.fired("arrest", text)


@pytest.mark.parametrize(
    "text",
    [
        "Une voiture s'est arrêtée à leur hauteur.",  # a reflexive: the car stopped
        "Les habitants interpellaient le maire sur la sécurité.",  # a call on someone
        "Les policiers tentaient d'interpeller le guetteur.",  # an intent
    ],
)
def test_no_arrest_in_a_stop_a_denial_or_an_intent(ling, text):
    assert ling.kinds(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Trois guetteurs seront interpellés dans la soirée, puis leur chef deux jours après.",
        "Les deux tireurs présumés seront interpellés le lendemain.",
    ],
)
def test_the_narrative_future_of_a_step_told_from_another_is_an_arrest(ling, text):
    """rules/qualifiers.toml, told.futur_historique_suite: a step told with the next one ('puis') or counted from the
    one before ('le lendemain') is a story's, not a plan."""
    assert ling.kinds(text) == ["arrest"]


@pytest.mark.parametrize(
    "text",
    ["Les dealers seront interpellés.", "Les suspects seront interpellés dans les prochains jours."],
)
def test_a_future_with_no_other_step_stays_a_plan(ling, text):
    assert ling.kinds(text) == []

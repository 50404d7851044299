"""Several events of one type in one article, told apart rather than merged or lost (issue 13, session 12): arrests
told in the present passive, arrests counted town by town in a list the clauses cut, two shootings one clause tells,
each with its date, undated mentions kept in the story they were told in, and a compared event's date. The whole
extraction of such articles is scored by fixtures 836-842 (tests/test_press.py)."""

from datetime import date

import pytest

from vigie.press import counting, dates, recalls
from vigie.press.linguistics import Linguistics
from vigie.press.schema import Event


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


@pytest.mark.parametrize(
    "text",
    [
        "Deux hommes avaient été blessés par arme à feu dans le quartier.",
        "Un trentenaire a été tué par une arme à feu samedi.",
    ],
)
def test_a_shooting_told_by_its_firearm(ling, text):
    assert "shooting.par_arme_a_feu" in ling.fired("shooting", text)
    assert "shooting.par_arme_a_feu" not in ling.fired(
        "shooting", "Il a été interpellé en possession d'une arme à feu."
    )


def test_two_shootings_of_one_clause_each_with_its_date(ling):
    def fires(text):
        return "shooting" in ling.kinds(text)

    ref = date(2025, 10, 6)
    text = "En mars, un guetteur avait été visé par des tirs, suivis d'une autre fusillade en août près du marché."
    assert recalls.several(text, ref, None, fires) == [
        (date(2025, 3, 1), date(2025, 3, 31)),
        (date(2025, 8, 1), date(2025, 8, 31)),
    ]
    ref = date(2025, 6, 14)  # a Saturday
    text = "Après les tirs de jeudi soir rue de Bâle, des coups de feu ont éclaté ce samedi matin près de la gare."
    assert recalls.several(text, ref, None, fires) == [
        (date(2025, 6, 12), date(2025, 6, 12)),
        (date(2025, 6, 14), date(2025, 6, 14)),
    ]


def test_one_shooting_stays_one_when_a_piece_has_no_trigger_or_no_date_of_its_own(ling):
    def fires(text):
        return "shooting" in ling.kinds(text)

    ref = date(2025, 6, 14)
    assert (
        recalls.several("Après deux heures de traque jeudi, des coups de feu ont éclaté samedi.", ref, None, fires)
        == []
    )
    assert (
        recalls.several("Après les tirs, des coups de feu ont éclaté samedi près de la gare.", ref, None, fires) == []
    )
    assert recalls.several("Samedi, une autre fusillade a éclaté près de la gare.", ref, None, fires) == []
    # the same day told twice is one shooting ("jeudi soir" … "ce jeudi")
    assert (
        recalls.several("Après les tirs de jeudi soir, des coups de feu ont encore éclaté ce jeudi.", ref, None, fires)
        == []
    )


def _seizure(start, end, evidence, **extra):
    e = Event("seizure", "79191", "79", "Niort", 1, start, end, evidence=evidence)
    for k, v in extra.items():
        setattr(e, k, v)
    return e


def test_undated_mentions_keep_the_story_either_was_told_in():
    # "Cette fois, … ont découvert une cache" (the lead: no story yet), "… ont saisi cinq kilos" (told after the
    # arrests of November), then "ont déjà saisi 18 kg début juin": two seizures, not one of June
    november = (date(2016, 11, 1), date(2016, 11, 30))
    lead = _seizure(None, date(2016, 12, 2), "Cette fois, les policiers ont découvert une cache.", story_date=None)
    body = _seizure(None, date(2016, 12, 2), "Les policiers ont saisi cinq kilos.", story_date=november)
    june = _seizure(date(2016, 6, 1), date(2016, 6, 10), "Ils avaient déjà saisi 18 kg.", own_date=True)
    june.story_date = november
    merged = counting.merge([lead, body, june])
    assert [(e.date_start, e.evidence) for e in merged] == [
        (None, lead.evidence),
        (date(2016, 6, 1), june.evidence),
    ]
    # with no story told anywhere, the undated mentions are still open to any date, as before
    lead = _seizure(None, date(2016, 12, 2), "Cette fois, les policiers ont découvert une cache.", story_date=None)
    june = _seizure(date(2016, 6, 1), date(2016, 6, 10), "Ils avaient déjà saisi 18 kg.", own_date=True)
    assert len(counting.merge([lead, june])) == 1


def test_the_date_of_the_event_compared_with_is_not_the_event_s():
    friday = (date(2024, 2, 9), date(2024, 2, 9))
    ref = date(2024, 2, 10)
    text = "La prise est bien plus importante que celle réalisée mardi dans le même village : 80 pieds."
    assert dates.resolve(text, ref, friday) is None  # its date is its paragraph's
    assert dates.resolve("la plus grosse prise depuis celle de mars 2021", ref) is None
    assert dates.resolve("Mardi, la prise est plus importante que celle de janvier", ref) == (date(2024, 2, 6),) * 2


def test_a_chain_of_fronted_shootings_each_with_its_piece(ling):
    def fires(text):
        return "shooting" in ling.kinds(text)

    ref = date(2023, 5, 12)  # a Friday
    text = (
        "Après la fusillade du mois dernier à Sevran, après celle de samedi soir à Tremblay-en-France, des coups de "
        "feu ont été tirés mercredi à Aulnay-sous-Bois."
    )
    told = recalls.apart_told(text, ref, None, fires)
    assert [when for when, _ in told] == [
        (date(2023, 4, 1), date(2023, 4, 30)),
        (date(2023, 5, 6), date(2023, 5, 6)),
        (date(2023, 5, 10), date(2023, 5, 10)),
    ]
    assert "Tremblay" in told[1][1] and "Aulnay" in told[2][1]
    # "au lendemain de": the day before the clause's own date; a rest that tells no shooting leaves the eve's alone
    text = "Ce jeudi 11 mai, au lendemain d'une fusillade à Sevran, le maire a réuni ses adjoints."
    assert recalls.apart_told(text, ref, None, fires) == [((date(2023, 5, 10),) * 2, "une fusillade à Sevran")]

"""Values of session 15: an approximate number in the plural counts nothing, a substance added by 'ainsi que'."""

from vigie.press import quantities


def test_an_approximate_number_in_the_plural_is_indefinite():
    """Fixture 926: "des centaines de grammes", "plusieurs dizaines de kilos" are indefinite (quantity null), not
    100 g or 10 kg; "une vingtaine de kilos" keeps its number."""
    assert quantities.number_word("centaines") is None
    assert quantities.number_word("une vingtaine") == 20
    assert quantities.drugs("Ils ont saisi des centaines de grammes de cocaïne.") == [
        {"substance": "cocaine", "quantity": None, "unit": None}
    ]
    assert quantities.drugs("plusieurs centaines de kilos de résine ont été saisis") == [
        {"substance": "cannabis", "quantity": None, "unit": None}
    ]
    assert quantities.unnamed_masses("des centaines de grammes de drogue ont été saisis") == []
    assert quantities.cash("des milliers d'euros ont été saisis") is None
    assert quantities.arrested("des dizaines de personnes ont été interpellées") is None
    assert quantities.drugs("une vingtaine de kilos de résine") == [
        {"substance": "cannabis", "quantity": 20, "unit": "kg"}
    ]


def test_a_substance_added_by_ainsi_que_has_no_amount():
    """Fixture 927: "45 grammes d'herbe, ainsi que du crack": the crack is seized too, amount unknown."""
    found = quantities.drugs("Les agents ont saisi 45 grammes d'herbe de cannabis, ainsi que du crack et un téléphone.")
    assert {(d["substance"], d["quantity"]) for d in found} == {("cannabis", 0.045), ("crack", None)}


def test_nobody_hit_said_otherwise():
    """Fixtures 931, 932: "Il n'y a pas eu de blessé", "les tirs n'ont blessé personne", "aucune victime n'est à
    déplorer": killed 0 and injured 0 (README), not unsaid."""
    for said in (
        "Il n'y a pas eu de blessé.",
        "Il n'y a pas eu de victime.",
        "Fort heureusement, les tirs n'ont blessé personne.",
        "Aucune victime n'est à déplorer.",
    ):
        assert quantities.casualties(said) == (0, 0), said
    assert quantities.casualties("Il n'y a pas eu de victime collatérale, mais un guetteur a été blessé.") == (
        None,
        1,
    )

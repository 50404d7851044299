"""Values of session 17: a 'dont' after goods not measured, a list of finds cut into pieces, speed, a mass of
cigarettes, shots that killed nobody, a man cut down by bullets."""

from vigie.press import extract, quantities


def test_a_subset_of_goods_not_measured_is_the_amount():
    """Fixture 985: "des marchandises prohibées, dont 240 kilos de cocaïne" gives 240 kg; "20 kilos, dont 5 kg d'herbe"
    still gives 20 (the whole was measured)."""
    assert quantities.drugs("Ils ont saisi des marchandises prohibées, dont 240 kilos de cocaïne.") == [
        {"substance": "cocaine", "quantity": 240, "unit": "kg"}
    ]
    assert quantities.drugs("Ils ont saisi 20 kilos de cannabis, dont 5 kg d'herbe.") == [
        {"substance": "cannabis", "quantity": 20, "unit": "kg"}
    ]


def test_a_list_of_finds_cut_by_the_recogniser_is_one_sentence():
    """Fixtures 986, 987: a piece ending with a semicolon, or followed by one in lower case, goes on."""
    text = "Ils ont saisi 3 kg de résine ; 400 g d'herbe. et 90 g de crack. Deux hommes sont en garde à vue."
    cuts = [(0, 30), (31, 45), (46, 63), (64, len(text))]
    assert extract._rejoin(text, cuts) == [text[:63], text[64:]]


def test_speed_is_synthetic_and_cigarettes_no_drug():
    """Fixture 988."""
    found = quantities.drugs("Ils ont découvert 12 kilos de cigarettes de contrebande et 4 kilos de speed.")
    assert found == [{"substance": "synthetic", "quantity": 4, "unit": "kg"}]


def test_shots_that_killed_nobody_and_a_man_cut_down_by_bullets():
    """Fixture 989: "une rafale … n'a fait aucun mort" → killed 0 (injured not said); "fauché par deux balles" →
    one injured."""
    assert quantities.casualties("une rafale tirée sur des guetteurs n'a fait aucun mort") == (0, None)
    assert quantities.casualties("un jeune homme a été fauché par deux balles dans les jambes") == (None, 1)


def test_injured_counted_in_the_feminine_and_two_others():
    """Fixture 990: "une femme a été tuée et trois blessées" → 1 and 3; "a tué un adolescent et en a blessé deux
    autres" → 1 and 2."""
    assert quantities.casualties("une femme a été tuée et trois blessées lors d'une fusillade") == (1, 3)
    assert quantities.casualties("la fusillade a tué un adolescent et en a blessé deux autres") == (1, 2)

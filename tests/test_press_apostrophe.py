"""The press's typographic apostrophe in a place name parts its words as the official names' straight one does
(vigie.geo.names.name_key): "Pont-l’Abbé" is Pont-l'Abbé, found by name, not by the misspelling search."""

from vigie.geo.names import name_key


def test_a_typographic_apostrophe_is_the_straight_one():
    assert name_key("Pont-l’Abbé") == name_key("Pont-l'Abbé") == "pont l abbe"
    assert name_key("Villeneuve-d’Ascq") == name_key("Villeneuve-d'Ascq")
    assert name_key("L’Haÿ-les-Roses") == name_key("L'Haÿ-les-Roses")

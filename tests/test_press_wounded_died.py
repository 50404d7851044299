"""A death told after the wounded were counted (counting.wounded_died): the victims counted wounded are dead. The
whole-article cases are our own fixtures 1100-1102, scored with the other fixtures by tests/test_press.py."""

import pytest

from vigie.press import quantities


@pytest.mark.parametrize(
    ("text", "fate"),
    [
        ("Ils sont morts tous les deux dans la nuit.", "all"),
        ("Elles sont décédées peu après leur arrivée au centre hospitalier.", "all"),
        ("Les deux blessés ont succombé dans la matinée.", "all"),
        ("Le second blessé est décédé à l'hôpital dans la nuit.", "other"),
        ("L'autre a été mortellement touchée au thorax.", "other"),
        ("Transporté au CHU, il a succombé lui aussi le lendemain.", "also"),
        ("Il a succombé à ses blessures dans la nuit.", None),  # the one victim named: died_of_it's case
        ("Ils ont été blessés aux jambes.", None),
        ("L'autre a été légèrement blessé.", None),
    ],
)
def test_wounded_died(text, fate):
    assert quantities.wounded_died(text) == fate

"""Values of press events (casualties, drugs, cash, weapons, persons arrested) read from rules/values.toml, how a bad
values file is refused, and how mentions are counted (counting.py). The whole-article cases are our own fixtures
370–399, scored with the other fixtures by tests/test_press.py."""

import pytest

from vigie.errors import VigieError
from vigie.press import quantities
from vigie.press.quantities import VALUES_FILE, load_values


def _drugs(text):
    return {(d["substance"], d["unit"]): d["quantity"] for d in quantities.drugs(text)}


# ------------------------------------------------------------------------------------------------ the values file
def test_the_shipped_values_file_loads_and_names_every_rule_the_code_applies():
    values = load_values()
    assert set(values.patterns) == set(quantities.RULE_NAMES)
    assert values.numbers["vingtaine"] == 20 and values.units["grammes"] == ("kg", 0.001)
    assert [name for name, _ in values.substances][:2] == ["cannabis", "cocaine"]


def _with(tmp_path, old: str, new: str):
    text = VALUES_FILE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "values.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('name = "nobody_hit"\n', 'name = "nobody_hit"\nweight = 2\n', r"rule 'nobody_hit': unknown field\(s\) weight"),
        ("pattern = '''\\d{1,3}", "pattern = '''(\\d{1,3}", r"rule 'digits': the pattern does not compile"),
        ('name = "toll_item"', 'name = "toll_items"', r"rule 'toll_items': no such rule is applied"),
        ('[[substance]]\nname = "crack"', '[[substance]]\nname = "caillou"', r"substance 'caillou': not one of"),
        ('kind = "shotgun"', 'kind = "sling"', r"weapon 'sling': not one of"),
        ('pied = { unit = "plants"', 'pied = { unit = "feet"', r"unit 'pied': unit 'feet' is not one of"),
        ("[shares]", "[share]", r"unknown section\(s\) share"),
        ("vingtaine = 20", "vingtaine = 'vingt'", r"\[about\] 'vingtaine': 'vingt' is not a positive number"),
        ('[[rule]]\nname = "person"', '[[rule]]\nname = "digits"', r"rule 'digits': a rule of this name comes earlier"),
        ("\n[units]\n", "\n[units\n", r"not a readable values file"),
    ],
)
def test_a_bad_values_file_is_refused_at_load_with_its_name(tmp_path, old, new, message):
    path = _with(tmp_path, old, new)
    with pytest.raises(VigieError, match=message) as info:
        load_values(path)
    assert str(path) in str(info.value)


def test_a_values_file_missing_a_rule_is_refused(tmp_path):
    path = _with(tmp_path, 'name = "hit_by_bullets"', 'name = "hit_by_bullets_"')
    with pytest.raises(VigieError, match="no such rule"):
        load_values(path)
    text = VALUES_FILE.read_text(encoding="utf-8")
    start = text.index('[[rule]]\nname = "hit_by_bullets"')
    end = text.index("[[rule]]", start + 5)
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(VigieError, match=r"missing rule\(s\) hit_by_bullets"):
        load_values(path)

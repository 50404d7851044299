"""The look for the words a pattern needs (press/prefilter.py) never changes an answer: the words read from a
pattern's parse, the characters whose case-insensitive match str.lower does not tell, and the rules of
rules/values.toml asked with and without the look on our own fixtures' sentences, upper-cased and with odd letters."""

from __future__ import annotations

import json
import re
from pathlib import Path

from vigie.press import prefilter, quantities

FIXTURES = Path(__file__).parent / "press_fixtures"


def test_words_read_from_the_parse():
    assert prefilter.needed(re.compile(r"\bblessée?s?\b", re.I)) == ("blessé",)
    # one word of each branch; an optional part, a class or a negative look-around needs nothing
    assert set(prefilter.needed(re.compile(r"(?<!pas )\btué|(?:grièvement )?blessé", re.I))) == {"tué", "blessé"}
    assert prefilter.needed(re.compile(r"(?:\d+ )?kilos?|[A-Z]\w+", re.I)) is None  # a branch needs no word
    assert prefilter.needed(re.compile(r"(?:très )?\w+", re.I)) is None
    assert prefilter.needed(re.compile(r"\bà (\w+)")) is None  # "à " is too short to filter anything
    # of several words needed one after another, the longest: "interpellé" rather than "a été "
    assert prefilter.needed(re.compile(r"a été (?:\w+ )?interpellée?", re.I)) == ("interpellé",)
    assert prefilter.needed(re.compile(r"(?=\w+ saisis?\b)\w+", re.I)) == (" saisi",)  # a look-ahead's words
    # an alternation of literal beginnings goes on the run: "co(?:caïne|ke)", as re's parser factors it
    assert prefilter.needed(re.compile(r"\b(?:cocaïne|coke)\b", re.I)) == ("cocaïne", "coke")
    # re's module functions, the pattern kept as a string
    text = "Saisie record : ils ont saisi 3 kilos"
    assert prefilter.sub(r"\bsaisi\w*", "#", text, flags=re.I) == re.sub(r"\bsaisi\w*", "#", text, flags=re.I)
    assert prefilter.search(r"\bsaisi\b", text).span() == re.search(r"\bsaisi\b", text).span()
    assert prefilter.match(r"saisie", text) is None and prefilter.match(r"saisie", text, re.I)


def test_unsure_characters_are_all_of_them():
    import _sre
    from re import _casefix

    extra = {chr(c) for c in _casefix._EXTRA_CASES} | {chr(c) for v in _casefix._EXTRA_CASES.values() for c in v}
    unsure = set()
    for code in range(0x80, 0x110000):
        if 0xD800 <= code < 0xE000:
            continue
        lowered = chr(_sre.unicode_tolower(code))
        if chr(code).lower() != lowered or lowered in extra:
            unsure.add(chr(code))
    assert unsure == prefilter.UNSURE


def _same(compiled: re.Pattern, guarded, text: str) -> None:
    a, b = compiled.search(text), guarded.search(text)
    assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), (compiled.pattern[:80], text)
    assert compiled.sub("#", text) == guarded.sub("#", text)


def test_value_rules_answer_the_same():
    sentences = []
    for path in sorted(FIXTURES.glob("*.json"))[::4]:  # a quarter of them: the test stays short
        article = json.loads(path.read_text(encoding="utf-8"))
        sentences += [s for s in re.split(r"(?<=[.!?])\s+", article["text"]) if s.strip()]
    odd = ["Deux hommes ont été BLESSÉS par balle", "un homme a été bleſſé", "İL A ÉTÉ TUÉ", "TROIS PERSONNES TOUCHÉES"]
    texts = sentences + [s.upper() for s in sentences[::7]] + odd
    rules = [*quantities.RULE.values(), *(p for _, p in quantities.SUBSTANCE_RULES + quantities.WEAPON_RULES)]
    guarded = [p for p in rules if isinstance(p, prefilter.Guarded)]
    assert len(guarded) > 40  # most rules need a word
    for pattern in guarded:
        for text in texts:
            _same(pattern.compiled, pattern, quantities.plain(text))
    assert quantities.RULE["injured_one"].search("un homme a été bleſſé")  # ſ is an s to re: the look steps aside


def test_capitalised_names_read_as_before():
    """geography.NAME puts the capital first (re skips ahead to it) and looks behind for what may precede it: the
    same names, at the same places, as the form that looked behind first."""
    from vigie.press.geography import NAME

    before = (
        r"(?:(?<=[\s(])|^|(?<=['’]))([A-ZÉÈÀÂÎÔ][\w'’-]*(?:[- ](?:d['’]|de |du |des |la |le |les |sur |"
        r"sous |en |lès |l['’])?[A-ZÉÈÀÂÎÔ][\w'’-]*)*)"
    )
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted(FIXTURES.glob("*.json"))[::4]]
    texts += ["Paris", "à Paris", "x\nLyon", "(Nice)", "l'Isère", "l’Aube", "aParis", "-Paris", "«Marseille»"]
    for text in texts:
        old = [(m.start(), m.group(1)) for m in re.finditer(before, text)]
        assert [(m.start(), m.group(1)) for m in re.finditer(NAME, text)] == old, text

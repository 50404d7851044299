"""Numbers, drugs (normalised to kg, plants or doses), weapons, cash, casualties and arrest counts, in French. The
wordings are data (rules/values.toml, loaded and checked by `load_values`); this module is the small code that applies
them, in the README's order of precedence ("nobody hit" before a count, a count before a bare "blessé")."""

from __future__ import annotations

import bisect
import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from vigie.errors import VigieError
from vigie.fr import MONTHS
from vigie.press import prefilter
from vigie.press.rules import check_fields


def plain(text: str) -> str:
    """The text with typographic apostrophes as the rules write them ("d’interpellation" → "d'interpellation"): one
    character for one, so offsets hold."""
    return text.replace("’", "'").replace("ʼ", "'")


VALUES_FILE = Path(__file__).parent / "rules" / "values.toml"
SUBSTANCE_NAMES = ("cannabis", "cocaine", "heroin", "crack", "synthetic", "other")
UNIT_NAMES = ("kg", "plants", "doses")
WEAPON_KINDS = ("assault_rifle", "handgun", "shotgun", "other")
SECTIONS = {"numbers", "about", "substance", "units", "shares", "weapon", "rule"}
# the named rules the code applies (a rule of another name would be silently unused: it is refused)
RULE_NAMES = {
    "wounded_all_died": "the death of every victim already counted, told with a plural subject",
    "wounded_also_died": "the death of a victim told as one more, after a first",
    "wounded_other_died": "the death of the second victim, counted wounded, told after the first's",
    "wounded_then_died": "the wounded told dead in the same sentence, as many killed and none injured",
    "digits": "a number in digits",
    "roughly": "words before an approximate number",
    "approximate": "an amount said roughly (merging mentions)",
    "indefinite": "an indefinite amount of a substance",
    "subset": "a 'dont' subset",
    "packs": "a substance in packs of unknown weight",
    "and_some": "a substance added without an amount ('120 grammes de cocaïne et de la résine')",
    "some_and": "a substance listed without an amount before one measured ('de l'héroïne et 2 kilos de cannabis')",
    "listed": "the words joining substances listed after one amount ('de cocaïne et d'héroïne')",
    "kilo_and_grams": "'1 kg 5'",
    "and_a_half": "'un kilo et demi', 'deux tonnes et demie'",
    "unit_abbreviation": "'450 g. d'héroïne'",
    "aside_after_unit": "an aside in brackets between an amount's unit and its substance, passed over",
    "pack_size": "the size of a pack ('en pains de 500 g', '32 ballots de 38 kg')",
    "restated": "an amount said again ('soit un total de')",
    "equivalent": "an amount given as the equivalent of one told ('l'équivalent d'une dizaine de pieds', in brackets)",
    "share_of_tonne": "'une demi-tonne', 'un tiers de tonne'",
    "found": "substances found without an amount",
    "drugs_in_general": "words naming the drugs in general after a mass ('100 kilos de stupéfiants')",
    "not_a_drug": "words naming no drug after a mass ('600 grammes de produit de coupe')",
    "other_goods": "a noun of other goods after a mass that names no drug ('6 tonnes de melons')",
    "size": "a size word between an amount and its unit ('16 petites bonbonnes')",
    "not_cash": "euros that are not cash seized",
    "worth_of_drugs": "euros that are the drugs' worth",
    "person": "words naming persons",
    "nobody_hit": "nobody hit",
    "dead_among_wounded": "'cinq blessés, dont un décédé'",
    "killed_counted": "a number killed",
    "killed_many": "'double homicide'",
    "killed_none": "nobody killed",
    "killed_one": "one killed",
    "fatal_wound": "a fatal wound",
    "injured_counted": "a number injured",
    "injured_one": "one injured",
    "hit_by_bullets": "hit by bullets",
    "hit_counted": "a number hit ('trois personnes ont été touchées'): the dead among them, the rest injured",
    "one_unhurt": "one person not hit",
    "same_victim": "a wound of the victim already named",
    "victims_paired": "two persons named one by one, one plural participle",
    "other_victim": "words telling a second victim",
    "lifeless": "a victim found lifeless",
    "nobody_arrested": "nobody arrested",
    "arrested_with_relative": "arrested with a relative",
    "arrested_counted": "a number arrested (subject)",
    "arrests_counted": "a number of arrests",
    "arrested_object": "a number arrested (object)",
    "arrested_participle": "a number arrested (participle)",
    "arrested_one": "one arrested",
    "arrested_ordinal": "an arrest told by its rank: the running total",
    "in_all": "a total",
    "tally": "a running tally",
    "arms_seized": "arms of no named kind, seized",
    "ammunition_of": "ammunition of a weapon, seized ('des cartouches de fusil')",
    "arrested_also": "one more arrested ('ainsi qu'un consommateur')",
    "toll_item": "one item of a town-by-town list of shootings",
}


@dataclass(frozen=True)
class Values:
    """The value wordings of one file, checked and compiled."""

    path: Path
    numbers: dict[str, float]  # number words ("trois", "vingtaine") → value
    num: str  # a number: digits or a number word
    substances: list[tuple[str, str]]  # (substance, pattern), in the order they are tried
    units: dict[str, tuple[str, float]]  # unit word → (unit, factor)
    unit: str  # an alternation of the unit words, longest first
    shares: dict[str, float]  # share of a tonne → kg
    weapons: list[tuple[str, str]]  # (kind, pattern)
    patterns: dict[str, str]  # rule name → pattern ({num}, {person} filled in)
    compiled: dict[str, re.Pattern]
    about: frozenset[str] = frozenset()  # the words of an approximate number ("dizaine")

    def __getitem__(self, name: str) -> re.Pattern:
        return self.compiled[name]

    @property
    def approximate(self) -> str:
        return self.patterns["approximate"]


def load_values(path: Path = VALUES_FILE) -> Values:
    """Read and check a values file; a bad one is refused with the file and the entry named."""
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise VigieError(f"{path}: not a readable values file ({exc})") from None
    unknown = set(data) - SECTIONS
    if unknown:
        raise VigieError(
            f"{path}: unknown section(s) {', '.join(sorted(unknown))} (sections: {', '.join(sorted(SECTIONS))})"
        )

    def compiled(where: str, pattern, flags=re.I) -> re.Pattern:
        if not isinstance(pattern, str):
            raise VigieError(f"{where}: the pattern is not a string")
        try:
            return re.compile(pattern, flags)
        except re.error as exc:
            raise VigieError(f"{where}: the pattern does not compile ({exc})") from None

    numbers: dict[str, float] = {}
    for section in ("numbers", "about", "shares"):
        for word, value in data.get(section, {}).items():
            if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
                raise VigieError(f"{path}, [{section}] {word!r}: {value!r} is not a positive number")
    numbers = {**data.get("numbers", {}), **data.get("about", {})}
    if not numbers:
        raise VigieError(f"{path}: no [numbers]")
    cardinals = sorted(data.get("numbers", {}), key=len, reverse=True)
    about = sorted(data.get("about", {}), key=len, reverse=True)
    patterns: dict[str, str] = {}
    for n, entry in enumerate(data.get("rule", []), 1):
        name = entry.get("name") if isinstance(entry, dict) else None
        where = f"{path}, rule {name or n!r}"
        check_fields(where, entry, {"name", "pattern", "note", "case"}, {"name", "pattern"})
        if name not in RULE_NAMES:
            raise VigieError(f"{where}: no such rule is applied (rules: {', '.join(sorted(RULE_NAMES))})")
        if name in patterns:
            raise VigieError(f"{where}: a rule of this name comes earlier in the file")
        compiled(where, entry["pattern"])
        patterns[name] = entry["pattern"]
    missing = set(RULE_NAMES) - set(patterns)
    if missing:
        raise VigieError(f"{path}: missing rule(s) {', '.join(sorted(missing))}")
    cardinal = f"(?:{'|'.join(cardinals)})s?"  # "cents", "vingts"
    word = f"{cardinal}(?:-(?:et-)?{cardinal})*"  # "dix-huit", "vingt-et-un", "quatre-vingts"
    joined = r"(?:(?<=\bcent )|(?<=\bcents )|(?<=\bmille )|(?=(?:cents?|mille)\b))"  # a space next to "cent", "mille"
    num = (  # "une vingtaine" before "une": the approximate number whole, not its article read as one; a number word
        # begins a word ("un adolescent blessé" holds no "cent blessé", "un adolescent tué" no "cent tué")
        f"(?:{patterns['digits']}|\\b(?:une )?(?:{'|'.join(w for w in about if w != 'demi')})s?|"
        f"\\b{word}(?: {joined}{word})*|\\b(?:une )?demi)"
    )  # a compound whole: "dix-huit", "vingt-et-un", "quatre-vingt-dix"; words joined by spaces around "cent" and
    # "mille" ("trois cents", "deux mille cinq cents"), not others ("deux trois", "entre deux et trois")
    person = patterns["person"]
    patterns = {k: v.replace("{num}", num).replace("{person}", person) for k, v in patterns.items()}
    cases = {e["name"] for e in data.get("rule", []) if e.get("case")}
    rules = {k: compiled(f"{path}, rule {k!r}", v, 0 if k in cases else re.I) for k, v in patterns.items()}

    def labelled(section: str, key: str, allowed) -> list[tuple[str, str]]:
        """The (label, pattern) pairs of [[section]], each label one of `allowed`, each pattern compiling."""
        pairs = []
        for n, entry in enumerate(data.get(section, []), 1):
            where = f"{path}, {section} {entry.get(key) or n!r}"
            check_fields(where, entry, {key, "pattern", "note"}, {key, "pattern"})
            if entry[key] not in allowed:
                raise VigieError(f"{where}: not one of {', '.join(allowed)}")
            compiled(where, entry["pattern"])
            pairs.append((entry[key], entry["pattern"]))
        return pairs

    substances = labelled("substance", "name", SUBSTANCE_NAMES)
    units = {}
    for word, entry in data.get("units", {}).items():
        where = f"{path}, unit {word!r}"
        if not isinstance(entry, dict):
            raise VigieError(f"{where}: expected {{ unit = …, factor = … }}")
        check_fields(where, entry, {"unit", "factor"}, {"unit", "factor"})
        if entry["unit"] not in UNIT_NAMES:
            raise VigieError(f"{where}: unit {entry['unit']!r} is not one of {', '.join(UNIT_NAMES)}")
        if isinstance(entry["factor"], bool) or not isinstance(entry["factor"], int | float) or entry["factor"] <= 0:
            raise VigieError(f"{where}: factor {entry['factor']!r} is not a positive number")
        units[word.lower()] = (entry["unit"], entry["factor"])
    weapons = labelled("weapon", "kind", WEAPON_KINDS)
    if not substances or not units:
        raise VigieError(f"{path}: no [[substance]] or no [units]")
    unit = "(" + "|".join(re.escape(w) for w in sorted(units, key=len, reverse=True)) + ")"
    return Values(
        Path(path),
        numbers,
        num,
        substances,
        units,
        unit,
        dict(data.get("shares", {})),
        weapons,
        patterns,
        rules,
        frozenset(data.get("about", {})),
    )


VALUES = load_values()
# the rules as this module applies them: each behind the look for the words it needs (press/prefilter.py), so that
# a text holding none is answered without `re` (VALUES[name] stays the plain compiled pattern, for re's functions)
RULE = {name: prefilter.guard(pattern) for name, pattern in VALUES.compiled.items()}
WORDS = VALUES.numbers
NUM = VALUES.num
SUBSTANCES = VALUES.substances
UNITS = VALUES.units
UNIT = VALUES.unit
APPROX = f"(?:{VALUES.patterns['roughly']})?"
SIZE = f"(?:{VALUES.patterns['size']})"  # "16 petites bonbonnes de crack": a size between an amount and its unit
ROUGHLY = VALUES.patterns["roughly"]
WEAPONS = VALUES.weapons
PERSON = VALUES.patterns["person"]
AUXILIARY = ("a été", "été", "est", "avait été")  # "a été blessé" is a clause of its own, "touché à la tête" is not


def number_word(text: str) -> float | None:
    """'4.350' → 4350, '1,2' → 1.2, '2 000' → 2000, 'vingtaine' → 20, 'trois' → 3, 'dix-huit' → 18; a plural of an
    approximate number ('des centaines de grammes', 'plusieurs dizaines de kilos', 'des milliers d'euros') says no
    number: None (the README's indefinite amounts)."""
    if not text[:1].isdigit() and indefinite_plural(text):
        return None
    text = text.strip().lower().removeprefix("une ").rstrip("s") if not text[:1].isdigit() else text.strip()
    if text[:1].isdigit():
        if re.fullmatch(r"\d{1,3}(?:[ .\u00a0\u202f]\d{3})+(?:,\d+)?", text):
            text = re.sub(r"[ .\u00a0\u202f]", "", text)
        return float(text.replace(",", "."))
    if "-" in text or " " in text:  # "dix-huit", "trois cents"
        return _compound([w for w in re.split(r"[-\s]+", text) if w != "et"])
    return WORDS.get(text) or WORDS.get(text + "s")


def indefinite_plural(text: str) -> bool:
    """Is `text` an approximate number in the plural ("centaines", "dizaines", "milliers"): so many of them, not
    counted?"""
    word = text.strip().lower()
    return word.endswith("s") and word[:-1] in VALUES.about and word[:-1] != "demi"


def _compound(words: list[str]) -> float | None:
    """A number written in words joined by hyphens: its parts added ("dix-huit" 18, "vingt-et-un" 21), "cent" and
    "mille" multiplying what comes before them ("deux-cents" 200), "quatre-vingt" 80."""
    total = current = 0.0
    for word in words:
        value = WORDS.get(word) or WORDS.get(word.rstrip("s")) or WORDS.get(word + "s")
        if value is None:
            return None
        if value in (100, 1000):
            current = max(current, 1) * value
            if value == 1000:
                total, current = total + current, 0
        elif value == 20 and current == 4:
            current = 80
        else:
            current += value
    return total + current or None


def _count(m: re.Match | None) -> int | None:
    """The number of the first group that matched."""
    if m is None:
        return None
    said = next((g for g in m.groups() if g), None)
    return int(number_word(said) or 0) or None if said else None


# each substance's and weapon's words as this module looks for them, behind the look for a word they need
SUBSTANCE_RULES = [(name, prefilter.compile(rf"\b(?:{pattern})\b")) for name, pattern in SUBSTANCES]
WEAPON_RULES = [(kind, prefilter.compile(rf"(?:\b({NUM})\s+)?\b(?:{pattern})\b")) for kind, pattern in WEAPONS]


def substance_of(text: str) -> str | None:
    for name, pattern in SUBSTANCE_RULES:
        if pattern.search(text):
            return name
    return None


def substances_in(text: str) -> set[str]:
    """Every substance `text` names."""
    return {name for name, pattern in SUBSTANCE_RULES if pattern.search(text)}


def _first_substance(text: str) -> str | None:
    """The substance named first in `text` ("de cocaïne et 2 kg de cannabis" → cocaine)."""
    found = [(m.start(), name) for name, p in SUBSTANCE_RULES if (m := p.search(text))]
    return min(found)[1] if found else None


def _last_substance(text: str) -> str | None:
    """The substance named last in `text`."""
    found = [(m.start(), name) for name, p in SUBSTANCE_RULES for m in p.finditer(text)]
    return max(found)[1] if found else None


GENERIC, NOT_A_DRUG, OTHER_GOODS = RULE["drugs_in_general"], RULE["not_a_drug"], RULE["other_goods"]  # after a mass


def _listed_substances(text: str, at: int, within: int) -> list[str]:
    """The substances listed from `at` on, the first named within `within` characters, each next one joined to the
    one before it by the words of a list only (rule "listed": "quelques kilos d'herbe, héroïne ou drogues de
    synthèse", "des sachets d'héroïne et de cocaïne", "de produits stupéfiants (héroïne et herbe de cannabis)"); a
    list ends at the first other word ("de la cocaïne, 500 euros et de l'herbe": the cocaine)."""
    window = re.split(r"[.;:!?]", text[at : at + 160], maxsplit=1)[0]
    told = sorted((m.start(), -m.end(), name) for name, p in SUBSTANCE_RULES for m in p.finditer(window))
    names: list[str] = []
    last = None
    for start, end, name in told:
        if last is None and start >= within:
            break
        if last is not None and start < last:
            continue  # a word inside the one read ("drogues de synthèse")
        if last is not None and not RULE["listed"].fullmatch(window[last:start]):
            break
        if name not in names:
            names.append(name)
        last = -end
    return names


def drugs(sentence: str) -> list[dict]:
    """Quantities per substance and unit, summed; 'dont' subsets and indefinite amounts handled."""
    return [dict(d) for d in _drugs(sentence)]  # copies: callers complete and sum what they are given


# an amount measured: a number and a unit ("20 kilos", "1,2 tonne", "300 pieds"), or a share of a tonne
MEASURED = prefilter.compile(rf"\b(?:{NUM})\s*(?:d[e'’]\s*)?{UNIT}\b|{VALUES.patterns['share_of_tonne']}", re.I)


def _without_subsets(sentence: str) -> str:
    """The sentence without the 'dont' subsets of an amount measured before them, in their clause ("20 kilos, dont 5 kg
    d'herbe": 20); a 'dont' after goods not measured names the only amounts told ("une cargaison de marchandises
    prohibées, dont 240 kilos de cocaïne"): they stay."""
    kept, last = [], 0
    for m in RULE["subset"].finditer(sentence):
        clause = max(sentence.rfind(stop, 0, m.start()) for stop in ":;") + 1
        if MEASURED.search(sentence[max(clause, m.start() - 100) : m.start()]):
            kept.append(sentence[last : m.start()])
            last = m.end()
    return "".join(kept) + sentence[last:] if kept else sentence


def _and_a_half(m: re.Match) -> str:
    """ "un kilo et demi" → "1,5 kilo", as long as what it replaces (the amounts' offsets hold)."""
    n = number_word(m.group("n"))
    return f"{n:g},5 {m.group('u')}".ljust(len(m.group(0))) if n else m.group(0)


@functools.lru_cache(maxsize=256)  # asked of the sentence by each of its events (a sentence of 100 clauses: 100
# times, the article then quadratic in its length); forget()
def _drugs(sentence: str) -> tuple[dict, ...]:
    text = _without_subsets(sentence)  # "20 kilos, dont 5 kg d'herbe": the subset is not added
    text = RULE["kilo_and_grams"].sub(r"\1,\3 \2", text)  # "1 kg 5" is 1,5 kg
    text = RULE["and_a_half"].sub(_and_a_half, text)  # "un kilo et demi" is 1,5 kilo
    text = RULE["unit_abbreviation"].sub(r"\1 ", text)  # "450 g. d'héroïne": one character for one, offsets hold
    # "240 kilos (une valeur de 2 millions) de résine": the aside blanked, offsets hold
    text = RULE["aside_after_unit"].sub(lambda m: m.group(1) + " " * len(m.group(2)), text)
    found: dict[tuple[str, str | None], float | None] = {}
    told_at: list[int] = []  # where each amount read is told (and_some reads the coordinations of their clause)
    pattern = re.compile(
        rf"{APPROX}(?P<n>{NUM})(?:\s+autres?)?(?:\s+{SIZE})?(?:\s+d[e'’])?(?:\s*|-(?=kilo))(?P<u>{UNIT})\b\s*(?:d[e']\s*|d’\s*)?"
        r"(?=(?P<rest>[^,;.]{0,60}))",
        re.I,
    )
    for m in pattern.finditer(text):
        unit, factor = UNITS[m.group("u").lower()]
        rest = m.group("rest")
        after = text[m.end("u") : m.end("u") + 80]  # what the two rules read; the sentence's whole rest made a
        # sentence of thousands of words quadratic (each mass copied and lower-cased all that followed it)
        if GENERIC.match(after) and pattern.search(rest):
            continue  # "60 kilos de stupéfiants – 51 kilos de résine et …": a total told again per drug
        if NOT_A_DRUG.match(after):
            continue  # "600 grammes de produit de coupe": the mass of a cutting agent, not of the drug named before
        # the next number counts what follows it: "12 bonbonnes de cocaïne ainsi que 30 sachets d'herbe" is cocaine
        head = re.split(r"(?<![\w-])\d+(?:[.,]\d+)?\s+(?=[^\W\d])", rest, maxsplit=1)[0]
        substance = substance_of(head.split(" et ")[0] if unit != "plants" else head)
        if substance is None and unit != "plants" and OTHER_GOODS.match(after) and not substance_of(rest):
            continue  # "300 kg de résine, cachés parmi 6 tonnes de melons": a mass of other goods
        substance = substance or (
            "cannabis" if unit == "plants" else _last_substance(text[max(0, m.start() - 120) : m.start()])
        )  # "un laboratoire d'héroïne a été découvert, 10Kg saisis": the substance named just before
        if substance is None:
            continue
        if m.group("u").lower() in ("g",) and not re.match(r"[\s,;)]", text[m.end("u") : m.end("u") + 1] or " "):
            continue  # "g" a word's letter, not grams; a mass closing a clause is grams ("de 360g et 390g, selon …")
        value = number_word(m.group("n"))
        if value is None:
            continue
        before = text[max(0, m.start() - 60) : m.start()]
        pack = RULE["pack_size"].search(before)
        if pack:  # "en pains de 500 g": a pack's size; "32 ballots de 38 kg": so many packs of that size
            if not pack.group(1) or not (packs := number_word(pack.group(1))):
                continue
            value *= packs
        if told_at and RULE["equivalent"].search(before):
            continue  # "3 kilos, l'équivalent d'une vingtaine de plants", "vingt plants (environ un kilo)": the same
        key = (substance, unit)
        told_at.append(m.start())
        if RULE["restated"].search(before):  # "…, soit un total de 1,2 tonne": the amount said again
            found[key] = value * factor
            continue
        found[key] = (found.get(key) or 0) + value * factor
    for m in RULE["share_of_tonne"].finditer(text):
        substance = substance_of(m.group("rest"))
        if substance:  # "une demi-tonne de cannabis", "un tiers de tonne de résine"
            share = VALUES.shares[(m.group("half") or m.group("share")).lower()]
            told_at.append(m.start())
            found[(substance, "kg")] = (found.get((substance, "kg")) or 0) + share
    for m in (*RULE["indefinite"].finditer(text), *RULE["packs"].finditer(text)):
        for substance in _listed_substances(text, m.start("rest"), len(m.group("rest"))):
            if not any(k[0] == substance for k in found):  # "plusieurs kilos de cannabis, cocaïne ou …": each
                found[(substance, None)] = None
                told_at.append(m.start())
    if not found:  # substances named without a quantity ("de la drogue", "du zamal")
        for name, pat in SUBSTANCE_RULES:
            if pat.search(text) and RULE["found"].search(text):
                found[(name, None)] = None
    else:
        # "120 grammes de cocaïne et de la résine de cannabis", "plusieurs kilos de stupéfiants dont du crack, de
        # l'ecstasy et de l'herbe", "de l'héroïne et 2 kilos de cannabis": a substance coordinated with an amount
        # read, without one of its own; in the same clause (between colons or semicolons) as that amount, not in
        # another telling the trade ("l'équipe revendait de l'héroïne, du crack et de l'ecstasy : « Nous avons saisi
        # 150 grammes de cocaïne »")
        stops = [0, *(c.end() for c in re.finditer(r"[:;]", text)), len(text) + 1]
        clauses = {bisect.bisect_right(stops, at) for at in told_at}
        for m in (*RULE["and_some"].finditer(text), *RULE["some_and"].finditer(text)):
            in_clause = bisect.bisect_right(stops, m.start()) in clauses  # the clause of an amount read
            for substance in _listed_substances(text, m.start("rest"), len(m.group("rest"))) if in_clause else ():
                if not any(k[0] == substance for k in found):
                    found[(substance, None)] = None
    return tuple(
        {"substance": s, "quantity": round(q, 6) if q is not None else None, "unit": u} for (s, u), q in found.items()
    )


def unnamed_masses(sentence: str) -> list[float]:
    """Masses (kg) said with no substance in the sentence ("une prise record d'1,4 tonne avait été réalisée", "10 kilos
    de drogue"): the article's substance may name them."""
    if substance_of(sentence):
        return []
    out = []
    pattern = rf"{APPROX}(?P<n>{NUM})(?:\s+d[e'’])?(?:\s*|-(?=kilo))(?P<u>{UNIT})\b(?P<rest>[^,;.]{{0,30}})"
    for m in re.finditer(pattern, sentence, re.I):
        unit, factor = UNITS[m.group("u").lower()]
        rest = m.group("rest")
        named = re.match(r"\s*(?:de|d['’])\s*(?!(?:la )?drogues?\b|stupéfiants\b|produits?\b)\w", rest, re.I)
        value = number_word(m.group("n"))
        if unit == "kg" and value and not named and m.group("u").lower() != "g":
            out.append(round(value * factor, 6))
    return out


def weapons(sentence: str, seized: bool = False) -> list[dict]:
    """Weapons by kind and count; with `seized`, arms of no named kind ("des armes", "deux armes à feu") are other."""
    return [dict(w) for w in _weapons(sentence, seized)]  # copies, as drugs


@functools.lru_cache(maxsize=256)  # asked of the sentence by each of its events, as _drugs; forget()
def _weapons(sentence: str, seized: bool) -> tuple[dict, ...]:
    out = []
    text = plain(sentence)
    for kind, pattern in WEAPON_RULES:
        for m in pattern.finditer(text):
            if seized and RULE["ammunition_of"].search(text[max(0, m.start() - 20) : m.start()]):
                continue  # "des cartouches de fusil": ammunition seized, not a weapon
            before = text[max(0, m.start() - 12) : m.start()].lower()
            n = number_word(m.group(1)) if m.group(1) else (1 if re.search(r"\b(un|une)\s*$", before) else None)
            out.append({"kind": kind, "count": int(n) if n else None})
    if seized and not out:
        for m in RULE["arms_seized"].finditer(text):
            before = text[max(0, m.start() - 12) : m.start()].lower()
            n = number_word(m.group(1)) if m.group(1) else (1 if re.search(r"\b(un|une)\s*$", before) else None)
            out.append({"kind": "other", "count": int(n) if n else None})
    merged: dict[str, int | None] = {}
    for w in out:
        if w["kind"] in merged:
            merged[w["kind"]] = (merged[w["kind"]] or 0) + (w["count"] or 0) or None
        else:
            merged[w["kind"]] = w["count"]
    return tuple({"kind": k, "count": v} for k, v in merged.items())


def cash(sentence: str) -> float | None:
    """Cash seized ('4.350 euros en petites coupures'); not turnover, prices, the drugs' worth or subsidies."""
    for m in re.finditer(rf"{APPROX}({NUM})\s*(?:euros|€)", sentence, re.I):
        after = sentence[m.end() : m.end() + 40].lower()
        # the words before it in its clause, at most 100 characters: "la drogue trouvée vaudrait, selon les
        # enquêteurs, plus de 2 000 000 €"
        clause = max(sentence.rfind(stop, 0, m.start()) for stop in ",;:(")
        before = sentence[max(0, m.start() - 100, clause + 1) : m.start()].lower()
        if RULE["not_cash"].search(before + " " + after) or RULE["worth_of_drugs"].match(after):
            continue
        value = number_word(m.group(1))
        if value:
            return value
    return None


# the officers counted as the subject of an active "ont interpellé" (quantities._arrests), and the passive that makes
# them the persons arrested after all ("deux policiers ont été interpellés")
ARRESTERS = re.compile(
    rf"{NUM}\s+(?:\w+\s+){{0,3}}(?:gendarmes?|policiers?|militaires?|fonctionnaires?|agents?|douaniers?|enquêteurs?)\b",
    re.I,
)
PASSIVE = re.compile(r"\b(?:été|sont)\b", re.I)


ASIDE = re.compile(r"\s*\([^()]{0,80}\)")
# a day of a month told between the verb and the persons ("ont interpellé le 3 mars un homme"): no count
DAY_OF_MONTH = re.compile(rf"\b(?:le |du |ce )?\d{{1,2}}(?:er)? (?:{'|'.join(MONTHS)})(?: \d{{4}})?\b", re.I)


def arrested(text: str) -> int | None:
    """Persons arrested: 'six personnes ont été interpellées', 'neuf interpellations', 'sans interpellation' → 0."""
    return _arrests(text)[0]


def arrested_roughly(text: str) -> bool:
    """Is the number of persons arrested said roughly ("une dizaine d'interpellations", "plus de 200 mules ont été
    arrêtées")? Then the exact number told of the same operation elsewhere wins (counting.merge)."""
    return _arrests(text)[1]


def forget() -> None:
    """Forget the remembered answers of `casualties` and `_arrests`: they are kept within one article only
    (extract.Extractor._article), so a benchmark that repeats its articles measures no answer from another one."""
    casualties.cache_clear()
    _arrests.cache_clear()
    _drugs.cache_clear()
    _weapons.cache_clear()


@functools.lru_cache(maxsize=256)  # asked twice of each text (arrested, arrested_roughly); forget()
def _arrests(text: str) -> tuple[int | None, bool]:
    """(persons arrested, said roughly); an aside in brackets is left out ("Six suspects (quatre revendeurs et deux
    clients) ont été interpellés": six)."""
    t = DAY_OF_MONTH.sub(" ", ASIDE.sub("", plain(text)))
    if RULE["nobody_arrested"].search(t):
        return 0, False
    if RULE["arrested_with_relative"].search(t):
        return 2, False  # "interpellé sur place avec son fils"
    if (nth := ordinal_total(t)) is not None:  # "un troisième suspect a été interpellé": three, not one
        return nth, False
    for name in ("arrested_counted", "arrests_counted", "arrested_object", "arrested_participle"):
        m = RULE[name].search(t)
        n = _count(m)
        if n and name == "arrested_counted" and ARRESTERS.match(t[m.start() :]) and not PASSIVE.search(m.group(0)):
            continue  # "85 gendarmes … ont interpellé six personnes": those who arrest, not those arrested
        if n:
            group = next(i for i, g in enumerate(m.groups(), 1) if g)
            said = m.group(group).lower().removeprefix("une ").rstrip("s")
            rough = said in VALUES.about or bool(re.search(rf"(?:{ROUGHLY})$", t[: m.start(group)], re.I))
            more = re.match(rf"\s*(?:\w+\s+){{0,2}}et\s+({NUM})\s+(?:\w+\s+)?{PERSON}", t[m.end() :], re.I)
            if more and name == "arrested_object":  # "interpellé deux hommes et une femme": three persons
                n += int(number_word(more.group(1)) or 0)
            elif also := RULE["arrested_also"].match(t[m.end() :]):  # "… ainsi qu'un consommateur"
                n += int(number_word(also.group(1)) or 0)
            return n, rough
    if one := RULE["arrested_one"].search(t):
        also = RULE["arrested_also"].match(t[one.end() :])  # "le conducteur a été interpellé ainsi qu'un passager"
        return 1 + (int(number_word(also.group(1)) or 0) if also else 0), False
    return None, False


def ordinal_total(text: str) -> int | None:
    """The running total an arrest told by its rank gives: "une douzième interpellation a été menée" → 12, "un troisième
    suspect a été interpellé" → 3 ("huit" + "ième", "quatr(e)", "cinq(u)", "neu(f→v)")."""
    m = RULE["arrested_ordinal"].search(plain(text))
    if m is None:
        return None
    stem = m.group("nth").lower()
    for word in (stem, stem + "e", stem.removesuffix("u"), stem.removesuffix("v") + "f"):
        n = number_word(word)
        if n and n == int(n) and n > 1:
            return int(n)
    return None


@functools.lru_cache(maxsize=256)  # the costliest value rule, asked again of a sentence in its article; forget()
def casualties(text: str) -> tuple[int | None, int | None]:
    """(killed, injured) stated by the text; (0, 0) when it says nobody was hit; a category not stated stays None."""
    t = plain(text).lower()
    unhurt = RULE["one_unhurt"].search(t)
    if unhurt:  # "l'enfant n'a pas été touché": no one else injured, and nothing said of the dead
        killed, injured = casualties(t[: unhurt.start()] + " ; " + t[unhurt.end() :])
        return killed, injured or 0
    nobody = RULE["nobody_hit"].search(t)
    if nobody:  # "sans faire de blessé", "personne n'a été touché": 0 unless the rest counts someone
        killed, injured = casualties(t[: nobody.start()] + " ; " + t[nobody.end() :])
        return killed or 0, injured or 0
    m = RULE["dead_among_wounded"].search(t)
    if m:  # "cinq blessés, dont un décédé": one killed, four injured
        hurt, dead = (int(number_word(g) or 0) for g in m.groups())
        if 0 < dead <= hurt:
            return dead, hurt - dead
    killed = injured = None
    wounded = RULE["fatal_wound"].sub("tué", t)  # a fatal wound is no injury
    many = RULE["killed_many"].search(t)
    paired = RULE["victims_paired"].search(wounded)  # "une femme … et un homme … avaient été blessés": two
    paired_hurt = paired is not None and paired.group("what").startswith(("bless", "touch", "atteint"))
    one_dead = False
    if (killed := _count(RULE["killed_counted"].search(t))) is not None:
        killed = 2 if paired and not paired_hurt and killed == 1 else killed  # "… et un adolescent avaient été tués"
    elif many:
        killed = 2 if many.group("double") == "double" else 3
    elif paired and not paired_hurt:
        killed = 2
    elif RULE["killed_none"].search(t):
        killed = 0  # "Aucune n'est décédée"
    elif RULE["killed_one"].search(t):
        killed, one_dead = 1, True
    injured = _count(RULE["injured_counted"].search(wounded))
    one_hurt = RULE["injured_one"].search(wounded) if injured is None else None
    if paired_hurt and (injured or 1) == 1:  # the count read "un homme … avaient été blessés": the second one
        injured = 2
    elif one_hurt:
        injured = 1
        if one_dead and not one_hurt.group(0).startswith(AUXILIARY) and not RULE["other_victim"].search(t):
            injured = None  # "un homme, touché par balle à la tête, est décédé": one victim, wounded and dead
    elif injured is None and killed is None and RULE["hit_by_bullets"].search(wounded):
        injured = 1  # "a reçu une ou plusieurs balles dans les jambes" (and lived: a death is counted above)
    if injured and killed in (None, injured) and RULE["wounded_then_died"].search(wounded):
        return injured, None  # "les deux frères blessés par balles … sont morts": the same two, dead
    return killed, injured


def hit_count(text: str) -> int | None:
    """The number of persons `text` says were hit ("Trois personnes ont été touchées par ces coups de feu") when that
    is the injured count it gives: the dead of the same shooting are among them (counting.merge keeps the rest)."""
    t = plain(text).lower()
    n = _count(RULE["hit_counted"].search(t))
    return n if n is not None and casualties(t)[1] == n else None


def same_victim(text: str) -> bool:
    """Does `text` tell one wound of the victim already named ("Grièvement blessé, il a terminé sa course",
    "le jeune homme a reçu plusieurs balles", "un homme retrouvé inanimé, touché par balle")? If that victim died, the
    wound is the death's, not one more injured."""
    t = plain(text).lower()
    if casualties(t)[1] != 1 or RULE["injured_counted"].search(t):
        return False
    lifeless = RULE["lifeless"].search(t) and not RULE["other_victim"].search(t)
    return bool(RULE["same_victim"].search(t) or lifeless)  # "retrouvé inanimé …, touché par balle à la tête"


def wounded_died(text: str) -> str | None:
    """Does `text` tell the death of victims already counted wounded: "all" of them ("Ils sont morts pendant la
    nuit"), "other", one more ("L'autre a été mortellement touchée"), "also", one more told after a
    first ("Il a succombé, lui aussi"), else None."""
    t = plain(text).lower()
    if RULE["wounded_all_died"].search(t):
        return "all"
    if RULE["wounded_also_died"].search(t):
        return "also"  # "Il a succombé, lui aussi, dans la soirée"
    return "other" if RULE["wounded_other_died"].search(t) else None


def died_of_it(text: str) -> bool:
    """Does `text` tell only the death of the victim already named ("Il a succombé à ses blessures dans la nuit",
    "Transporté au CHU, il est mort peu après", "La victime est décédée à l'hôpital")? The one wound told before it
    was that victim's: one killed, no one injured."""
    t = plain(text).lower()
    return casualties(t) == (1, None) and bool(RULE["same_victim"].search(t))

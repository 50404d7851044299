"""Police operations as events: which arrests belong to a seizure's operation (the README: one operation that seized
and arrested is one seizure, the persons arrested its count) and which seizures are a year's tally or a trend, not
an operation. The knowledge is in rules/operations.toml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from vigie.errors import VigieError
from vigie.press import quantities, rules
from vigie.press.schema import Event, overlaps

OPERATIONS_FILE = rules.FOLDER / "operations.toml"
PRECISIONS = ("day", "week", "month", "year", "unknown", "any")


@dataclass(frozen=True)
class Tally:
    name: str
    lemmas: frozenset[str]
    precision: frozenset[str]
    unmeasured: bool = False
    pattern: re.Pattern | None = None
    types: frozenset[str] = frozenset({"seizure"})


@dataclass(frozen=True)
class Operations:
    fold_days: int
    tallies: tuple[Tally, ...]
    residence: frozenset[str]
    not_goods: tuple[tuple[str, str], ...]
    scene: frozenset[str] = frozenset()


def load(path: Path = OPERATIONS_FILE) -> Operations:
    """The rules file, every field checked: a wrong one is refused with the file and the rule named."""
    data = rules._read(path)
    unknown = set(data) - {"fold", "tally", "residence", "not_goods", "scene"}
    if unknown:
        sections = "fold, not_goods, residence, scene, tally"
        raise VigieError(f"{path}: unknown section(s) {', '.join(sorted(unknown))} (sections: {sections})")
    fold = data.get("fold", {})
    rules.check_fields(f"{path}, [fold]", fold, {"days", "note"}, {"days"})
    if not isinstance(fold["days"], int) or isinstance(fold["days"], bool) or fold["days"] < 0:
        raise VigieError(f"{path}, [fold]: days must be a whole number of days ≥ 0, not {fold['days']!r}")
    residence = data.get("residence", {})
    rules.check_fields(f"{path}, [residence]", residence, {"lemmas", "note"}, {"lemmas"})
    if not isinstance(residence["lemmas"], list) or not all(isinstance(x, str) and x for x in residence["lemmas"]):
        raise VigieError(f"{path}, [residence]: lemmas must be a list of words")
    scene = data.get("scene", {"rules": []})
    rules.check_fields(f"{path}, [scene]", scene, {"rules", "note"}, {"rules"})
    if not isinstance(scene["rules"], list) or not all(
        isinstance(x, str) and x.startswith("seizure.") for x in scene["rules"]
    ):
        raise VigieError(f"{path}, [scene]: rules must be a list of seizure trigger rule names ('seizure.saisi')")
    not_goods = []
    for where, entry in rules._entries(path, data, "not_goods", {"name", "pattern", "note"}, {"name", "pattern"}):
        rules._compile(where, entry["pattern"])
        not_goods.append((entry["name"], entry["pattern"]))
    tallies = []
    fields = {"name", "lemmas", "pattern", "types", "precision", "unmeasured", "note"}
    for where, entry in rules._entries(path, data, "tally", fields, {"name"}):
        lemmas, precision = entry.get("lemmas"), entry.get("precision", ["any"])
        if lemmas is None and "pattern" not in entry:
            raise VigieError(f"{where}: lemmas or pattern needed")
        if lemmas is not None and (
            not isinstance(lemmas, list) or not lemmas or not all(isinstance(x, str) and x for x in lemmas)
        ):
            raise VigieError(f"{where}: lemmas must be a non-empty list of words")
        if "pattern" in entry:
            rules._compile(where, entry["pattern"])
        pattern = re.compile(entry["pattern"], re.I) if "pattern" in entry else None
        types = entry.get("types", ["seizure"])
        if not isinstance(types, list) or not types or not set(types) <= {"seizure", "arrest"}:
            raise VigieError(f"{where}: types must be a list of seizure, arrest, not {types!r}")
        if not isinstance(precision, list) or not set(precision) <= set(PRECISIONS) or not precision:
            raise VigieError(f"{where}: precision must be a list of {', '.join(PRECISIONS)}, not {precision!r}")
        if not isinstance(entry.get("unmeasured", False), bool):
            raise VigieError(f"{where}: unmeasured must be true or false")
        tallies.append(
            Tally(
                entry["name"],
                frozenset(lemmas or ()),
                frozenset(precision),
                entry.get("unmeasured", False),
                pattern,
                frozenset(types),
            )
        )
    return Operations(
        fold["days"], tuple(tallies), frozenset(residence["lemmas"]), tuple(not_goods), frozenset(scene["rules"])
    )


RULES = load()
NOT_GOODS = re.compile("|".join(f"(?:{p})" for _, p in RULES.not_goods), re.I)


def goods(sentence: str) -> str:
    """The sentence with what names drugs or arms but no goods found blanked (rules/operations.toml, not_goods: "sur
    fond de trafic de drogue", "la brigade des stupéfiants", "des douilles de kalachnikov"): what is left names goods,
    if any."""
    return NOT_GOODS.sub(" ", sentence)


def gap_days(a: Event, b: Event) -> int:
    """Days between two events' date intervals (0 when they overlap or a bound is missing)."""
    if overlaps(a.date_start, a.date_end, b.date_start, b.date_end):
        return 0
    if a.date_end and b.date_start and a.date_end < b.date_start:
        return (b.date_start - a.date_end).days
    if b.date_end and a.date_start and b.date_end < a.date_start:
        return (a.date_start - b.date_end).days
    return 0


def same_operation(seizure: Event, arrest: Event, days: int | None = None) -> bool:
    """An arrest told of the seizure's commune, on dates that overlap, or within `days` of it when one of the two
    is dated by its paragraph only (an arrest on a date of its own a week before a seizure on a date of its own is
    another operation)."""
    days = RULES.fold_days if days is None else days
    gap = gap_days(seizure, arrest)
    return (
        seizure.type == "seizure"
        and arrest.type == "arrest"
        and seizure.commune == arrest.commune
        and seizure.departement == arrest.departement
        and (gap == 0 or (gap <= days and not (seizure.own_date and arrest.own_date)))
    )


def same_persons(seizure: Event, arrest: Event) -> bool:
    """The same persons (two or more) counted on dates that overlap: one operation told at two places ('cinq
    personnes placées en garde à vue' said of Forbach, the seizure of the five told at Freyming-Merlebach)."""
    return (
        seizure.type == "seizure"
        and arrest.type == "arrest"
        and (arrest.count or 0) >= 2
        and seizure.count == arrest.count
        and gap_days(seizure, arrest) == 0
    )


def fold_arrests(events: list[Event]) -> list[Event]:
    """One police operation that seized and arrested is one seizure, with the persons arrested as its count: each
    arrest goes into the nearest-dated seizure of its operation (`same_operation`); then, once the seizures have
    their counts, an arrest left goes into a seizure of the same persons (`same_persons`)."""
    return _fold(_fold(events, same_operation), same_persons)


def _fold(events: list[Event], same) -> list[Event]:
    out = []
    for e in events:
        if e.type == "arrest":
            mine = [s for s in events if same(s, e)]
            if mine:
                seizure = min(mine, key=lambda s: gap_days(s, e))
                if seizure.count is None:
                    seizure.count = e.count
                seizure.rules = list(dict.fromkeys([*seizure.rules, *e.rules]))
                continue
        out.append(e)
    return out


def residence(text: str, place, lemmas_of, words: int = 6) -> bool:
    """Is `place` (a mention found in `text`, with its offset `start`) said of a person, where one lives or comes
    from ("domicilié à Vertou", "originaire de Lyon"), not of an event?"""
    before = text[: max(getattr(place, "start", 0), 0)].split()[-words:]
    return bool(before) and bool(lemmas_of(" ".join(before)) & RULES.residence)


# persons counted before a place: "trois hommes à Lorient et trois autres à Lanester", "d'un individu à Vannes"
PERSONS_COUNTED = re.compile(rf"\b({quantities.NUM})\s+(?:{quantities.PERSON}|autres)\b", re.I)


def arrests_by_place(clause: str, places: list) -> list[tuple[object, int]]:
    """The arrests a clause reports as distinct facts in several communes, each with its own persons ("à
    l'interpellation de trois hommes à Lorient et de trois autres à Lanester"): (place, persons) per commune, in
    order. Empty when the clause names one place, or several with no count of their own ("des interpellations à
    Chabris, à Déols et à Gièvres" is one operation: the README's "reported as distinct facts")."""
    first: dict[str, object] = {}
    for p in places:
        if p.code:
            first.setdefault(p.code, p)
    places = sorted(first.values(), key=lambda p: p.start)
    if len(places) < 2:
        return []
    out, end = [], 0
    for place in places:
        counted = list(PERSONS_COUNTED.finditer(clause[end : place.start]))
        if not counted:
            return []
        out.append((place, int(quantities.number_word(counted[-1].group(1)) or 0) or None))
        end = place.start + len(getattr(place, "text", "") or "")
    return out


# a sentence that names a whole year as its period ("En 2023, … au total", "l'an dernier"), whatever other date it
# gives ("selon le bilan présenté vendredi")
YEAR = re.compile(
    r"\b(?:en|de l'année|sur l'année) (?:19|20)\d{2}\b|\bl['’](?:an|année) (?:dernier|dernière|passée?)\b", re.I
)


def tally(event: Event, lemmas) -> str | None:
    """The tally rule a seizure (or, for the rules that say so, an arrest) falls under, given the lemmas of its
    sentence (a set, or a function that gives them, called only when a rule needs them), if any: a sentence that
    names a whole year counts as dated to the year. A rule with lemmas and a pattern needs both."""
    if event.type not in ("seizure", "arrest"):
        return None
    measured = any(d["quantity"] is not None for d in event.drugs) or event.cash_eur or event.weapons
    precision = "year" if YEAR.search(event.evidence) else event.time_precision
    for rule in RULES.tallies:
        if rule.unmeasured and measured:
            continue
        if event.type not in rule.types or not ("any" in rule.precision or precision in rule.precision):
            continue
        if rule.pattern and not rule.pattern.search(quantities.plain(event.evidence)):
            continue
        if rule.lemmas and callable(lemmas):
            lemmas = lemmas()
        if not rule.lemmas or rule.lemmas & lemmas:
            return rule.name
    return None


def without_tallies(events: list[Event], lemmas_of) -> list[Event]:
    """The events less the operations that are a year's tally or a trend (`tally`); `lemmas_of(text)` gives the
    lemmas of a sentence."""
    return [
        e
        for e in events
        if e.type not in ("seizure", "arrest") or tally(e, lambda text=e.evidence: lemmas_of(text)) is None
    ]


# what a scene lists: a substance, an amount, cash or arms ('des sachets de résine', '500 grammes', '600 euros'), not
# the trade's generic words ('des faits liés aux stupéfiants')
LISTED = re.compile(
    rf"\b{quantities.NUM}\s*(?:{quantities.UNIT})\b|\beuros\b|€|\barmes?\b|\bpistolets?\b|\bfusils?\b|"
    + "|".join(p for _, p in quantities.SUBSTANCES),
    re.I,
)


def listed_nearby(sentences: list[str], k: int, triggered, fired=()) -> str:
    """The sentences of the paragraph around sentence `k` that list goods (LISTED) and tell no event of their own
    (`triggered(text)` is false): where a seizure told as a scene names its goods ("Sur une table, des sachets de
    résine, de l'argent liquide, une balance. Bref, tout le matériel du revendeur saisi mardi. En tout, 500 grammes
    de cannabis"). A seizure sentence that names no goods itself (extract.SEIZED) still tells one when these do, if
    one of the seizure rules `fired` on it says a seizure in so many words (rules/operations.toml, [scene]):
    "retrouvé" may be a person found, whose neighbours name drugs."""
    if not set(fired) & RULES.scene:
        return ""
    near = [s for s in sentences[max(k - 1, 0) : k + 2] if s is not sentences[k] and LISTED.search(goods(s))]
    return " ".join(s for s in near if not triggered(s))

"""Police operations as events: which arrests belong to a seizure's operation (the README: one operation that seized
and arrested is one seizure, the persons arrested its count) and which seizures are a year's tally or a trend, not
an operation. The knowledge is in rules/operations.toml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from vigie.errors import VigieError
from vigie.press import dates, prefilter, quantities, rules
from vigie.press.places import Place
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
    persons: int = 0  # with it, only an operation that counts at least that many persons arrested


@dataclass(frozen=True)
class Operations:
    fold_days: int
    tallies: tuple[Tally, ...]
    residence: frozenset[str]
    not_goods: tuple[tuple[str, str], ...]
    scene: frozenset[str] = frozenset()
    spread: str = ""
    spread_not_before: str = ""
    listed_not_with: str = ""
    listed_arrests: str = ""


TALLIED = ("seizure", "arrest", "dealing_point")  # the types a [[tally]] rule may name


def load(path: Path = OPERATIONS_FILE) -> Operations:
    """The rules file, every field checked: a wrong one is refused with the file and the rule named."""
    data = rules._read(path)
    unknown = set(data) - {"fold", "tally", "residence", "not_goods", "scene", "spread", "listed"}
    if unknown:
        sections = "fold, listed, not_goods, residence, scene, spread, tally"
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
    spread = data.get("spread", {"pattern": ""})
    rules.check_fields(f"{path}, [spread]", spread, {"pattern", "not_before", "note"}, {"pattern"})
    for key in ("pattern", "not_before"):
        rules._compile(f"{path}, [spread] {key}", spread.get(key, ""))
    listed = data.get("listed", {"not_with": ""})
    rules.check_fields(f"{path}, [listed]", listed, {"not_with", "arrests", "note"}, {"not_with"})
    for key in ("not_with", "arrests"):
        rules._compile(f"{path}, [listed] {key}", listed.get(key, ""))
    not_goods = []
    for where, entry in rules._entries(path, data, "not_goods", {"name", "pattern", "note"}, {"name", "pattern"}):
        rules._compile(where, entry["pattern"])
        not_goods.append((entry["name"], entry["pattern"]))
    tallies = []
    fields = {"name", "lemmas", "pattern", "types", "precision", "unmeasured", "persons", "note"}
    for where, entry in rules._entries(path, data, "tally", fields, {"name"}):
        lemmas, precision = entry.get("lemmas"), entry.get("precision", ["any"])
        if lemmas is None and "pattern" not in entry and "persons" not in entry:
            raise VigieError(f"{where}: lemmas, pattern or persons needed")
        persons = entry.get("persons", 0)
        if not isinstance(persons, int) or isinstance(persons, bool) or persons < 0:
            raise VigieError(f"{where}: persons must be a whole number of persons ≥ 0, not {persons!r}")
        if lemmas is not None and (
            not isinstance(lemmas, list) or not lemmas or not all(isinstance(x, str) and x for x in lemmas)
        ):
            raise VigieError(f"{where}: lemmas must be a non-empty list of words")
        if "pattern" in entry:
            rules._compile(where, entry["pattern"])
        pattern = re.compile(entry["pattern"], re.I) if "pattern" in entry else None
        types = entry.get("types", ["seizure"])
        if not isinstance(types, list) or not types or not set(types) <= set(TALLIED):
            raise VigieError(f"{where}: types must be a list of {', '.join(TALLIED)}, not {types!r}")
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
                persons,
            )
        )
    return Operations(
        fold["days"],
        tuple(tallies),
        frozenset(residence["lemmas"]),
        tuple(not_goods),
        frozenset(scene["rules"]),
        spread["pattern"],
        spread.get("not_before", ""),
        listed["not_with"],
        listed.get("arrests", ""),
    )


RULES = load()
NOT_GOODS = prefilter.compile("|".join(f"(?:{p})" for _, p in RULES.not_goods), re.I)


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


def same_operation(
    seizure: Event, arrest: Event, days: int | None = None, told_after: bool = False, arrests: list[Event] = ()
) -> bool:
    """An arrest told of the seizure's commune, on dates that overlap, or within `days` of it when one of the two
    is dated by its paragraph only (an arrest on a date of its own a week before a seizure on a date of its own is
    another operation). An arrest told as another operation than those before ("un autre réseau avait été démantelé")
    is not theirs, but is the operation of a seizure told after it (`told_after`: "… lors de cette opération, qui avait
    aussi conduit à la saisie d'un pistolet"). `arrests` are the article's, for `named_by_the_area`."""
    days = RULES.fold_days if days is None else days
    gap = gap_days(seizure, arrest)
    return (
        seizure.type == "seizure"
        and arrest.type == "arrest"
        and (
            (seizure.commune == arrest.commune and seizure.departement == arrest.departement)
            or (gap == 0 and (over_the_area(seizure, arrest) or named_by_the_area(seizure, arrest, arrests)))
        )
        and (gap == 0 or (gap <= days and not (seizure.own_date and arrest.own_date)))
        and not (arrest.another and not told_after)  # "un autre réseau avait été démantelé la veille"
        and not seizure.opened  # "… à la suite de la découverte d'un stock d'armes"
    )


def names(area: str | None, place: str | None) -> bool:
    """Do an area's words name a place, as a whole word ("entre Vatan, Levroux et Issoudun" names "Levroux")?"""
    name = (place or "").strip()
    return len(name) > 2 and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", area or "") is not None


def over_the_area(seizure: Event, arrest: Event) -> bool:
    """Arrests told over an area (geo_precision 3, no commune) are the operation of a seizure on dates that overlap
    when the area's words name the seizure's place (five arrests "entre Vatan, Levroux et Issoudun" on a Tuesday …
    "300 grammes trouvés" at Levroux), or when the seizure is told over an area too, of the same département or
    where one of the two names none ("entre la région de Rouen et les secteurs de Carentan" … "entre Rouen et le
    Cotentin"). So are arrests told around a town (geo_precision 2: "trois hommes arrêtés dans le
    secteur de Saint-Pierre" and the cannabis seized at Saint-Pierre that day) when the seizure is of that town."""
    if arrest.commune is not None or arrest.geo_precision not in (2, 3):
        return False
    if seizure.commune is None and arrest.geo_precision == 3:
        same = seizure.departement == arrest.departement
        return same or (seizure.geo_precision == 3 and None in (seizure.departement, arrest.departement))
    if names(arrest.place, seizure.place):
        return True
    # a seizure its sentence does not place ("Lors des perquisitions, …"), at a town carried from before, in the
    # area's département or with arrests told across départements ("interpellés dans la Drôme et dans
    # l'Ardèche"): the goods of the operation told over the area
    return arrest.geo_precision == 3 and seizure.carried and arrest.departement in (None, seizure.departement)


def named_by_the_area(seizure: Event, arrest: Event, arrests: list[Event] = ()) -> bool:
    """The other way round from `over_the_area`: a seizure told over an area whose words name the commune of arrests
    on dates that overlap ("saisies … entre Vierzon, Mehun et Foëcy" … "des interpellations à Mehun") is their
    operation, the level of its place the operation's. Arrests with their own count are so only when they are the
    only persons the area's communes count (`arrests`, the article's: "huit personnes en garde à vue" placed at the
    first town of "les secteurs de A et B"); persons counted commune by commune are the README's distinct facts."""
    if seizure.commune is not None or seizure.geo_precision != 3 or arrest.commune is None:
        return False
    if seizure.departement not in (None, arrest.departement) or not names(seizure.place, arrest.place):
        return False
    counted = {
        a.commune
        for a in arrests
        if a.count and a.commune and names(seizure.place, a.place) and not gap_days(a, seizure)
    }
    return not arrest.count or counted <= {arrest.commune}


def same_persons(seizure: Event, arrest: Event) -> bool:
    """The same persons (two or more) counted on dates that overlap: one operation told at two places ('cinq
    personnes placées en garde à vue' said of Forbach, the seizure of the five told at Freyming-Merlebach); or in the
    seizure's commune, whatever the dates its mentions took ('Sept personnes ont été interpellées' with the seizure,
    'Sept trafiquants sont interpellés' in the story of the inquiry that led to it)."""
    return (
        seizure.type == "seizure"
        and arrest.type == "arrest"
        and (arrest.count or 0) >= 2
        and seizure.count == arrest.count
        and (gap_days(seizure, arrest) == 0 or (seizure.commune is not None and seizure.commune == arrest.commune))
    )


def fold_arrests(events: list[Event]) -> list[Event]:
    """One police operation that seized and arrested is one seizure, with the persons arrested as its count: each
    arrest goes into the nearest-dated seizure of its operation (`same_operation`); then, once the seizures have
    their counts, an arrest left goes into a seizure of the same persons (`same_persons`). A seizure with no date of
    its own takes the day its arrests are told on."""
    arrests = [e for e in events if e.type == "arrest"]

    def theirs(seizure: Event, arrest: Event, k: int, i: int) -> bool:
        # an arrest told as another operation (the i-th event) and a seizure told after it (the k-th) that is not the
        # operation of the arrests told before: the other operation's goods ("un autre réseau démantelé à la suite
        # d'un coup de filet" … "cette opération avait aussi conduit à la saisie d'une kalachnikov"), not "10
        # personnes interpellées lundi" … "un autre réseau démantelé au printemps" … "les quantités saisies"
        after = (
            arrest.another
            and k > i
            and not any(
                b.type == "arrest" and not b.another and same_operation(seizure, b, arrests=arrests) for b in events[:i]
            )
        )
        return same_operation(seizure, arrest, told_after=after, arrests=arrests)

    return _fold(_fold(events, theirs), lambda s, a, k, i: same_persons(s, a))


def _fold(events: list[Event], same) -> list[Event]:
    out = []
    for i, e in enumerate(events):
        if e.type == "arrest":
            mine = [s for k, s in enumerate(events) if same(s, e, k, i)]
            if mine:
                seizure = min(mine, key=lambda s: gap_days(s, e))
                if seizure.count is None:
                    seizure.count = e.count
                area = e.geo_precision == 3 and over_the_area(seizure, e)
                if seizure.carried and seizure.commune is not None and area:
                    # "… déployé à Saint-Malo, Cancale et Dinard" … "Des stupéfiants sont saisis": the goods told
                    # after the operation's places, in a sentence naming none, are of the whole operation's area,
                    # not of the town carried from before
                    seizure.commune, seizure.departement, seizure.place = None, e.departement, e.place
                    seizure.geo_precision, seizure.district = 3, False
                if seizure.date_start is None and e.date_start is not None and not seizure.own_date:
                    # "Six personnes … placées en garde à vue mardi 12 mars" … "ils ont mis la main sur 2 kilos":
                    # the operation's day, told with its arrests
                    seizure.date_start, seizure.date_end = e.date_start, e.date_end
                seizure.rules = list(dict.fromkeys([*seizure.rules, *e.rules]))
                continue
        out.append(e)
    return out


def residence(text: str, place, lemmas_of, words: int = 6) -> bool:
    """Is `place` (a mention found in `text`, with its offset `start`) said of a person, where one lives or comes
    from ("domicilié à Vertou", "originaire de Lyon"), not of an event?"""
    before = text[: max(getattr(place, "start", 0), 0)].split()[-words:]
    return bool(before) and bool(lemmas_of(" ".join(before)) & RULES.residence)


# persons counted before a place: "quatre hommes à Lorient et deux autres à Lanester", "d'un individu à Vannes", "un
# autre à Vannes", "deux à Orvault, une à La Chapelle-sur-Erdre" (a number right before the place's preposition)
PERSONS_COUNTED = re.compile(
    rf"\b({quantities.NUM}|un)\s+(?:{quantities.PERSON}|autres?)\b|"
    rf"(?<![\d,.])\b((?!\d{{3}})(?:{quantities.NUM}))\s+(?=(?:à|au|aux|en|dans)\s)",  # not a year: "en 2021 à Brest"
    re.I,
)


def areas_named(clause: str, departements_in) -> list[Place]:
    """The départements a clause names as where something happened ("deux autres en Vendée", "un autre dans le
    Morbihan"): places of geo_precision 3, with their offsets, one département each. `departements_in(text)` gives
    the codes a text names."""
    out = []
    for m in AREA_NAMED.finditer(clause):
        if m.start(1) == 0:
            continue  # a headline's "Oise : …", not a clause's place
        codes = set(departements_in(m.group(1)))
        if len(codes) == 1:
            out.append(Place(None, codes.pop(), m.group(1), m.start(1), 3))
    return out


def arrests_by_place(clause: str, places: list, departements_in=None) -> list[tuple[object, int]]:
    """The arrests a clause reports as distinct facts in several communes, each with its own persons ("à
    l'arrestation de quatre hommes à Lorient et de deux autres à Lanester"; a département is such a place too
    when `departements_in` is given: "deux autres individus étaient interpellés en Vendée et un autre à Vannes"):
    (place, persons) per place, in order. Empty when the clause names one place, or several with no count of their
    own ("des interpellations à Chabris, à Déols et à Gièvres": `arrests_listed` or `spread` read those)."""
    first: dict[str, object] = {}
    for p in places:
        if p.code:
            first.setdefault(p.code, p)
    if departements_in is not None and first:
        taken = [(p.start, p.start + len(p.text or "")) for p in places]
        for area in areas_named(clause, departements_in):
            if not any(a <= area.start < b or area.start <= a < area.start + len(area.text) for a, b in taken):
                first.setdefault(f"dep:{area.departement}", area)
    places = sorted(first.values(), key=lambda p: p.start)
    if len(places) < 2:
        return []
    out, end = [], 0
    for place in places:
        counted = list(PERSONS_COUNTED.finditer(clause[end : place.start]))
        if not counted:
            return []
        number = counted[-1].group(1) or counted[-1].group(2)
        out.append((place, int(quantities.number_word(number) or 0) or None))
        end = place.start + len(getattr(place, "text", "") or "")
    return out


NOT_LISTED = re.compile(RULES.listed_not_with, re.I) if RULES.listed_not_with else None
ARRESTS = re.compile(RULES.listed_arrests, re.I) if RULES.listed_arrests else None
LOCATIVE = re.compile(r"\b(?:à|au|aux|en|dans)\s+(?:(?:la|le|les)\s+|l['’]\s*)?$", re.I)  # "à La Chapelle-…"


def arrests_listed(clause: str, places: list, lemmas_of) -> list:
    """The communes an arrest clause names as where its persons were arrested, with no count of their own ("six hommes
    dans deux appartements situés à Lorient et à Lanester", "cueillis à leur domicile, surtout à Périgueux
    et à Boulazac"): the README's one event per commune, so one arrest in each (the one in the commune
    of the operation's seizure then folds into it: `fold_arrests`). Each commune follows a locative of its own or the
    previous one in a list ("à Lorient et Lanester", "à La Chapelle-sur-Erdre"), and is no place where a person lives
    ("domiciliés à Dreux et Vernouillet"; "au nord de Bordeaux" places no arrest either); empty when fewer than two
    are left, after words of custody or a court (`not_before` of [spread]), or in a clause that tells the operation's
    searches too (rules/operations.toml, [listed]). A list that `spread` reads as one operation over several communes
    still becomes one place of geo_precision 3 (`spread_over`). `places` are the resolver's places of the clause (its
    weaker mentions, "Pontivy" in "à Auray et Pontivy", are not: measured, they add only false arrests)."""
    if NOT_LISTED is not None and NOT_LISTED.search(clause):
        return []  # "des interpellations et des perquisitions à Chabris et à Déols": the operation's, searches and all
    first: dict[str, object] = {}
    for p in sorted(places, key=lambda p: p.start):
        if p.code:
            first.setdefault(p.code, p)
    if len(first) < 2:
        return []
    listed, end = [], None
    for place in first.values():
        locative = LOCATIVE.search(clause[max(0, place.start - 16) : place.start])
        if (locative or (end is not None and LIST_GAP.fullmatch(clause[end : place.start]))) and not residence(
            clause, place, lemmas_of
        ):
            listed.append(place)
        end = place.start + len(place.text or "")
    if len(listed) < 2:
        return []
    start = listed[0].start
    if NOT_THE_OPERATION is not None and NOT_THE_OPERATION.search(clause[max(0, start - 60) : start]):
        return []  # "retenues dans quatre brigades, à Saint-Laurent, à Mana et à Kourou"
    return listed


def arrests_each_at(sentence: str, places: list) -> bool:
    """A sentence that tells arrests only, each commune of its list after a locative of its own ("Plusieurs suspects
    ont été interpellés à Tarbes ainsi qu'à Aureilhan et à Sarrouilles"): the persons' places told apart, one arrest
    per commune (`arrests_listed`), not one operation over an area (`spread`, for three communes or more: two are
    the operation's area, as the sets annotate "interpellés au Tampon et à Saint-Pierre"); not when it tells searches
    or goods ("des perquisitions à Cavaillon, à Avignon et à Orange", "11 personnes interpellées à Forbach, …")."""
    if ARRESTS is None or not ARRESTS.search(sentence) or (NOT_LISTED is not None and NOT_LISTED.search(sentence)):
        return False
    if LISTED.search(goods(sentence)):
        return False
    return all(LOCATIVE.search(sentence[max(0, p.start - 16) : p.start]) for p in places)


def dismantled_trade(told: list[str], kept: list[str], dated: bool) -> list[str]:
    """The event types of a clause once a point de deal told only as "un trafic démantelé" in an article that names
    none is dropped (territory.unnamed_point: `told` before, `kept` after): the trade dismantled on a date the clause
    gives (`dated`) is then the README's "network dismantled", an arrest ("ont démantelé le mois dernier un important
    trafic de stupéfiants à Ajaccio"), which folds into the operation's seizure when the article tells one
    (`fold_arrests`). Undated, it sums up the operation the article tells ("Les gendarmes ont démantelé un trafic de
    cocaïne entre Agen et Villeneuve-sur-Lot. Mardi matin, cinq personnes ont été interpellées"): nothing."""
    others = {"seizure", "arrest", "network_arrival"} & {*told, *kept}
    if dated and "dealing_point" in told and "dealing_point" not in kept and not others:
        return [*kept, "arrest"]
    return kept


# a sentence that names a whole year as its period ("En 2023, … au total", "l'an dernier"), whatever other date it
# gives ("selon le bilan présenté vendredi")
YEAR = re.compile(
    r"\b(?:en|de l'année|sur l'année) (?:19|20)\d{2}\b|\bl['’](?:an|année) (?:dernier|dernière|passée?)\b", re.I
)


def tally(event: Event, lemmas) -> str | None:
    """The tally rule a seizure (or, for the rules that say so, an arrest or a point de deal) falls under, given the
    lemmas of its sentence (a set, or a function that gives them, called only when a rule needs them), if any: a
    sentence that names a whole year counts as dated to the year. A rule with lemmas and a pattern needs both; one with
    `persons`, that many persons arrested too."""
    if event.type not in TALLIED:
        return None
    measured = any(d["quantity"] is not None for d in event.drugs) or event.cash_eur or event.weapons
    precision = "year" if YEAR.search(event.evidence) else event.time_precision
    for rule in RULES.tallies:
        if rule.unmeasured and measured:
            continue
        if event.type not in rule.types or not ("any" in rule.precision or precision in rule.precision):
            continue
        if rule.persons and (event.count or 0) < rule.persons:
            continue
        if rule.pattern and not rule.pattern.search(quantities.plain(event.evidence)):
            continue
        if rule.lemmas and callable(lemmas):
            lemmas = lemmas()
        if not rule.lemmas or rule.lemmas & lemmas:
            return rule.name
    return None


def departement_of_a_year(event: Event, departements_in) -> bool:
    """Whether a seizure is a département's figure for a year (tally.departement_of_a_year): dated to a whole year
    that its own sentence names ("en 2019", YEAR), that sentence naming a département (`departements_in(text)`) and
    no commune of its own (the seizure is placed at the département, or at a town carried from before): 'Dans le
    Gard, en 2019, 40 kilos de résine ont été saisis', '12 kg de cocaïne saisis dans l'Ain en 2021'. One seizure
    recalled by its year is told at its town ('en 2019, 40 kilos avaient été saisis à Alès') or with its month."""
    return (
        event.type == "seizure"
        and event.time_precision == "year"
        and (event.geo_precision == 3 or event.carried)
        and bool(YEAR.search(event.evidence))
        and bool(departements_in(event.evidence))
    )


def without_tallies(events: list[Event], lemmas_of, departements_in=None) -> list[Event]:
    """The events less the operations (and points de deal) that are a year's tally or a trend (`tally`), and the
    seizures that are a département's figure for a year (`departement_of_a_year`, given `departements_in`);
    `lemmas_of(text)` gives the lemmas of a sentence."""
    return [
        e
        for e in events
        if (e.type not in TALLIED or tally(e, lambda text=e.evidence: lemmas_of(text)) is None)
        and not (departements_in and departement_of_a_year(e, departements_in))
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


# one operation told over several communes: the words that tell an operation (rules/operations.toml, [spread]), what
# may stand between two communes of one list ("à A, B et dans le centre de C", "A (Eure) et B", "A, B, C…"), and what
# introduces the list as the operation's places when none of its names follows a locative of its own
OPERATION = prefilter.compile(RULES.spread, re.I) if RULES.spread else None
NOT_THE_OPERATION = re.compile(RULES.spread_not_before, re.I) if RULES.spread_not_before else None
LIST_GAP = re.compile(
    r"\s*(?:\([^()]{1,30}\))?\s*,?\s*(?:(?:et|ou encore|ainsi qu['’]|mais aussi)\b\s*)?"
    r"(?:(?:à|au|aux|dans le centre de|dans|de|d['’])\s*)?(?:(?:la|le|les)\s+|l['’])?",  # "et La Ferté-Macé"
    re.I,
)
LIST_AREA = re.compile(
    r"\b(?:communes?|alentours|environs|secteurs?)(?:\s*(?:de|d['’]|du|des|:)?|"
    # "dans cinq communes du sud du département, à savoir A, B et C"
    r"[^.;]{0,60}?,?\s*(?:à savoir|soit|notamment|dont|parmi lesquelles)\s*:?)\s*$",
    re.I,
)
PAIR_REACH = 60  # characters around a list of two communes where the words of the operation are (pair_of_the_operation)
LIST_AT = re.compile(r"\b(?:à|au|aux|en|dans)\s*$", re.I)
# a pair that opens its sentence ("À Lens et Liévin, …", "A Lens …"): the frame of all the sentence tells
OPENING_PAIR = re.compile(r"\W*(?:à|(?-i:A)|au|aux)\s*$", re.I)


@dataclass(frozen=True)
class Spread:
    """An operation told over several communes: one place of geo_precision 3 (their common département, else none),
    with the communes it covers."""

    place: object
    codes: frozenset[str]
    pair_sentence: str = ""  # the sentence of a list of two communes only (spread_over: goods placed apart later)


def area_of(departements, text: str, start: int) -> Place:
    """A place of geo_precision 3 over communes of these départements: in their département when they share one."""
    deps = set(departements)
    return Place(None, deps.pop() if len(deps) == 1 else None, text, start, 3)


# communes said to be several without being all named: "dans plusieurs communes du nord de la Sarthe", "dans
# différentes communes du secteur", "dans les communes de Brou, Illiers-Combray, Bonneval et …"
SEVERAL = re.compile(
    r"\b(?:dans|sur) (?:les|plusieurs|différentes|diverses|de nombreuses) (?:communes|localités|villes)\b"
    r"(?! (?:voisines|alentour))",
    re.I,
)


def several(sentence: str, mentions: list, default: Place | None) -> Spread | None:
    """An operation told in several communes not all named ("l'interpellation, dans différentes communes du secteur,
    de onze personnes", "menée dans les communes de Brou, Illiers-Combray, Bonneval et Châteaudun"):
    one place of geo_precision 3 in the département of the communes it names, else of the article's town
    (`default`, where the operation's other sentences are placed when they name none), which it covers too."""
    m = SEVERAL.search(sentence)
    if m is None or any(rank == 1 and p.code for rank, _, p in mentions):
        return None  # "à Poitiers et dans plusieurs villes de Charente": the town named is the place
    named = {p.code: p.departement for rank, _, p in mentions if p.code and rank <= 2}
    if default is not None and default.code and (not named or default.departement in named.values()):
        named.setdefault(default.code, default.departement)
    if not named:
        return None
    return Spread(area_of(named.values(), m.group(0), m.start()), frozenset(named))


def around(place) -> bool:
    """A town said with the communes around it ("à Dax et aux alentours", "à Moulins et dans des communes
    avoisinantes"): the resolver's area of geo_precision 3 (geography.AROUND_AFTER) that keeps the town's reading."""
    why = place.why
    return (
        place.code is None
        and place.precision == 3
        and getattr(why, "kind", "") == "commune"
        and bool(getattr(why, "code", None))
        and place.departement == why.departement
    )


def code_of(place) -> str:
    """The commune of a list's member: its own, or the town an area around a town is said from (`around`)."""
    return place.code or place.why.code


def spread(sentence: str, mentions: list, lemmas_of=None, default: Place | None = None) -> Spread | None:
    """A sentence that tells an operation in a list of two communes or more ("neuf suspects arrêtés à Hayange,
    Fameck, Florange et Uckange", "des perquisitions dans le centre de
    Forbach, mais aussi à Behren-Lès-Forbach et à Freyming-Merlebach"): the README's one event of geo_precision 3 when
    the finds are not told commune by commune. `mentions` are the resolver's (rank, start, place) of the sentence (or
    a function that gives them, called only when the sentence tells an operation).
    Not a list with its own persons per commune ("quatre hommes à Lorient et deux autres à Lanester"), nor homes."""
    if OPERATION is None or not OPERATION.search(sentence):
        return None
    mentions = mentions() if callable(mentions) else mentions
    named = sorted(
        (start, rank, place)
        for rank, start, place in mentions
        if (place.code and rank <= 2 and getattr(place.why, "kind", "commune") == "commune") or around(place)
    )
    best: list = []
    run: list = []
    for item in named:
        start, _, place = item
        if run and not around(run[-1][2]) and LIST_GAP.fullmatch(sentence[run[-1][0] + len(run[-1][2].text) : start]):
            run.append(item)
        else:
            run = [item]
        if len({code_of(p) for _, _, p in run}) > len({code_of(p) for _, _, p in best}):
            best = list(run)
    codes = {code_of(p): p.departement for _, _, p in best}
    if len(codes) < 2:
        return several(sentence, mentions, default)
    first = best[0][0]
    # words of an area before the list ("aux alentours de A et B"), or the list ends on the communes around its last
    # town ("à A, B et aux alentours": geography.AROUND_AFTER)
    area = LIST_AREA.search(sentence[max(0, first - 90) : first]) or around(best[-1][2])
    end = best[-1][0] + len(best[-1][2].text)
    if len(codes) == 2 and not area and not pair_of_the_operation(sentence, first, end, codes, mentions):
        return None
    if not (area or any(rank == 1 for _, rank, _ in best) or LIST_AT.search(sentence[max(0, first - 10) : first])):
        return None
    if NOT_THE_OPERATION is not None and NOT_THE_OPERATION.search(sentence[max(0, first - 60) : first]):
        return None  # "retenues dans quatre brigades, à Saint-Laurent, à Mana et à Kourou"
    places = [p for _, _, p in best]
    if lemmas_of is not None and residence(sentence, places[0], lemmas_of):
        return None  # "domiciliés à Lorient, Lanester et Hennebont": homes, not where it happened
    if arrests_by_place(sentence, places) or (len(codes) > 2 and arrests_each_at(sentence, places)):
        return None
    pair = sentence if len(codes) == 2 else ""
    return Spread(area_of(codes.values(), sentence[first:end], first), frozenset(codes), pair)


def pair_of_the_operation(sentence: str, first: int, end: int, codes, mentions: list) -> bool:
    """Two communes are one operation's area when the words of the operation are next to them ("vingt personnes ont
    été interpellées à Tulle et Ussel", "un réseau démantelé, avec des arrestations à Tulle et à Ussel"), and the
    sentence does not go on to tell one of them apart ("… à Quimper et à Concarneau ; 700 grammes découverts à
    Quimper": the seizure is Quimper's, the arrests Concarneau's). Not two communes far from the operation's words
    ("des enquêtes visaient Tulle et Ussel depuis l'été, rappelle le parquet : « … des semaines d'opérations »")."""
    near = sentence[max(0, first - PAIR_REACH) : min(len(sentence), end + PAIR_REACH)]
    if OPENING_PAIR.match(sentence[:first]) and sentence[end:].lstrip().startswith(","):
        near = sentence  # "À Tulle et à Ussel, du cannabis et 9 000 euros ont été découverts": the frame
    if not OPERATION.search(near):
        return False
    return not any(start >= end and place.code in codes for _, start, place in mentions)


def told_apart(sentence: str, places: list) -> frozenset[str]:
    """The communes of a sentence that counts its persons commune by commune ("de quatre hommes à Lorient et de deux
    autres à Lanester"): the article tells these apart, so a list of them elsewhere (the lead's "six hommes à Lorient
    et Lanester") is a summary, not one operation over several communes."""
    if len(places) < 2:
        return frozenset()
    return frozenset(p.code for p, _ in arrests_by_place(sentence, places))


def spread_over(events: list[Event], spreads: list[tuple[Spread, tuple | None]], apart=()) -> list[Event]:
    """The seizures and arrests placed in one of the communes of an operation told over several (`spread`), on dates
    that overlap the operation's, are that operation: they take its place of geo_precision 3 and then merge and fold
    as one ("Environ 280.000 euros … ont été saisis" placed by the headline's town, the arrests listed in four towns).
    Not when the article tells the communes apart: persons counted commune by commune (`told_apart`, the codes of
    such sentences in `apart`), or seizures placed in two of them."""
    for told, interval in spreads:
        when = Event("seizure", date_start=(interval or (None,))[0], date_end=(interval or (None, None))[1])
        mine = [
            e for e in events if e.type in ("seizure", "arrest") and e.commune in told.codes and gap_days(e, when) == 0
        ]
        seized = {e.commune for e in mine if e.type == "seizure"}
        if len(seized) > 1 or any(len(told.codes & codes) > 1 for codes in apart):
            continue
        if told.pair_sentence and any(
            e.type == "seizure" and not (e.carried or e.own_date) and e.evidence != told.pair_sentence for e in mine
        ):  # "… interpellées à Valenciennes et à Denain." "Les perquisitions ont permis de saisir 2,5 kg à
            continue  # Valenciennes": the operation's goods placed in one of the two, told apart
        for e in mine:
            e.commune, e.departement, e.place, e.geo_precision = None, told.place.departement, told.place.text, 3
            e.district = False
    return events


# a département named as where things happened: at the headline's start ("Oise : …"), or after "en", "dans le",
# "entre la", "et en" ("démantelé en Loire-Atlantique et en Vendée"); not an adjective ("huit Poitevins déférés")
AREA_NAMED = re.compile(
    r"(?:^\s*|\b(?:en |dans (?:la |le |les |l['’])|entre (?:la |le |les |l['’])?|"
    r"et (?:en |dans )?(?:la |le |les |l['’])?))"
    r"((?-i:[A-ZÉ])[\w'’-]+(?:[ -](?:et-|de-|de |du |des )?(?-i:[A-ZÉ])[\w'’-]+)*)"
)


def operation_area(title: str, lead: str, departements_in) -> Place | None:
    """Where an operation told with no town at all happened: the département the headline names as a place ("Un gros
    trafic démantelé dans le Morbihan", "Oise : … une saisie record"), else the lead's first 400 characters; several
    départements ("en Loire-Atlantique et en Vendée") give none. One place of geo_precision 3, or None when neither
    names a département. `departements_in(text)` gives the codes a text names."""
    for text in (title or "", lead or ""):
        found = [(m, departements_in(m.group(1))) for m in AREA_NAMED.finditer(quantities.plain(text))]
        named = [m for m, codes in found if codes]
        codes = [code for _, codes in found for code in codes]
        if codes:  # the words that name them ("Doubs", "dans le Morbihan"), not the whole headline
            return area_of(codes, " ; ".join(m.group(0).strip() for m in named), 0)
    return None


def label_area(text: str, departements_in) -> Place | None:
    """The département an article gives as its label, a first line of its own ("Vendée" ¶ "Deux épisodes de tirs
    …"): where its events told with no town at all happened, violence too (`area_place`); None otherwise."""
    first = text.strip().split("\n", 1)[0].strip()
    if not first or len(first.split()) > 4 or not AREA_NAMED.fullmatch(first):
        return None
    codes = departements_in(first)
    return area_of(codes, first, 0) if len(codes) == 1 else None


def located(events: list[Event], area: Place | None) -> list[Event]:
    """An operation placed by the article's département only (`operation_area`) while the article locates an
    operation of the same kind (or, for arrests, a seizure), on overlapping dates, in a town of that département is
    that operation told again (its goods named in a sentence of their own, its persons counted apart): it takes that
    town, and the mentions merge and fold. So are arrests placed so while the article tells a seizure over several
    départements (geo_precision 3, no département): they take its place and fold into it."""
    if area is None:
        return events
    for e in events:
        if e.commune is None and e.geo_precision == 3 and e.place == area.text:
            town = next(
                (
                    o
                    for o in events
                    if (o.type == e.type or (e.type, o.type) == ("arrest", "seizure"))
                    and o.commune
                    and (area.departement is None or o.departement == area.departement)
                    and gap_days(o, e) == 0
                ),
                None,
            )
            if town is not None:
                e.commune, e.departement, e.place, e.geo_precision = town.commune, town.departement, town.place, 1
                e.district = town.district
            elif e.type == "arrest":
                # the seizure told over communes of several départements ("à Saint-Nazaire, Guérande, … et Riantec
                # dans le Morbihan"): the arrests the article placed by its département only are that operation's
                wide = next(
                    (
                        o
                        for o in events
                        if o.type == "seizure" and o.commune is None and o.departement is None and gap_days(o, e) == 0
                    ),
                    None,
                )
                if wide is not None:
                    e.departement, e.place = None, wide.place
    return events


DAY_NAMED = re.compile(rf"\b{dates.W}\b|\b(?:1er|\d{{1,2}}) {dates.M}\b", re.I)  # "mardi", "le 3 mai"


def area_place(
    area: Place | None, types: list[str], events: list[Event], sentence: str = "", label: Place | None = None
) -> list[Place]:
    """The place of a seizure or an arrest told with no town at all (`operation_area`), as a list of places: none
    once the article has located an operation in a town (a sentence that adds a total or the persons to it, "pour un
    total de 380 kilogrammes", completes that operation instead), nor for a sentence worded as a tally ("depuis ce 1er
    janvier, 37 kg de cocaïne ont été saisis dans le département": the [[tally]] rules' patterns). Violence is
    placed so only by the article's label line (`label_area`: "Vendée" ¶ "un homme a été touché par balle dans une
    maison abandonnée"), while no event of the article has a town."""
    violence = {"shooting", "intimidation"}
    if label is not None and set(types) <= violence | {"arrest"} and violence & set(types):
        return [] if any(e.commune for e in events) else [label]
    if area is None or not set(types) <= {"seizure", "arrest"}:
        return []
    if any(e.commune and e.type in ("seizure", "arrest") for e in events):
        return []
    return [] if tallied(sentence) else [area]


def tallied(sentence: str) -> bool:
    """Is the sentence worded as a tally of operations ("37 kg de cocaïne saisis dans le département depuis le 1er
    janvier": the [[tally]] rules' patterns)? A tally of a year is none in a sentence that names its day ("le
    résultat des perquisitions menées mardi")."""
    text = quantities.plain(sentence)
    day = DAY_NAMED.search(text)
    return any(
        rule.pattern is not None and rule.pattern.search(text) and not (day and rule.precision <= {"year"})
        for rule in RULES.tallies
        if rule.types & {"seizure", "arrest"}  # an operation's tallies, not the points de deal counted
    )

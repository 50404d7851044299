"""Rules kept as data, each named, loaded and checked whole by this small code:

- `rules/triggers.toml`: the trigger wordings of each event type. A rule is either a spaCy `Matcher` token pattern
  (`tokens`, on lemmas: "saisir" matches saisi, saisis, saisie, saisissent) or, for the rules not migrated yet, a
  regular expression (`pattern`). Word lists shared by several rules are named once in its `[lists]` table
  (`goods = ["kilo", …]`) and named in a pattern's IN or NOT_IN as "@goods" (`{LEMMA = {IN = ["@goods", "poing"]}}`:
  the list's words and the others), expanded at load (`expand_lists`); a list may name another.
- `rules/qualifiers.toml`: `DependencyMatcher` patterns anchored on a trigger's head word that say the trigger tells
  nothing that happened (negation, modality, future), and the cue words without which no qualifier can apply (so
  that the parser runs only where it can change the outcome); its `[lists]` are named in a node's IN or NOT_IN as in
  the trigger rules.
- `rules/words.toml`: named lemma patterns (spaCy `Matcher` token patterns) for the words the extractor asks about a
  text that are not triggers: "a word of the drug trade" ("revendeur" finds revendeurs, revendeuse), "shots heard"
  ("entendre"), "heard as a rule" (a subject pronoun and the present tense of "entendre", from the morphology).
- `rules/exclusions.toml`: named regular expressions (and, for sentences, lemma token patterns) for sentences that
  tell no event (statistics, tallies, judicial steps, policy, fiction, unrelated violence), wordings that look like a
  trigger but deny it, and the article-level gate (round-ups, trials, opinion pieces).

An event carries the names of the trigger rules that made it (`Event.rules`), so that a user can see why it exists and
a developer which rule to mend. A rules file with an unknown field, type or section, a duplicate name, a regular
expression that does not compile or a token/dependency pattern that spaCy's validator refuses is refused at load with
the file and the rule named; so is a pattern that names a list the file does not have."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from vigie.errors import VigieError
from vigie.press.schema import TYPES

FOLDER = Path(__file__).parent / "rules"
TRIGGERS_FILE = FOLDER / "triggers.toml"
QUALIFIERS_FILE = FOLDER / "qualifiers.toml"
EXCLUSIONS_FILE = FOLDER / "exclusions.toml"
LEMMAS_FILE = FOLDER / "lemmas.toml"
WORDS_FILE = FOLDER / "words.toml"
WORD_FIELDS = {"name", "tokens", "dependency", "note"}
FIELDS = {"name", "type", "pattern", "tokens", "note"}
QUALIFIER_FIELDS = {"name", "effect", "dependency", "note"}
EFFECTS = ("negated", "unrealised", "described", "told", "other_sense")
EXCLUSION_KINDS = ("sentence", "not_trigger", "gate", "lead_gate")
EXCLUSION_FIELDS = {"name", "kind", "pattern", "tokens", "note"}


@dataclass(frozen=True)
class Rule:
    name: str
    type: str
    pattern: str | None = None  # a regular expression (a rule not migrated to lemmas yet)
    tokens: tuple | None = None  # a spaCy Matcher token pattern


@dataclass(frozen=True)
class Triggers:
    """The trigger rules of one file. The regular-expression rules are also joined per type: one alternation to find
    a trigger and one whose groups name the rules that matched; the token rules are matched by linguistics.py."""

    rules: tuple[Rule, ...]
    any_of: dict[str, str]  # type → "pattern|pattern|…" of the regular-expression rules
    named: dict[str, re.Pattern]  # type → "(?P<r0>…)|(?P<r1>…)" (which rules matched)

    def fired(self, kind: str, text: str) -> list[str]:
        """Names of the regular-expression rules of `kind` that match in `text`, in order of appearance."""
        return list(dict.fromkeys(name for _, _, name in self.spans(kind, text)))

    def spans(self, kind: str, text: str) -> list[tuple[int, int, str]]:
        """(start, end, rule name) of every regular-expression rule of `kind` matching in `text`."""
        pattern = self.named.get(kind)
        if pattern is None:
            return []
        return [
            (m.start(), m.end(), self.rules[int(m.lastgroup[1:])].name) for m in pattern.finditer(text) if m.lastgroup
        ]


@dataclass(frozen=True)
class Qualifier:
    name: str
    effect: str
    dependency: tuple


@dataclass(frozen=True)
class Qualifiers:
    rules: tuple[Qualifier, ...]
    cue_lemmas: frozenset[str]  # a clause with none of these lemmas …
    cue_endings: tuple[str, ...]  # … and no word with these endings (future tense) …
    cue_together: tuple[frozenset[str], ...] = ()  # … nor every lemma or shape ("d.ddd") of one group is not parsed


@dataclass(frozen=True)
class Exclusions:
    """The exclusions of one file: regular expressions per kind (`rules`), and the lemma rules of kind sentence
    (`tokens`: Matcher token patterns, matched by linguistics.Linguistics.excluded)."""

    rules: dict[str, tuple[tuple[str, str], ...]]  # kind → ((name, pattern), …)
    tokens: tuple[tuple[str, tuple], ...] = ()  # ((name, token pattern), …), kind sentence

    def patterns(self, kind: str) -> list[str]:
        return [p for _, p in self.rules.get(kind, ())]

    def joined(self, kind: str) -> str:
        return "|".join(f"(?:{p})" for p in self.patterns(kind))

    def first(self, kind: str, text: str) -> str | None:
        """The name of the first rule of `kind` that matches `text`, if any."""
        return next((n for n, p in self.rules.get(kind, ()) if re.search(p, text, re.I)), None)


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise VigieError(f"{path}: not a readable rules file ({exc})") from None


def check_fields(where: str, entry: dict, allowed: set[str], required: set[str]) -> None:
    """Refuse a rules-file entry with a field it does not know or without one it needs, naming the entry."""
    extra = set(entry) - allowed
    if extra:
        raise VigieError(f"{where}: unknown field(s) {', '.join(sorted(extra))} (fields: {', '.join(sorted(allowed))})")
    missing = required - set(entry)
    if missing:
        raise VigieError(f"{where}: missing field(s) {', '.join(sorted(missing))}")


def _entries(path: Path, data: dict, section: str, fields: set[str], required: set[str]):
    """(where, entry) of each [[section]] table, fields checked, names unique."""
    seen: set[str] = set()
    for n, entry in enumerate(data.get(section, []), 1):
        name = entry.get("name") or f"{section} {n}"
        where = f"{path}, {section} {name!r}"
        check_fields(where, entry, fields, required)
        if name in seen:
            raise VigieError(f"{where}: a {section} of this name comes earlier in the file")
        seen.add(name)
        yield where, entry


def _compile(where: str, pattern) -> None:
    if not isinstance(pattern, str):
        raise VigieError(f"{where}: the pattern must be a string")
    try:
        re.compile(pattern, re.I)
    except re.error as exc:
        raise VigieError(f"{where}: the pattern does not compile ({exc})") from None


def _validate_tokens(where: str, tokens) -> tuple:
    from spacy.errors import MatchPatternError
    from spacy.matcher import Matcher
    from spacy.vocab import Vocab

    if not isinstance(tokens, list) or not tokens or not all(isinstance(t, dict) for t in tokens):
        raise VigieError(f"{where}: tokens must be a non-empty list of token tables")
    if str(tokens[0].get("OP", "")) in ("?", "*") or str(tokens[0].get("OP", "")).startswith("{0"):
        raise VigieError(f"{where}: the first token must not be optional (it anchors the match)")
    try:
        Matcher(Vocab(), validate=True).add("check", [tokens])
    except (MatchPatternError, ValueError, KeyError, TypeError) as exc:
        raise VigieError(f"{where}: the token pattern is not valid ({' '.join(str(exc).split())})") from None
    return tuple(tokens)


LIST_REFERENCE = re.compile(r"@(\w+)")


def read_lists(path: Path, table) -> dict[str, tuple[str, ...]]:
    """The named word lists of a rules file's [lists] table, each a list of strings; one that names another ("@x")
    gets its words. A list that is not a list of strings, or that names a list missing or itself, is refused."""
    if not isinstance(table, dict) or not all(
        isinstance(v, list) and all(isinstance(w, str) for w in v) for v in table.values()
    ):
        raise VigieError(f'{path}, [lists]: each list is a list of strings (name = ["word", …])')
    out: dict[str, tuple[str, ...]] = {}

    def words(name: str, seen: tuple[str, ...]) -> tuple[str, ...]:
        if name in seen:
            raise VigieError(f"{path}, [lists]: list {name!r} names itself (through {' → '.join(seen)})")
        if name not in out:
            where = f"{path}, list {name!r}"
            out[name] = tuple(_expanded(where, table[name], table, lambda n: words(n, (*seen, name))))
        return out[name]

    for name in table:
        words(name, ())
    return out


def _expanded(where: str, values: list, lists: dict, get) -> list[str]:
    """`values` with each "@name" replaced by the words of that list (got by `get`); an unknown name is refused."""
    out: list[str] = []
    for value in values:
        ref = LIST_REFERENCE.fullmatch(value) if isinstance(value, str) else None
        if ref is None:
            out.append(value)
        elif ref[1] not in lists:
            known = ", ".join(f"@{n}" for n in sorted(lists)) or "none"
            raise VigieError(f"{where}: no list named {value!r} in the file's [lists] (lists: {known})")
        else:
            out.extend(w for w in get(ref[1]) if w not in out)
    return out


def expand_lists(where: str, tokens, lists: dict[str, tuple[str, ...]]):
    """A token pattern with the list names ("@goods") of its IN and NOT_IN tests replaced by the lists' words
    (`{IN = "@goods"}` is `{IN = ["@goods"]}`); a name the file's [lists] do not have, or one given elsewhere than in
    IN or NOT_IN, is refused with the rule named."""
    if not isinstance(tokens, list):
        return tokens  # _validate_tokens refuses it
    out = []
    for token in tokens:
        if isinstance(token, dict):
            token = {attr: _expand_test(where, attr, value, lists) for attr, value in token.items()}
        out.append(token)
    return out


def _expand_test(where: str, attr: str, value, lists: dict):
    def named(v) -> bool:
        return isinstance(v, str) and LIST_REFERENCE.fullmatch(v) is not None

    if not isinstance(value, dict):
        if named(value):
            raise VigieError(f"{where}: a list ({value!r}) is named in IN or NOT_IN ({attr} = {{IN = [{value!r}]}})")
        return value
    out = {}
    for op, values in value.items():
        if op in ("IN", "NOT_IN") and (named(values) or isinstance(values, list)):
            values = _expanded(where, [values] if named(values) else values, lists, lists.__getitem__)
        elif named(values):
            raise VigieError(f"{where}: a list ({values!r}) is named in IN or NOT_IN, not in {op}")
        out[op] = values
    return out


def _expanded_node(where: str, node, lists: dict[str, tuple[str, ...]]):
    """A `DependencyMatcher` node with the list names of its RIGHT_ATTRS tests replaced by the lists' words."""
    if not isinstance(node, dict) or not isinstance(node.get("RIGHT_ATTRS"), dict):
        return node  # _validate_dependency refuses what is malformed
    return {**node, "RIGHT_ATTRS": expand_lists(where, [node["RIGHT_ATTRS"]], lists)[0]}


def load(path: Path = TRIGGERS_FILE) -> Triggers:
    data = _read(path)
    unknown = set(data) - {"rule", "lists"}
    if unknown:
        raise VigieError(
            f"{path}: unknown section(s) {', '.join(sorted(unknown))}; rules are [[rule]] tables, word lists [lists]"
        )
    lists = read_lists(path, data.get("lists", {}))
    rules: list[Rule] = []
    for where, entry in _entries(path, data, "rule", FIELDS, {"name", "type"}):
        name = entry["name"]
        if entry["type"] not in TYPES:
            raise VigieError(f"{where}: type {entry['type']!r} is not one of {', '.join(TYPES)}")
        if "pattern" not in entry and "tokens" not in entry:
            raise VigieError(f"{where}: missing field(s) pattern or tokens (a regular expression or a lemma pattern)")
        if "pattern" in entry and "tokens" in entry:
            raise VigieError(f"{where}: give a pattern (regular expression) or tokens (lemma pattern), not both")
        if "pattern" in entry:
            _compile(where, entry["pattern"])
            rules.append(Rule(name, entry["type"], pattern=entry["pattern"]))
        else:
            tokens = expand_lists(where, entry["tokens"], lists)
            rules.append(Rule(name, entry["type"], tokens=_validate_tokens(where, tokens)))
    if not rules:
        raise VigieError(f"{path}: no [[rule]] in the file")
    any_of, named = {}, {}
    for kind in TYPES:
        mine = [(i, r) for i, r in enumerate(rules) if r.type == kind and r.pattern is not None]
        if mine:
            any_of[kind] = "|".join(r.pattern for _, r in mine)
            named[kind] = re.compile("|".join(f"(?P<r{i}>{r.pattern})" for i, r in mine), re.I)
    return Triggers(tuple(rules), any_of, named)


def load_qualifiers(path: Path = QUALIFIERS_FILE) -> Qualifiers:
    data = _read(path)
    unknown = set(data) - {"qualifier", "cues", "lists"}
    if unknown:
        raise VigieError(f"{path}: unknown section(s) {', '.join(sorted(unknown))} (sections: cues, lists, qualifier)")
    lists = read_lists(path, data.get("lists", {}))
    cues = data.get("cues", {})
    if set(cues) - {"lemmas", "endings", "together", "note"}:
        unknown = ", ".join(sorted(set(cues) - {"lemmas", "endings", "together", "note"}))
        raise VigieError(f"{path}, [cues]: unknown field(s) {unknown}")
    out = []
    for where, entry in _entries(path, data, "qualifier", QUALIFIER_FIELDS, {"name", "effect", "dependency"}):
        if entry["effect"] not in EFFECTS:
            raise VigieError(f"{where}: effect {entry['effect']!r} is not one of {', '.join(EFFECTS)}")
        nodes = entry["dependency"]
        if isinstance(nodes, list):  # the word lists named in the nodes' IN and NOT_IN tests (as in the trigger rules)
            nodes = [_expanded_node(where, node, lists) for node in nodes]
        out.append(Qualifier(entry["name"], entry["effect"], _validate_dependency(where, nodes)))
    return Qualifiers(
        tuple(out),
        frozenset(cues.get("lemmas", [])),
        tuple(cues.get("endings", [])),
        tuple(frozenset(group) for group in cues.get("together", [])),
    )


def load_exclusions(path: Path = EXCLUSIONS_FILE) -> Exclusions:
    data = _read(path)
    unknown = set(data) - {"exclusion"}
    if unknown:
        raise VigieError(
            f"{path}: unknown section(s) {', '.join(sorted(unknown))}; exclusions are [[exclusion]] tables"
        )
    out: dict[str, list[tuple[str, str]]] = {k: [] for k in EXCLUSION_KINDS}
    tokens = []
    for where, entry in _entries(path, data, "exclusion", EXCLUSION_FIELDS, {"name", "kind"}):
        if entry["kind"] not in EXCLUSION_KINDS:
            raise VigieError(f"{where}: kind {entry['kind']!r} is not one of {', '.join(EXCLUSION_KINDS)}")
        if ("pattern" in entry) == ("tokens" in entry):
            raise VigieError(f"{where}: give a pattern (regular expression) or tokens (lemma pattern), one of them")
        if "tokens" in entry:
            if entry["kind"] != "sentence":
                raise VigieError(f"{where}: a lemma pattern (tokens) is read for kind sentence only")
            tokens.append((entry["name"], _validate_tokens(where, entry["tokens"])))
            continue
        _compile(where, entry["pattern"])
        out[entry["kind"]].append((entry["name"], entry["pattern"]))
    return Exclusions({k: tuple(v) for k, v in out.items()}, tuple(tokens))


def load_lemmas(path: Path = LEMMAS_FILE) -> dict[str, str]:
    """Corrections to the model's lemma table: form → lemma."""
    data = _read(path)
    if set(data) - {"lemmas"}:
        raise VigieError(f"{path}: unknown section(s) {', '.join(sorted(set(data) - {'lemmas'}))} (sections: lemmas)")
    table = data.get("lemmas", {})
    for form, lemma in table.items():
        if not isinstance(lemma, str) or form != form.lower() or not lemma:
            raise VigieError(f"{path}, form {form!r}: a lower-case form and a lemma (a string) are expected")
    return dict(table)


def _validate_dependency(where: str, pattern) -> tuple:
    """A `DependencyMatcher` pattern checked by spaCy's validator; a wrong one is refused with its rule named."""
    from spacy.errors import MatchPatternError
    from spacy.matcher import DependencyMatcher
    from spacy.vocab import Vocab

    try:
        if not isinstance(pattern, list) or not pattern:
            raise ValueError("a dependency pattern is a non-empty list of node tables")
        DependencyMatcher(Vocab(), validate=True).add("check", [pattern])
    except (MatchPatternError, ValueError, KeyError, TypeError) as exc:
        raise VigieError(f"{where}: the dependency pattern is not valid ({' '.join(str(exc).split())})") from None
    return tuple(pattern)


def load_words(path: Path = WORDS_FILE) -> dict[str, tuple[str, tuple]]:
    """The named word patterns of rules/words.toml: name → ("tokens", a Matcher token pattern) or ("dependency", a
    DependencyMatcher pattern), each checked by spaCy's validator."""
    data = _read(path)
    if set(data) - {"word"}:
        raise VigieError(
            f"{path}: unknown section(s) {', '.join(sorted(set(data) - {'word'}))}; words are [[word]] tables"
        )
    out = {}
    for where, entry in _entries(path, data, "word", WORD_FIELDS, {"name"}):
        if ("tokens" in entry) == ("dependency" in entry):
            raise VigieError(
                f"{where}: give tokens (a token pattern) or dependency (a dependency pattern), one of them"
            )
        if "tokens" in entry:
            out[entry["name"]] = ("tokens", _validate_tokens(where, entry["tokens"]))
            continue
        out[entry["name"]] = ("dependency", _validate_dependency(where, entry["dependency"]))
    return out

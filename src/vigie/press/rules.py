"""Rules kept as data: the trigger wordings of each event type, named, in `rules/triggers.toml`. An event carries the
names of the rules that made it (`Event.rules`), so that a user can see why it exists and a developer which rule to
mend. A rules file is checked whole when it is loaded: a rule with an unknown field or type, a duplicate name or a
pattern that does not compile is refused with the file and the rule named."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from vigie.errors import VigieError
from vigie.press.schema import TYPES

TRIGGERS_FILE = Path(__file__).parent / "rules" / "triggers.toml"
FIELDS = {"name", "type", "pattern", "note"}


@dataclass(frozen=True)
class Rule:
    name: str
    type: str
    pattern: str


@dataclass(frozen=True)
class Triggers:
    """The trigger rules of one file: per type, one alternation to find a trigger and one whose groups name the
    rules that matched."""

    rules: tuple[Rule, ...]
    any_of: dict[str, str]  # type → "pattern|pattern|…" (what the extractor searches)
    named: dict[str, re.Pattern]  # type → "(?P<r0>…)|(?P<r1>…)" (which rules matched)

    def fired(self, kind: str, text: str) -> list[str]:
        """Names of the rules of `kind` that match in `text`, in order of appearance."""
        pattern = self.named.get(kind)
        if pattern is None:
            return []
        names = [self.rules[int(m.lastgroup[1:])].name for m in pattern.finditer(text) if m.lastgroup]
        return list(dict.fromkeys(names))


def load(path: Path = TRIGGERS_FILE) -> Triggers:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise VigieError(f"{path}: not a readable rules file ({exc})") from None
    unknown = set(data) - {"rule"}
    if unknown:
        raise VigieError(f"{path}: unknown section(s) {', '.join(sorted(unknown))}; rules are [[rule]] tables")
    rules: list[Rule] = []
    for n, entry in enumerate(data.get("rule", []), 1):
        name = entry.get("name") or f"rule {n}"
        where = f"{path}, rule {name!r}"
        extra = set(entry) - FIELDS
        if extra:
            raise VigieError(
                f"{where}: unknown field(s) {', '.join(sorted(extra))} (fields: {', '.join(sorted(FIELDS))})"
            )
        missing = {"name", "type", "pattern"} - set(entry)
        if missing:
            raise VigieError(f"{where}: missing field(s) {', '.join(sorted(missing))}")
        if entry["type"] not in TYPES:
            raise VigieError(f"{where}: type {entry['type']!r} is not one of {', '.join(TYPES)}")
        if any(r.name == name for r in rules):
            raise VigieError(f"{where}: a rule of this name comes earlier in the file")
        try:
            re.compile(entry["pattern"], re.I)
        except re.error as exc:
            raise VigieError(f"{where}: the pattern does not compile ({exc})") from None
        rules.append(Rule(name, entry["type"], entry["pattern"]))
    if not rules:
        raise VigieError(f"{path}: no [[rule]] in the file")
    any_of, named = {}, {}
    for kind in TYPES:
        mine = [(i, r) for i, r in enumerate(rules) if r.type == kind]
        if mine:
            any_of[kind] = "|".join(r.pattern for _, r in mine)
            named[kind] = re.compile("|".join(f"(?P<r{i}>{r.pattern})" for i, r in mine), re.I)
    return Triggers(tuple(rules), any_of, named)

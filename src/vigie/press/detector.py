"""A learned sentence-level event detector: one logistic regression per event type, trained on the annotated sets'
evidence sentences (benchmarks/train_event_detector.py), as one more trigger source and as a veto on the rules.

Hand-written trigger rules spell out the wordings of the articles they were written on; a classifier over the words
of every annotated evidence sentence may carry over to wordings no rule names ("la première saisie remonte au …",
"les perquisitions révèlent … 11 kilos"). It is kept as data (`rules/detector.json`: vocabulary, one weight per
feature and type, one bias and two thresholds per type) and scored with plain dictionary sums at run time (no
scikit-learn import; about 0.1 ms a clause, 2 ms an article).

Features of a clause (`features`): its lookup lemmas (lower-case, numbers as `<num>`), the pairs of consecutive
lemmas (so "<num> kilo", "avoir interpeller" count), and the types the trigger rules gave it (`t:<type>`). Only features
seen in two training articles at least are kept, so that no name is memorised.

`adjust`: a type the rules missed whose probability reaches the type's `add` threshold is added (its events carry the
rule name `learned.<type>`); a type the rules gave whose probability is below the type's `drop` threshold is dropped.
The rest of the extractor (the type refinements, places, dates, values, merging, gates) runs unchanged on them.

The file's `enabled` says whether the extractor uses it by default (`default()`). It is off: leave-one-set-out over
sixteen annotated sets it changed the matched events by +0 to +1 and the false positives by +1 to +2, and its veto
lost events (BENCHMARKS.md, "Session 9: a learned event detector"): the wordings the rules miss are rare for a model
learnt from 650 sentences too, and most events missed are lost after their trigger fired."""

from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path

from vigie.errors import VigieError
from vigie.press.schema import TYPES

FILE = Path(__file__).parent / "rules" / "detector.json"
FORMAT = "vigie-press-detector/1"
ENV = "VIGIE_PRESS_DETECTOR"
KEYS = {"format", "enabled", "types", "features", "weights", "bias", "add", "drop", "note"}


def features(ling, text: str, kinds=()) -> set[str]:
    """The features of a (plain) clause: lemmas, pairs of consecutive lemmas, and the rules' types `kinds`."""
    words = [
        "<num>" if t.like_num or t.text[:1].isdigit() else t.lemma_.lower()
        for t in ling.doc(text)
        if not (t.is_punct or t.is_space)
    ]
    out = {f"w:{w}" for w in words}
    out.update(f"b:{a} {b}" for a, b in zip(words, words[1:], strict=False))
    out.update(f"t:{k}" for k in kinds)
    return out


@dataclass(frozen=True)
class Detector:
    types: tuple[str, ...]
    weights: dict[str, tuple[float, ...]]  # feature → one weight per type (features absent weigh nothing)
    bias: tuple[float, ...]
    add: tuple[float, ...]  # a probability at or above it adds the type (above 1: never)
    drop: tuple[float, ...]  # a probability below it drops the type the rules gave (0: never)
    enabled: bool = False

    def probabilities(self, feats: set[str]) -> dict[str, float]:
        z = list(self.bias)
        for f in feats:
            w = self.weights.get(f)
            if w is not None:
                for i, x in enumerate(w):
                    z[i] += x
        return {t: 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, v)))) for t, v in zip(self.types, z, strict=True)}

    def adjust(self, ling, text: str, types: list[str]) -> tuple[list[str], set[str]]:
        """The clause's types with the detector's additions and vetoes, and the types it added."""
        p = self.probabilities(features(ling, text, types))
        kept = [t for t in types if t not in p or p[t] >= self.drop[self.types.index(t)]]
        added = {t for i, t in enumerate(self.types) if t not in types and p[t] >= self.add[i]}
        return [k for k in TYPES if k in kept or k in added], added

    def to_dict(self, note: str = "") -> dict:
        return {
            "format": FORMAT,
            "enabled": self.enabled,
            "note": note,
            "types": list(self.types),
            "bias": [round(b, 4) for b in self.bias],
            "add": [round(a, 4) for a in self.add],
            "drop": [round(d, 4) for d in self.drop],
            "features": sorted(self.weights),
            "weights": [[round(x, 3) for x in self.weights[f]] for f in sorted(self.weights)],
        }


def _bad(path: Path, what: str) -> VigieError:
    return VigieError(f"{path}: {what} (a press detector file, written by benchmarks/train_event_detector.py)")


def load(path: Path = FILE) -> Detector:
    """The detector of a file, checked whole: a malformed file is refused with its name and the field at fault."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise _bad(path, f"cannot be read ({exc.strerror})") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise _bad(path, f"is not JSON ({exc})") from None
    if not isinstance(data, dict):
        raise _bad(path, "is not a JSON object")
    if data.get("format") != FORMAT:
        raise _bad(path, f"field 'format' is {data.get('format')!r}, not {FORMAT!r}")
    unknown = set(data) - KEYS
    if unknown:
        raise _bad(path, f"unknown field {sorted(unknown)[0]!r}")
    types = data.get("types")
    if not isinstance(types, list) or not types or any(t not in TYPES for t in types) or len(set(types)) < len(types):
        raise _bad(path, f"field 'types' must list event types among {', '.join(TYPES)}")
    n = len(types)

    def numbers(field: str, values) -> tuple[float, ...]:
        if (
            not isinstance(values, list)
            or len(values) != n
            or any(isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v) for v in values)
        ):
            raise _bad(path, f"field {field!r} must be {n} finite numbers (one per type)")
        return tuple(float(v) for v in values)

    names, rows = data.get("features"), data.get("weights")
    if not isinstance(names, list) or not all(isinstance(f, str) for f in names) or len(set(names)) < len(names):
        raise _bad(path, "field 'features' must be a list of distinct strings")
    if not isinstance(rows, list) or len(rows) != len(names):
        raise _bad(path, f"field 'weights' must have one row per feature ({len(names)})")
    weights = {f: numbers(f"weights[{i}] ({f})", row) for i, (f, row) in enumerate(zip(names, rows, strict=True))}
    if not isinstance(data.get("enabled"), bool):
        raise _bad(path, "field 'enabled' must be true or false")
    return Detector(
        tuple(types),
        weights,
        numbers("bias", data.get("bias")),
        numbers("add", data.get("add")),
        numbers("drop", data.get("drop")),
        data["enabled"],
    )


def default() -> Detector | None:
    """The shipped detector if its file says it is enabled, else None (the rules alone). The environment variable
    VIGIE_PRESS_DETECTOR=1 (or 0) turns it on (or off) whatever the file says, to measure it. The flag is read from
    the file's head (`to_dict` writes it second), so that a disabled detector costs no parse of its weights."""
    forced = os.environ.get(ENV, "").strip()
    if forced not in ("", "0", "1"):
        raise VigieError(f"{ENV}={forced!r}: use 1 (the learned detector on) or 0 (off)")
    if forced == "1":
        return load(FILE)
    if forced == "0" or not FILE.exists():
        return None
    with FILE.open("rb") as f:
        head = f.read(200)
    if re.search(rb'"enabled":\s*false', head):
        return None
    found = load(FILE)
    return found if found.enabled else None

"""Place-name normalisation: one key for "Le Creusot", "LE CREUSOT", "creusot" and "Le-Creusot"."""

from __future__ import annotations

import functools
import re
import unicodedata

ARTICLES = ("les ", "le ", "la ", "l ")
ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}


def name_key(name: str) -> str:
    """Lower-case, no accents, no punctuation, no leading article, 'St' spelt out."""
    # a name or a word is asked again and again by the press extractor: remembered; a whole text is not kept
    return _remembered(name) if len(name) <= REMEMBERED else _key(name)


REMEMBERED = 100  # characters


def _key(name: str) -> str:
    name = name.replace("œ", "oe").replace("Œ", "OE").replace("æ", "ae").replace("Æ", "AE")
    # the typographic apostrophe of the press ("Pont-l’Abbé", "Villeneuve-d’Ascq") parts words as the straight one of
    # the official names does (the ASCII fold below would drop it and join them: "pont labbe")
    name = name.replace("’", "'").replace("‘", "'").replace("ʼ", "'")
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    for article in ARTICLES:
        if text.startswith(article):
            text = text[len(article) :]
            break
    return " ".join(ABBREVIATIONS.get(word, word) for word in text.split())


_remembered = functools.lru_cache(maxsize=16384)(_key)

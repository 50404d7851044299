"""An article's geography, found once before its sentences are read: its main towns and the départements it is
about. Every place mention is then read in that setting, so that "le quartier Saint-Jean" or "à Argentine" in an
article about Beauvais is not a village of the same name at the other end of France.

How a mention is resolved (extract.Extractor._mentions; one test per rule in tests/test_press_places.py):

1. A curated neighbourhood (places.NEIGHBOURHOODS: Pissevin, la Castellane…) is its town, wherever the article is.
2. An official district (the QPV list in table `district`) is its town only when that town is a main town of the
   article: it beats a commune of the same name elsewhere, unless that commune is itself a main town.
3. A commune name chooses among homonyms: in the départements the article names or whose towns it names first,
   then within NEAR_KM of a main town, then the most populous.
4. Introduced by "près de", "aux abords de", "non loin de", "à proximité de": a place near the town, not in it
   (geo_precision 2, commune null, the town's département).
5. Introduced by an origin ("venus de"), a home ("domiciliés à") or an institution ("le parquet de"): no place.
6. Not introduced by a locative ("à", "dans"…): a village of fewer than 2,000 people outside the article's
   départements is a word, not a place ("Pas de blessé", "Aucun").

Main towns, best first: the towns of the headline; the dateline's town ("NÎMES (AFP) –", "Nîmes –"; an agency's
filing line, "Paris, France | AFP | lundi 06/09/2021 -", is cut off: it names where the dispatch was written); the
towns whose curated or official districts are named; the most-named town when it is named at least twice."""

from __future__ import annotations

import re
from collections import Counter

# an agency's filing line ("Paris, France | AFP | lundi 06/09/2021 - ", "SAINT-LAURENT-DU-MARONI, 18 mars (AFP) - "):
# where the dispatch was written, not where anything happened; it is cut off before the text is read
AGENCY_LINE = (
    r"\s*[^,|\n]{2,40},\s*(?:France\s*\|\s*AFP\s*\||\d{1,2}(?:er)? \w+ \((?:AFP|Reuters)\))[^\n]{0,40}?\s[-–—]\s"
)
DATELINE = r"\s*([A-ZÉÈÎÔ][A-Za-zÀ-ÿ'’ -]{1,40}?)\s*(?:\([^)]{1,30}\))?\s*[-–—:]\s"


class Geography(list):
    """The départements of an article (a list, as the place rules always took), with its main towns."""

    def __init__(self, departements, towns=()):
        super().__init__(dict.fromkeys(departements))
        self.towns: tuple[str, ...] = tuple(dict.fromkeys(towns))


def main_towns(title_places, dateline_place, mentions, district_towns) -> list[str]:
    """The towns an article is about, best first (see the module docstring). `mentions` are the communes of every
    place mention of the article, in order."""
    towns = [p.code for p in title_places if p.code]
    if dateline_place is not None and dateline_place.code:
        towns.append(dateline_place.code)
    towns += district_towns
    counts = Counter(c for c in mentions if c)
    if counts:
        top, n = counts.most_common(1)[0]
        if n >= 2:
            towns.append(top)
    return list(dict.fromkeys(towns))


def without_agency_line(text: str) -> str:
    """The text without an agency's filing line at its head."""
    m = re.match(AGENCY_LINE, text)
    return text[m.end() :] if m else text


def dateline(text: str) -> str | None:
    """The town of a dateline at the head of the text ("NÎMES (AFP) – …", "Valence – …"), if any."""
    m = re.match(DATELINE, text)
    return m.group(1).strip() if m else None

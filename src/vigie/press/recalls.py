"""Earlier shootings recalled in passing inside a shooting story. The annotation rules make each dated, located past
shooting told in an article an event of its own, so a recall may tell several events ("des coups de feu avaient déjà
éclaté il y a deux semaines, puis quelques jours auparavant", "après celles du 3 et du 12 juin"), and a sentence
that ranks the story's shooting in a tally ("c'est la troisième fusillade en un mois") is no event itself but still
tells the earlier ones it names after "après"."""

from __future__ import annotations

import re
from datetime import date, timedelta

from vigie.press import dates
from vigie.press.quantities import plain

# "la troisième fusillade en un mois dans le quartier, après celles du 3 et du 12 juin", "le deuxième homicide par
# arme à feu cette année, après la mort d'un guetteur abattu en mars": the tally, then what it recalls
RANKED = re.compile(
    r"\b(?:deuxième|second|troisième|quatrième|cinquième|sixième|septième|huitième|neuvième|dixième|\d+e) "
    r"(?P<noun>homicide|meurtre|règlement de comptes|fusillade)s?\b[^.;]*?,\s*après ",
    re.I,
)
PRONOUN = re.compile(r"^(?:celles?|ceux|celui)\b", re.I)

# the second date of one recall, told from the first: "…, puis quelques jours auparavant", "ainsi que la semaine
# précédente"
THEN = re.compile(
    r",? (?:ainsi que|puis|et) (?:encore )?(?P<when>quelques jours (?:auparavant|plus tôt|avant)|"
    r"la semaine (?:précédente|d'avant)|(?P<n>\d+|deux|trois|quatre|cinq|six|sept|huit|dix|quinze) jours "
    r"(?:auparavant|plus tôt|avant))\b",
    re.I,
)
# two days of one month, each with its determiner: "celles du 3 et du 12 juin", "le 3 et le 12 juin"
TWO_DAYS = re.compile(rf"\b(?:du|le) (\d{{1,2}}|1er) et (?:du|le) (\d{{1,2}}) {dates.M}(?: (\d{{4}}))?", re.I)


def told_after(sentence: str) -> str | None:
    """The recall inside a sentence that ranks the story's shooting in a tally, the tally's noun carried to its
    pronoun ("après celles du 3 et du 12 juin" → "des fusillades du 3 et du 12 juin"); None for any other sentence."""
    m = RANKED.search(sentence)
    if not m:
        return None
    rest = sentence[m.end() :]
    noun = m.group("noun").lower()
    plural = "règlements de comptes" if noun == "règlement de comptes" else noun + "s"
    return PRONOUN.sub(f"des {plural}", rest)


def several(clause: str, ref: date, anchor: dates.Interval | None) -> list[dates.Interval]:
    """The dates of a recall that tells one shooting on each ("il y a deux semaines, puis quelques jours
    auparavant": two); an empty list when the clause tells fewer than two."""
    t = plain(clause)
    m = TWO_DAYS.search(t)
    if m:
        month = dates.MONTHS.index(m.group(3).lower()) + 1
        year = int(m.group(4)) if m.group(4) else dates.recent_month(month, ref)
        days = [1 if d == "1er" else int(d) for d in (m.group(1), m.group(2))]
        if days[0] != days[1] and all(1 <= d <= 31 for d in days):
            try:
                return [(date(year, month, d), date(year, month, d)) for d in days]
            except ValueError:
                return []
    m = THEN.search(t)
    if not m:
        return []
    first = dates.resolve(t[: m.start()], ref, anchor)
    if not first or first[0] is None:
        return []
    a = first[0]
    when = m.group("when").lower()
    if when.startswith("quelques"):
        second = (a - timedelta(days=7), a - timedelta(days=1))
    elif when.startswith("la semaine"):
        monday = a - timedelta(days=a.weekday() + 7)
        second = (monday, monday + timedelta(days=6))
    else:
        n = dates.number_word(m.group("n")) or 1
        second = (a - timedelta(days=n), a - timedelta(days=n))
    return [first, second]

"""Earlier shootings recalled in passing inside a shooting story. The annotation rules make each dated, located past
shooting told in an article an event of its own, so a recall may tell several events ("des coups de feu avaient déjà
éclaté il y a deux semaines, puis quelques jours auparavant", "après celles du 3 et du 12 juin"), and a sentence
that ranks the story's shooting in a tally ("c'est la troisième fusillade en un mois") is no event itself but still
tells the earlier ones it names after "après". A trial or follow-up article that retells its facts ("ce vendredi 22
décembre 2017, des coups de feu éclatent dans le quartier des Amendiers") gives the events it dates by their own
words, whatever mention of them came first (`dated`, `through_gate`); a second episode told as such ("d'autres tirs",
"le deuxième épisode") is an event of its own (`another`)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from vigie.press import dates, prefilter, quantities, rules
from vigie.press.geography import SERIES
from vigie.press.places import AREA_TOWN_KM
from vigie.press.quantities import plain
from vigie.press.schema import Event, apart_in_time, overlaps

EXCLUSIONS = rules.load_exclusions()  # rules/exclusions.toml

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
# a second victim told from the first one's day, with a subject of its own: "…, le 21 août, puis un jeune de 18 ans
# trois jours après", "puis un autre le lendemain" (not "puis décédé trois jours après": the same victim)
THEN_AFTER = re.compile(
    r",? puis (?:un|une|deux|trois|quatre) (?:[\w'-]+ ){0,5}?(?:(?P<n>\d+|deux|trois|quatre|cinq|six|sept|huit|dix) "
    r"jours (?:après|plus tard)|le lendemain)\b",
    re.I,
)
# two days of one month, each with its determiner: "celles du 3 et du 12 juin", "le 3 et le 12 juin"
# "les samedi 4 et lundi 6 mai": each day with its weekday
DAY = "(?:" + "|".join(dates.WEEKDAYS) + ")"
TWO_DAYS = re.compile(
    rf"\b(?:(?:du|le) (\d{{1,2}}|1er) et (?:du|le)|les {DAY} (\d{{1,2}}|1er) et {DAY}) (\d{{1,2}}) {dates.M}"
    r"(?: (\d{4}))?",
    re.I,
)


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


# an earlier shooting at the same place, told in a relative clause with "déjà" ("…, où deux mineurs avaient déjà été
# blessés la veille", "où un homme avait déjà été tué en mars"): another shooting, on the date that clause tells
ALREADY = re.compile(
    r",?\s*\b(?:où|là où)\s[^.;:]{0,80}?\b(?:avait|avaient) déjà été (?:[\w-]+ ){0,2}?"
    r"(?:blessée?s?|tuée?s?|abattue?s?|visée?s?|touchée?s?|ciblée?s?)\b(?P<rest>[^.;:]*)",
    re.I,
)


def tolls_apart(clause: str, told: list[Event]) -> None:
    """The toll of each of the two shootings a clause tells with an earlier one in a relative clause (`ALREADY`: "Un
    jeune homme a été blessé aux jambes jeudi …, où deux mineurs avaient déjà été blessés la veille"): the first
    takes the toll told before "où" when one is, the earlier one the toll told after it, none when none is (not the
    clause's)."""
    m = ALREADY.search(plain(clause))
    if not m or len(told) != 2:
        return
    killed, injured = quantities.casualties(plain(clause)[: m.start()])
    if killed is not None or injured is not None:
        told[0].killed, told[0].injured = killed, injured
    told[1].killed, told[1].injured = quantities.casualties(m.group(0))


def several(clause: str, ref: date, anchor: dates.Interval | None, fires=None) -> list[dates.Interval]:
    """The dates of a recall that tells one shooting on each ("il y a deux semaines, puis quelques jours
    auparavant": two; "les deux autres fusillades de dimanche 9 mars, et la veille": two); an empty list when the
    clause tells fewer than two. `fires(text)`, whether a piece of the clause tells a shooting by itself, lets two
    shootings each told with its date be read apart (`apart_dated`)."""
    t = plain(clause)
    if fires is not None:
        two = apart_dated(t, ref, anchor, fires)
        if two:
            return two
    m = TWO_DAYS.search(t)
    if m:
        month = dates.MONTHS.index(m.group(4).lower()) + 1
        year = int(m.group(5)) if m.group(5) else dates.recent_month(month, ref)
        days = [1 if d == "1er" else int(d) for d in (m.group(1) or m.group(2), m.group(3))]
        if days[0] != days[1] and all(1 <= d <= 31 for d in days):
            try:
                return [(date(year, month, d), date(year, month, d)) for d in days]
            except ValueError:
                return []
    m = ALREADY.search(t)
    if m:  # "… blessé jeudi à Planoise, où deux mineurs avaient déjà été blessés la veille": the earlier one's date
        first = dates.resolve(t[: m.start()], ref, anchor)
        if first and first[0] is not None:
            earlier = dates.resolve(m.group("rest"), ref, first)
            if earlier and earlier[0] is not None and earlier[1] < first[0]:
                return [first, earlier]
    m = THEN_AFTER.search(t)
    if m:  # "un enfant avait été tué par balle le 21 août, puis un jeune de 18 ans trois jours après"
        first = dates.resolve(t[: m.start()], ref, anchor)
        if first and first[0] is not None and first[0] == first[1]:
            n = 1 if m.group("n") is None else dates.number_word(m.group("n")) or 1
            later = first[0] + timedelta(days=n)
            if later <= ref:
                return [first, (later, later)]
    m = THEN.search(t)
    if not m:
        return _eve(t, ref, anchor) if TWO_TOLD.search(t) else []
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


# earlier events of the clause told in fronted phrases: "Après les coups de feu de mardi soir au Sablon, une voiture a
# été criblée de balles ce mercredi", several in a row ("Après la fusillade de mars à Sevran, après celle de dimanche à
# Aulnay, des tirs …"), or the day before ("Ce 3 mai, au lendemain d'une fusillade à Sevran, …": `EVE_OF`)
AFTER_EVENT = re.compile(r"(?P<eve>au lendemain (?:de |d'|du |des )|après )(?P<recalled>[^,;:]+),\s", re.I)
# a date that opens the sentence before its fronted phrases: "Ce 3 mai, au lendemain …"
OPENING = re.compile(r"(?P<lead>[^,;:]{3,40}),\s*(?=après |au lendemain )", re.I)


def fronted(t: str) -> tuple[str, list[tuple[bool, str]], str]:
    """A clause's opening date (or ""), its fronted phrases that tell earlier events, each with whether it is told
    as the eve of the clause's own event ("au lendemain de"), and the rest of the clause; no phrases when it opens
    with none."""
    pos = re.match(r"\W*", t).end()
    lead = ""
    m = AFTER_EVENT.match(t, pos)
    if m is None:
        o = OPENING.match(t, pos)
        if o is None:
            return "", [], t
        lead, pos = o.group("lead"), o.end()
        m = AFTER_EVENT.match(t, pos)
    pieces = []
    while m is not None:
        pieces.append((m.group("eve").lower().startswith("au lendemain"), m.group("recalled")))
        pos = m.end()
        m = AFTER_EVENT.match(t, pos)
    return lead, pieces, t[pos:]


def apart_dated(t: str, ref: date, anchor: dates.Interval | None, fires) -> list[dates.Interval]:
    """The dates of `apart_told`."""
    return [when for when, _ in apart_told(t, ref, anchor, fires)]


def apart_told(t: str, ref: date, anchor: dates.Interval | None, fires) -> list[tuple[dates.Interval, str]]:
    """Shootings one clause tells, each with a trigger and a date of its own, the dates apart, each with the piece of
    the clause that tells it (where its place is named): the earlier ones told as past in fronted "après" phrases
    ("Après les coups de feu de mardi soir au Sablon, une voiture a été criblée de balles ce mercredi"; "au
    lendemain de": the day before the clause's own), or the second told as another one ("En mai, un adolescent avait
    été blessé par des tirs, suivi d'une autre fusillade en juin": `ANOTHER`). The README: incidents on different
    dates are different events. Empty when a piece tells no shooting or no date, or when the dates meet."""
    lead, pieces, rest = fronted(t)
    if pieces:
        # "après celle de dimanche": the pronoun of the phrase before's shooting
        if not all(fires(piece) or (i and PRONOUN.match(piece)) for i, (_, piece) in enumerate(pieces)):
            return []
        # "Ce 3 mai, au lendemain d'une fusillade à Sevran, le maire a réuni …": the one shooting told is the eve's
        eve_only = len(pieces) == 1 and pieces[0][0] and not fires(rest)
        if not fires(rest) and not eve_only:
            return []
        prior = [None if eve else dates.resolve(piece, ref, anchor) for eve, piece in pieces]
        base = next((when for when in reversed(prior) if when), anchor)
        own = dates.resolve(f"{lead}, {rest}" if lead else rest, ref, base)
        if not own or None in own:
            return []
        told = []
        for (eve, piece), when in zip(pieces, prior, strict=True):
            if eve and own[0] == own[1]:
                when = (own[0] - timedelta(days=1),) * 2
            told.append((when, piece))
        if not eve_only:
            told.append((own, rest))
        intervals = [when for when, _ in told]
        if any(not when or None in when for when in intervals):
            return []
        # a chain of "après" phrases lists earlier shootings, each its own event ("après les tirs du mois
        # dernier à Sevran, après ceux de dimanche à Aulnay"): their dates may meet
        if len(pieces) == 1 and any(overlaps(*a, *b) for i, a in enumerate(intervals) for b in intervals[i + 1 :]):
            return []
        return told
    m = ANOTHER.search(t)
    if m is None:
        return []
    before, after = t[: m.start()], t[m.start() :]
    if not fires(before) or not fires(after):
        return []
    first = dates.resolve(before, ref, anchor)
    second = dates.resolve(after, ref, first)
    if not apart_in_time(first, second):
        return []
    return [(first, before), (second, after)]


# a mention told as another shooting than the one just told ("le deuxième épisode a lieu le même jour : d'autres tirs
# sont entendus juste à côté", "une autre fusillade"): an event of its own, even the same day in the same town
ANOTHER = re.compile(
    r"\bd'autres (?:tirs|coups de feu|détonations)\b|\b(?:deuxième|second|troisième) épisode\b|"
    r"\bune autre fusillade\b|\b(?:deux|trois|quatre) autres (?:victimes|blessés|morts) par balles?\b|"
    # a shooting introduced by its rank: "un second tir a été entendu dans la même rue" ("une deuxième fusillade" is a
    # tally's rank: rules/exclusions.toml, sentence.statistics.premier_deuxieme_second)
    r"\b(?:un|une) (?:deuxième|second|seconde|troisième) (?:tir|coup de feu)\b",
    re.I,
)


# an operation told as another one than the one just told ("un autre réseau avait été démantelé la veille", "une
# seconde saisie", "cette saisie a été suivie d'une autre"): an event of its own, even in the same town
SEARCHES = r"perquisitions?|opérations?|fouilles?|descentes?"  # what the police carry out
ANOTHER_OPERATION = re.compile(
    r"\b(?:une? (?:autre|deuxième|seconde?|troisième|nouvelle?)|d'autres) "
    rf"(?:saisies?|prises?|découvertes?|réseaux?|coups? de filet|affaires?|{SEARCHES})\b|"
    r"\b(?:suivie?s?|précédée?s?) (?:d'une?|par une?) autre\b",
    re.I,
)
# what says an event told is like others, not another one: "C'est une nouvelle saisie importante dans le département"
SAID_OF_THE_ONE_TOLD = re.compile(r"\b(?:c['’](?:est|était)|il s['’]agit|il s['’]agissait)\s+(?:d['’]\s*)?$", re.I)
# a sentence that opens on another search ("Lors d'une autre perquisition, …")
ANOTHER_OPERATION_OPENS = re.compile(
    r"\W*(?:lors|au cours|à l'occasion|dans le cadre) d'une? (?:autre|deuxième|seconde?|nouvelle) "
    rf"(?:{SEARCHES}|interventions?)\b",
    re.I,
)
# several shootings told as others than those told before ("trois autres épisodes de tirs ont suivi …")
OTHER_EPISODES = re.compile(r"\b(?:\w+ )?autres épisodes de (?:tirs|fusillades?|coups de feu)\b", re.I)


# an event told back, then another like it, unnamed ("Cette saisie a été suivie d'une autre, sans rapport"): the noun of
# the one told back is the other's
FOLLOWED = prefilter.compile(
    r"\b(?:cette|la|ce|le) (?P<noun>saisie|prise|fusillade|opération|coup de filet)\b[^.;]{0,40}?"
    r"\b(?:suivie?|précédée?) (?:d'une?|par une?) autre\b"
    r"(?=\s*(?:[,.;:!?)]|$)|\s+(?:à|au|le|la|dans|en|quelques|deux|trois|lundi|mardi|mercredi|jeudi|vendredi|"
    r"samedi|dimanche)\b)",
    re.I,
)


def followed(text: str) -> str:
    """`text` with the other event of "cette saisie a été suivie d'une autre" named ("… d'une autre saisie"), so that
    its trigger fires on a mention that is no back-reference and `another` tells it apart."""
    return FOLLOWED.sub(lambda m: f"{m.group(0)} {m.group('noun')}", text)


def like_the_first(clause: str, told: list[Event]) -> str:
    """The sentence of the latest seizure already told, when `clause` tells another seizure (`another`): a seizure
    told as another one of those ("une seconde saisie", "suivie d'une autre") need not name its goods to be one (the
    first named them); an empty string otherwise, and for a heading ("Un deuxième dispositif pour une nouvelle
    saisie": no sentence, it names what the paragraph below tells, where that seizure's place is said)."""
    if not re.search(r"[.!?…»]\s*$", clause):
        return ""
    seizures = [e for e in told if e.type == "seizure" and (e.drugs or e.cash_eur or e.weapons)]
    return seizures[-1].evidence if seizures and another(clause, "seizure") else ""


# one seizure said by its noun ("la première saisie", "le théâtre d'une belle saisie"), not a summary ("les principales
# interpellations et saisies effectuées"), and the next one the text tells
ONE_SEIZURE = re.compile(
    r"\b(?:une|la (?:première|deuxième|seconde|troisième|dernière))\s+(?:[\w-]+\s+)?saisie\b", re.I
)
SEIZURE_NOUN = re.compile(r"\bsaisies?\b|\bprises?\b", re.I)
SEIZED_AFTER = 600  # characters after the clause where its goods are told, at most


def dated_noun(clause: str, fired: list[str], ref: date, text: str) -> str:
    """What a seizure told by its noun alone in a clause dated to the day by its own words goes on to list, up to the
    next seizure the text tells ("La première saisie date du 3 mars, quand les douaniers fouillent un
    car à la frontière." … "Cachés sous les sièges, 20 pains de cannabis, soit 5 kg."): its goods are told in
    the sentences after it, in whatever paragraph. An empty string for any other clause."""
    if "seizure.saisie" not in fired or not ONE_SEIZURE.search(clause):
        return ""
    when = dates.resolve(clause, ref)
    if not when or when[0] is None or (when[1] - when[0]).days > 2:
        return ""
    at = text.find(clause)
    if at < 0:
        return ""
    after = text[at + len(clause) : at + len(clause) + SEIZED_AFTER]
    following = SEIZURE_NOUN.search(after)
    return after[: following.start()] if following else after


# an event told as the sequel of one told before it, whatever its type: its sentence opens on a lapse after it ("Deux
# heures plus tard, …", "Quelques jours après, …"; not "remis en liberté deux heures plus tard", a later step of one
# story), or its clause gives its rank in a sequence ("une seconde vague d'arrestations", "un second fait a eu lieu";
# not "deux tirs, puis trois dans un second temps", one shooting's shots) or more of what was just found ("une autre
# vingtaine de plants")
LAPSE = re.compile(
    r"^\W*(?:(?:et|puis|mais) )?(?:quelques|deux|trois|quatre|cinq|six|dix|\d+) "
    r"(?:instants|minutes|heures|jours|semaines) (?:plus tard|après)\b",
    re.I,
)
SEQUEL = re.compile(
    r"\bune? (?:deuxième|second|seconde|troisième) (?:vague|fait|épisode|volet)\b|"
    r"\bune autre (?:dizaine|vingtaine|trentaine|cinquantaine|centaine)\b",
    re.I,
)
SEQUEL_RULE = "counting.told_as_sequel"  # the name an event told so carries (Event.rules)


def sequel(clause: str, sentence: str = "") -> bool:
    """Whether an event's clause, or the sentence it is cut from, tells it as the sequel of one told before (`LAPSE`,
    `SEQUEL`): another event than those, even the same day in the same place (the README: separate incidents)."""
    return bool(LAPSE.search(plain(sentence or clause)) or SEQUEL.search(plain(clause)))


def another(clause: str, kind: str = "shooting", sentence: str = "") -> bool:
    """Whether an event's clause tells it as another one than those told before (counting.same keeps it apart, and
    operations.fold_arrests does not fold such an arrest into a seizure): a sequel of any type (`sequel`), another
    shooting, another operation."""
    if sequel(clause, sentence):
        return True
    text = plain(clause)
    if kind == "shooting":
        return bool(ANOTHER.search(text) or OTHER_EPISODES.search(text))
    if kind not in ("seizure", "arrest"):
        return False
    # "Lors d'une autre perquisition, … des munitions avaient été trouvées": the sentence opens on another operation
    # (not "C'est une nouvelle saisie", which says what the one told is)
    if any(not SAID_OF_THE_ONE_TOLD.search(text[: m.start()]) for m in ANOTHER_OPERATION.finditer(text)):
        return True
    return bool(ANOTHER_OPERATION_OPENS.match(plain(sentence)))


# a find named as what opened a case ("un dossier ouvert … à la suite de la découverte d'un stock d'armes", "l'enquête
# avait débuté après la saisie de 3 kilos"): an earlier event than the operation the sentence tells, whose arrests are
# not its own (operations.same_operation)
OPENED_BY = prefilter.compile(
    r"\b(?:à la suite|suite|après|consécutivement)\s+(?:de|à)\s+la\s+(?:découverte|saisie)\b", re.I
)


def opened_by(clause: str, fired: list[str]) -> bool:
    """Whether a seizure's clause names it only as the find that opened a case (`OPENED_BY`), its triggers the nouns
    of that phrase."""
    return bool(fired) and set(fired) <= {"seizure.decouvert", "seizure.saisie"} and bool(OPENED_BY.search(clause))


# a shooting told only as a plural of whole episodes after an indefinite quantifier ("plusieurs fusillades récentes",
# "de sanglants règlements de comptes depuis l'été", "trois épisodes qui ressemblent à des règlements de comptes"): a
# series, which sums up the shootings an article tells one by one when it tells some (`series_told_one_by_one`); "des
# tirs", "des coups de feu" are the plural of one episode, and are not read so
EPISODES = ("shooting.fusillade", "shooting.reglement_de_comptes")
QUANTIFIED = re.compile(
    r"(?:\b(?:des|de|plusieurs|quelques|nombreux|nombreuses|multiples|série de|vague de|\d+|deux|trois|quatre|"
    r"cinq|six|sept|huit|neuf|dix)|\bd')\s*(?:[\w-]+\s+){0,2}$",
    re.I,
)


# the noun of a run of episodes governing a plural of shots ("un cycle inquiétant de tirs", "une série de coups de
# feu", "la multiplication des fusillades"): a series whatever the word for the shots
SERIES_OF = re.compile(
    r"\b(?:cycles?|séries?|vagues?|succession|multiplication|recrudescence|escalade)\b[^.;,]{0,25}?"
    r"\b(?:de|des|d')\s*(?:[\w-]+\s+)?$",
    re.I,
)


def series(text: str, triggers) -> bool:
    """Whether a clause tells its shooting only as a series of episodes (EPISODES, plural, quantified; or any plural of
    shots governed by the noun of a run, `SERIES_OF`): `triggers` are the clause's triggers, read in `text`."""
    shots = [t for t in triggers if t.kind == "shooting"]
    return bool(shots) and all(
        text[t.start : t.end].split()[0].lower().endswith(("s", "x"))
        and (
            t.rule in EPISODES
            and QUANTIFIED.search(text[max(0, t.start - 40) : t.start])
            or SERIES_OF.search(text[max(0, t.start - 50) : t.start])
        )
        for t in shots
    )


def series_told_one_by_one(events: list[Event]) -> list[Event]:
    """A series of shootings (`series`) with no toll, in a département where the article tells a shooting of its own
    within the series' dates (any, when the series has no date of its own): the summary of those, no event (the
    README: a sentence that summarises events described elsewhere adds nothing)."""

    def summed_up(s: Event) -> bool:
        if not s.series or s.killed or s.injured:
            return False
        return any(
            o.type == "shooting"
            # a series with no date of its own ("plusieurs fusillades récentes") sums up one told with its own dates
            # and place ("plusieurs fusillades … au printemps dans le quartier de Pissevin")
            and (not o.series or (o.own_date and not s.own_date and o is not s))
            and o.departement == s.departement
            and (not s.own_date or overlaps(s.date_start, s.date_end, o.date_start, o.date_end))
            for o in events
        )

    return [e for e in events if not summed_up(e)]


def _key(e: Event) -> tuple:
    return (e.type, e.commune, e.departement, e.date_start, e.date_end)


# a sentence that names a whole year as its period ("les chiffres de l'année 2024", "en 2025", "l'an dernier")
WHOLE_YEAR = re.compile(
    r"\b(?:en|de l['’]année|sur l['’]année) (?:19|20)\d{2}\b|\bl['’](?:an|année) (?:dernier|dernière|passée?)\b", re.I
)


def told_as_event(e: Event) -> bool:
    """Whether a mention tells one event, not a figure: dated by its own words to the month at least ("ce vendredi 22
    décembre 2017", "en octobre 2019"); or, in a commune, in a sentence that names no whole year, dated to the day or
    week (by its paragraph: "Ce même lundi, à Honfleur, …" ¶ "Ont été saisis 96 g d'héroïne"), or measured by goods of
    its own ("la saisie de 74 grammes de cannabis") or persons counted ("récemment, sept hommes arrêtés à Bastia")
    and not dated by its paragraph only. A year's figures ("47 kilos saisis dans le département en 2025"), an area's,
    a month's national ones (its paragraph's "En janvier 2022" ¶ "237 kg … saisis, dont 657 000 à Paris") and goods
    counted in no amount ("des armes ont été saisies en nombre") are none."""
    if e.own_date and e.time_precision in ("day", "week", "month"):
        return True
    if e.commune is None or WHOLE_YEAR.search(plain(e.evidence)):
        return False
    measured = (
        any(d["quantity"] is not None for d in e.drugs)
        or e.cash_eur
        or any(w.get("count") for w in e.weapons)
        # "Récemment, sept hommes ont été interpellés à Bastia": persons counted in a commune (not points de deal)
        or (e.count and e.type in ("arrest", "seizure"))
    )
    return e.time_precision in ("day", "week") or bool(measured and (e.date_start is None or e.own_date))


def dated(mentions: list[Event]) -> dict[tuple, list[str]]:
    """The mentions an article-level gate lets through, before they merge (`told_as_event`), each with its sentence."""
    told: dict[tuple, list[str]] = {}
    for e in mentions:
        if told_as_event(e):
            told.setdefault(_key(e), []).append(e.evidence)
    return told


def gated(title: str, lead: str, gate: str, lead_gate: str) -> bool:
    """Whether an article is a round-up, a policy, trial or opinion piece (the article-level gate): its headline (else
    its first sentence) says so by a `gate` rule, or its headline or first sentence by a `lead_gate` rule (a statistics,
    policy or prevention piece: "Auxerre : 1,4 million d'euros pour la sécurité" opening on "Le conseil municipal a
    adopté un plan …"); a trial word in a news lead ("déférés au tribunal") is no trial piece."""
    head, first = plain(title or ""), plain(lead)
    return bool(re.search(gate, head or first, re.I) or re.search(lead_gate, f"{head}\n{first}", re.I))


def through_gate(events: list[Event], told: dict[tuple, list[str]]) -> list[Event]:
    """The merged events of a statistics, policy, trial or opinion piece that one of their own mentions dates
    (`dated`): the merged event keeps the most precise date of its mentions, so a trial article whose first mention
    is undated ("à cette époque, le préfet parle d'un règlement de comptes") still gives the shooting it dates
    below, with that sentence as its evidence. Tallies, yearly figures and undated activity are no events."""
    out = []
    for e in events:
        # a seizure that took in an arrest told as an event (operations.fold_arrests, its count the arrest's persons)
        # has that arrest's place and day
        folded = ("arrest", *_key(e)[1:]) if e.type == "seizure" and e.count else None
        key = next((k for k in (_key(e), folded) if k in told), None)
        if key is not None:
            if e.evidence not in told[key]:
                e.evidence = told[key][0]
            out.append(e)
    return out


# the motives that make violence no trade's (rules/exclusions.toml, sentence.unrelated.*: "un drame conjugal")
UNRELATED = [p for n, p in EXCLUSIONS.rules.get("sentence", ()) if n.startswith("sentence.unrelated.")]
# the article says its violence has no tie to the trade (rules/exclusions.toml, sentence.unrelated.aucun_sans_aucun)
DENIED = re.compile(dict(EXCLUSIONS.rules["sentence"])["sentence.unrelated.aucun_sans_aucun"], re.I)
# fire that is no firearm's: mortars and fireworks ("des tirs de mortier dirigés vers l'hôtel de police")
MORTAR = re.compile(r"\btirs? de (?:mortiers?|feux? d'artifice)|\bmortiers? d'artifice", re.I)
FIREARM = re.compile(
    r"\bballes?\b|arme à feu|armes? de poing|pistolet|revolver|fusil|kalachnikov|douilles?|calibre|coups? de feu|"
    r"fusillade|par balles?|ouvert le feu",
    re.I,
)


def not_the_trades(title: str, text: str, events: list[Event], ling=None) -> list[Event]:
    """The events of an article without the violence it says is no trade's: every shooting, intimidation and arrest
    when the headline names another motive ("Saint-Dizier : coups de feu au Vert-Bois, un drame conjugal selon le
    parquet"), or when they are all the article tells and it says they have no tie to the trade ("… n'a cette fois
    aucun lien avec le trafic selon les autorités"; an article that also tells a seizure or a point de deal says so
    of one incident among others), and the shootings told by a bare "tirs" in an article whose fire is mortars' or
    fireworks' and that names no firearm ("Le commissariat ciblé par des tirs de mortier" … "Un des tirs a atteint
    la porte"): those are the intimidation told, which takes their toll ("Personne n'a été blessé") when it has
    none. The denial is also read from the parse (`ling`, rules/words.toml trade.denied): "les enquêteurs ne voient
    pas une rixe ou un trafic de drogue"."""
    headline = plain(title or "")
    if any(re.search(p, headline, re.I) for p in UNRELATED):
        return [e for e in events if e.type not in ("shooting", "intimidation", "arrest")]
    if all(e.type in ("shooting", "intimidation", "arrest") for e in events) and (
        DENIED.search(plain(text)) or (ling is not None and _trade_denied(plain(text), ling))
    ):
        return []  # "Ce quartier, connu pour certains trafics, n'a cette fois aucun lien avec le trafic": its violence
    whole = plain(f"{title}\n{text}")
    if not MORTAR.search(whole) or FIREARM.search(whole):
        return events
    out = []
    for e in events:
        # (its trigger rules: what counting added, "counting.nobody_hit_in_paragraph", says nothing of the fire)
        if e.type == "shooting" and {r for r in e.rules if not r.startswith("counting.")} <= {"shooting.tir"}:
            same = [
                i
                for i in events
                if i.type == "intimidation"
                and i.commune == e.commune
                and overlaps(i.date_start, i.date_end, e.date_start, e.date_end)
            ]
            for i in same[:1]:
                i.killed = e.killed if i.killed is None else i.killed
                i.injured = e.injured if i.injured is None else i.injured
            continue
        out.append(e)
    return out


# a sentence that may deny the trade: a negation and the trade's noun (the parse decides: trade.denied)
MAY_DENY = re.compile(r"\bn(?:e\b|['’])[^.!?]*\b(?:narco)?trafics?\b", re.I)


DENIALS = ("trade.denied", "trade.denied_with_another", "trade.denied_with_another_further")  # rules/words.toml


def _trade_denied(text: str, ling) -> bool:
    """Whether a sentence of `text` denies, by its parse, that its violence is the trade's (rules/words.toml:
    `DENIALS`)."""
    return any(
        any(ling.says(name, s) for name in DENIALS) for s in re.split(r"(?<=[.!?])\s+", text) if MAY_DENY.search(s)
    )


def summaries(events: list[Event]) -> list[Event]:
    """The events without a seizure told only as a summary over an area ("Plusieurs quartiers ciblés … De la drogue a
    été saisie, ainsi que plusieurs motos", placed in the pays or département: nothing measured, nobody counted) when
    the article tells a seizure in a commune of that département, or at a locality there, within a week: the summary
    adds nothing (the README: a sentence that summarises events described elsewhere)."""

    def vague(e: Event) -> bool:
        return (
            e.type == "seizure"
            and e.departement is not None
            and not e.another  # "suivie d'une autre": no summary of the one before
            and not any(d["quantity"] is not None for d in e.drugs)
            and e.cash_eur is None
            and not e.count
            and not any(w.get("count") for w in e.weapons)
        )

    def near(a: Event, b: Event) -> bool:
        if a.date_start is None or b.date_start is None:
            return True
        return abs((a.date_start - b.date_start).days) <= 7

    return [
        e
        for e in events
        if not (
            vague(e)
            and any(
                o is not e
                and o.type == "seizure"
                # placed in a commune, or at a locality by one ("sur l'aire de la Malterie, à hauteur de Montierchaume")
                and (o.commune is not None or (o.geo_precision or 3) < 3)
                and (o.commune == e.commune or e.commune is None)
                and o.departement == e.departement
                and not vague(o)
                and near(o, e)
                for o in events
            )
        )
    ]


def _same_days(a: Event, b: Event) -> bool:
    """Dates that may be one event's: one of the two undated, or the intervals overlapping."""
    if a.date_start is None or b.date_start is None:
        return True
    return overlaps(a.date_start, a.date_end, b.date_start, b.date_end)


def _near(e: Event, o: Event, near_towns) -> bool:
    """Whether `o` is in a commune within AREA_TOWN_KM of the town `e` was told near (places.Gazetteer.near_towns)."""
    return (
        near_towns is not None
        and e.near is not None
        and o.commune is not None
        and near_towns(o.commune, [e.near], AREA_TOWN_KM)
    )


def told_broadly(events: list[Event], near_towns=None) -> list[Event]:
    """The events without the lead's broad telling of one the body places in a commune (the README: repeated
    mentions of one event are one): a shooting or intimidation placed only in a département or area ("Une nouvelle
    fusillade a fait deux blessés dans la banlieue grenobloise, dans la nuit du samedi 14 …") when the article tells
    one of its type in a commune of that département on overlapping dates ("… des tirs de kalachnikov ont traversé le
    hall d'un immeuble de Fontaine"), its toll and date going to that one where they say more; and an undated seizure
    placed only in a département whose amounts are those of a dated one told there ("553 kg de pollen de cannabis
    saisis" in the headline, "… ont été saisis" on the day below). A shooting told near a town ("des tirs devant un bar
    près de Valence (Drôme)") is the one told in a commune within AREA_TOWN_KM of that town, in whatever département
    ("devant un bar de Saint-Péray (Ardèche)"; `near_towns`: places.Gazetteer's). A seizure of a département stays
    beside one of its communes (an operation over several communes, a commune told of one of its searches), and so
    does a mention told as another event ("une autre fusillade"), and a toll of several told over the area ("Sept
    fusillades … dans l'agglomération grenobloise": geography.SERIES), of which the commune's is one."""
    out = []
    for e in events:
        if e.commune is not None or e.another or re.search(SERIES, e.evidence or "", re.I):
            out.append(e)
            continue
        amounts = e.amounts()
        same = [
            o
            for o in events
            if o is not e
            and o.type == e.type
            and (e.departement is None or o.departement == e.departement or _near(e, o, near_towns))
            and _same_days(e, o)
            and (
                (e.type in ("shooting", "intimidation") and o.commune is not None)
                or (
                    e.type == "seizure"
                    and o.commune is None
                    and e.date_start is None
                    and o.date_start is not None
                    and amounts
                    and all(abs((o.amounts().get(k) or 0) - q) <= 0.02 * q for k, q in amounts.items())
                )
            )
        ]
        if not same:
            out.append(e)
            continue
        if e.type in ("shooting", "intimidation"):  # the broad telling's toll when it counts more: the lead's whole
            # toll ("Trois personnes ont été blessées") over a body's one victim ("Un homme touché à la tête")
            for key in ("killed", "injured"):
                told = getattr(e, key)
                if told is not None and (getattr(same[0], key) is None or told > getattr(same[0], key)):
                    setattr(same[0], key, told)
        if same[0].date_start is None and e.date_start is not None:  # the date the broad telling gave
            same[0].date_start, same[0].date_end = e.date_start, e.date_end
    return out


def heard_again(clause: str, own_places: list, own_when, told: list[Event], ling) -> bool:
    """Whether a clause that tells shots someone heard is a witness's account of the shooting already told, not one
    of its own: it has no date of its own, and either no place of its own ("« On a entendu quatre ou cinq
    détonations, puis des cris. »") or says what one hears as a rule ("on entend des tirs comme dans un quartier de
    Marseille"). Shots heard on another occasion ("d'autres tirs sont entendus juste à côté") or at a place of their
    own ("des tirs ont encore été entendus, cette fois vers Bissy") are events. The words are lemma
    patterns of rules/words.toml (`ling`: linguistics.Linguistics): shots.heard, shots.heard_as_a_rule."""
    text = plain(clause)
    if own_when is not None or not ling.says("shots.heard", text) or another(text):
        return False
    if not any(e.type == "shooting" for e in told):
        return False
    return not own_places or ling.says("shots.heard_as_a_rule", text)


# shootings introduced by a definite article with a relative clause of their own ("les fusillades qui ont éclaté
# récemment au Petit Caporal et à Plaisance"): when the article has told no shooting before, nothing is referred back
INTRODUCED = prefilter.compile(
    r"\bles (?=(?:fusillades|tirs|coups de feu) (?:qui (?:ont|avaient) (?:éclaté|retenti|visé|fait)|survenu(?:e)?s)\b)",
    re.I,
)


def introduced(text: str) -> str:
    """`text` with "les fusillades qui ont éclaté …" read as "des fusillades …" (extract.BACK_REFERENCE blanks the
    definite one as a shooting already told): for an article that has told no shooting yet."""
    return INTRODUCED.sub("des ", text)


# the one who shot, named by the shots ("l'auteur des coups de feu a pris la fuite", "les auteurs du coup de feu"):
# in an article that has told a shooting, that shooting again, not one more
TOLD_AGAIN_SHOTS = prefilter.compile(
    r"\bauteurs? (?:présumés? )?(?:des|du|de la) (?:tirs?|coups? de feu|fusillades?)\b"
    r"(?! (?:mortel|qui|survenu|de \w+di))"
    # and the shooting itself, named again by a definite article: "le tir aurait pu viser", "depuis la fusillade"
    # (not the shooting told again with its place or day: "la fusillade, qui a éclaté à Saint-Péray", "le tir de mardi")
    r"|\b(?:le|du|au) (?:tir|coup de feu)\b(?!,? (?:de|d['’]|du|qui|survenu|mortel|a éclaté)\b)"
    r"|\b(?:la|de la) fusillade\b(?!,? (?:de|d['’]|du|qui|survenue|mortelle|a éclaté)\b)",
    re.I,
)


def without_shooting_told_again(text: str) -> str:
    """`text` without the shooting it names again ("l'auteur des coups de feu, arrêté deux semaines plus tard", "le tir
    aurait pu viser un guetteur"): for an article that has told a shooting already, whose dates would make it
    another."""
    return TOLD_AGAIN_SHOTS.sub(lambda m: " " * len(m.group(0)), text)


# goods told as seized with a definite article ("on ne connaît pas encore les volumes saisis", "la drogue saisie sera
# détruite"): when the article has told no seizure before, the first mention of one, not a back-reference
INTRODUCED_GOODS = re.compile(
    r"(?:\b(?:les|la|le)\s+|\bl')"
    r"(?=(?:(?!ont\b|a\b|avait\b|avaient\b|sont\b|est\b|été\b|était\b|étaient\b)[\w-]+ ){1,3}"
    r"(?:saisi(?:e|s|es)?|découverte?s)\b(?! (?:par|à|au|en|dans|lors)\b))",
    re.I,
)


def introduced_goods(text: str) -> str:
    """`text` with "les volumes saisis" read as "des volumes saisis" (extract.BACK_REFERENCE blanks the definite one as
    goods already told): for an article that has told no seizure yet."""
    return INTRODUCED_GOODS.sub("des ", text)


# several shootings, one per place and date, told in order: "les fusillades … au Petit Caporal et à Plaisance, qui ont
# fait deux blessés le 30 et 31 juillet", "les deux autres victimes par balles survenues vendredi 12 mai sur un
# rond-point …, et la veille dans le quartier des Fontbarlettes"
PLURAL = re.compile(r"\b(?:fusillades|tirs|coups de feu|victimes par balles?|règlements de comptes)\b", re.I)
DAYS = re.compile(rf"\b(?:les?|du) (\d{{1,2}}|1er) et (?:le |du )?(\d{{1,2}}) {dates.M}(?: (\d{{4}}))?", re.I)
EVE = re.compile(r",? et (?P<when>la veille|le lendemain)\b", re.I)


def apart(mentions: list[tuple]) -> list:
    """The places of a clause's mentions (geography.ArticlePlaces.mentions: rank, position, place) in the order they
    are named, each name once; a town is left out when districts are named ("à Pissevin, à Nîmes, et à Valdegour":
    the two districts)."""
    ordered = sorted(mentions, key=lambda m: m[1])
    districts = {place.code for rank, _, place in ordered if rank == 0}
    out, seen = [], set()
    for rank, _, place in ordered:
        if place.text in seen or (rank != 0 and place.code in districts):
            continue
        seen.add(place.text)
        out.append(place)
    return out


# two shootings counted in one clause ("les deux autres victimes par balles survenues vendredi 12 mai …, et la veille
# dans le quartier des Fontbarlettes"): with "la veille" / "le lendemain", one on each date
TWO_TOLD = re.compile(
    r"\bdeux (?:autres )?(?:victimes par balles?|fusillades|règlements de comptes|blessés par balles?)\b", re.I
)


def _eve(t: str, ref: date, anchor: dates.Interval | None) -> list[dates.Interval]:
    """A day, then the day before or after it ("vendredi 12 mai …, et la veille"): two dates; else none."""
    m = EVE.search(t)
    if not m:
        return []
    first = dates.resolve(t[: m.start()], ref, anchor)
    if not first or first[0] is None or first[0] != first[1]:
        return []
    step = timedelta(days=-1 if m.group("when").lower() == "la veille" else 1)
    return [first, (first[0] + step, first[0] + step)]


def paired(clause: str, n: int, ref: date, anchor: dates.Interval | None) -> list[dates.Interval]:
    """The dates of a clause that tells `n` shootings in `n` places, one date each in the order of the places (two
    days of a month, or a date then "la veille" / "le lendemain"); an empty list when it does not."""
    t = plain(clause)
    if n != 2 or not PLURAL.search(t):
        return []
    m = DAYS.search(t)
    if m:
        month = dates.MONTHS.index(m.group(3).lower()) + 1
        year = int(m.group(4)) if m.group(4) else dates.recent_month(month, ref)
        days = [1 if d == "1er" else int(d) for d in (m.group(1), m.group(2))]
        try:
            told = [date(year, month, d) for d in days]
        except ValueError:
            return []
        return [(d, d) for d in told] if told[0] != told[1] else []
    return _eve(t, ref, anchor)


# the event a sentence that tells none opens with, as its background: "Après le coup de filet du 14 mai dans le
# quartier des Provinces à Cherbourg, quatre hommes ont été condamnés lundi …", "Suite au coup de filet le 28 juillet
# dernier dans le quartier de la Bouletterie, trois dealers sont passés en comparution immédiate"
BACKGROUND = re.compile(
    r"^\s*(?:(?:Après|Suite à|À la suite de|Au lendemain de)\s+(?=(?:le|la|les|un|une)\b|l')|"
    r"(?:Après|Suite|À la suite|Au lendemain) (?:au|aux|du|des)\s+)"
    r"(?P<told>[^,;:]{10,200}?),",
    re.I,
)


def background(sentence: str, ref: date) -> str | None:
    """The dated event a sentence that tells no event itself (a judicial step) opens with, told as its background
    ("Après le coup de filet du 14 mai dans le quartier des Provinces, quatre hommes ont été condamnés"): the phrase,
    when it carries a date; None otherwise ("Après deux heures de délibéré, …", "Après l'arrestation de quatre
    individus, …")."""
    m = BACKGROUND.search(sentence)
    if not m or dates.resolve(m.group("told"), ref) is None:
        return None
    return m.group("told")


# a person's judicial past told beside them: "un guetteur, qui sortait de prison après une peine pour trafic, a
# été abattu", "Un jeune de 22 ans, déjà condamné pour trafic, a été blessé par balles"
RECORD = re.compile(  # the persons' words are the value rules' (rules/values.toml, person)
    rf"(?P<who>\b(?:{quantities.PERSON}|victimes?|trentenaires?|quadragénaires?|pères?|fils|\d+ ans))\s*,\s*"
    r"(?:qui |déjà |lui-même |elle-même |récemment |connue? )"
    r"[^,;.]{0,140}?\b(?:peines?|condamn\w*|prison|détention|incarcér\w*|casier)\b[^,;.]{0,80},\s*",
    re.I,
)


def without_record(sentence: str) -> str:
    """The sentence without the judicial past of a person it names ("un guetteur, qui sortait de prison après une
    peine pour trafic, a été abattu"): that past is no trial the sentence tells, so the judicial exclusions
    (rules/exclusions.toml, sentence.judicial.*) read the rest."""
    return RECORD.sub(lambda m: m.group("who") + " ", sentence)

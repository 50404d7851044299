"""How many events an article tells, and with which values: mentions of one event merged (the lead's "plus de 300
kilos" and the body's "380 kilos" are one seizure, with the exact amount), details of a sentence with no event of its
own added to the event they belong to ("Personne n'a été blessé."), and the arrests of a seizing operation folded into
its seizure's count. The README's rules "One event or several" and "fields from the most precise mention"."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from vigie.geo.names import name_key
from vigie.press import dates, operations, prefilter, quantities, territory
from vigie.press.schema import Event, apart_in_time, overlaps

APPROXIMATE = quantities.VALUES.approximate  # an amount said roughly: the same amount said exactly elsewhere wins
VALUES_FOUND = quantities.VALUES["found"]
TOLL = ("killed", "injured")
# drugs named in general ("la drogue saisie", "des produits stupéfiants"; not an "Office anti-stupéfiants")
DRUGS_SAID = re.compile(r"(?<![\w-])(?:drogues?|stupéfiants?)\b", re.I)
# a time told back from the article's date: "il y a une semaine", "voici trois jours", "il y a deux mois"
AGO = r"\b(?:il y a|voici) (?:\w+ ){1,2}?(?:jours?|semaines?|mois)\b"
ALSO = r"\b(?:aussi|également|en outre|de plus|en plus)\b"  # more of what the operation seized
# a mention told as the day before or after the one just told: another day, so another event
NEXT_DAY = (
    r"\W*(?:le lendemain|la veille|le surlendemain|l'avant-veille|"
    r"(?:deux|trois|quatre|cinq) jours (?:plus tard|après))\b"
)
TOLL_TYPES = ("shooting", "intimidation")
PACKS, INDEFINITE = (
    quantities.VALUES["packs"],
    quantities.VALUES["indefinite"],
)  # a sentence that tells what was found or seized


def values(event: Event, clause: str, sentence: str, single: bool, untriggered: Callable[[], list[str]]) -> None:
    """The values of an event just found in `clause` of `sentence`: casualties (from the clause when the sentence
    tells several events, else from the sentence; a toll in a clause of its own, "Cinq blessés, dont un décédé : c'est
    le bilan de la fusillade", from the sentence's `untriggered` clauses), drugs, cash, weapons, persons arrested, and a
    dealing point's action and number."""
    kind = event.type
    if kind in ("shooting", "intimidation") and not quantities.VALUES["tally"].search(sentence):
        paired = quantities.VALUES["victims_paired"].search(quantities.plain(sentence))  # a pair the clauses cut
        event.killed, event.injured = quantities.casualties(sentence if single or paired else clause)
        event.hit = quantities.hit_count(sentence if single or paired else clause)
        if not single and event.killed is None and event.injured is None:
            event.killed, event.injured = quantities.casualties(" ; ".join(untriggered()))
        elif not single and (event.killed is None) != (event.injured is None):
            # "un homme a été tué par balle et deux de ses amis ont été légèrement blessés": the toll of the clauses
            # after it that tell no event of their own completes the category the event's clause did not state (not
            # a toll told before it: "quatre personnes ont perdu la vie …, et de nouveaux coups de feu ont fait …")
            # ("un client a perdu la vie et deux autres ont été touchés pendant les tirs": the clause before, too, when
            # the event's clause counts the "others")
            at = sentence.find(clause)
            # (or "deux de ses amis", "trois d'entre eux": the others of the clause before)
            others = re.match(
                r"\s*(?:et\s+)?(?:l['’]|un|une|deux|trois|quatre|cinq|\d+)\s+"
                r"(?:autres?\b|de (?:ses|leurs) \w+|d['’]entre eux\b)",
                clause,
                re.I,
            )
            told = [u for u in untriggered() if sentence.find(u) > at >= 0 or (others and 0 <= sentence.find(u) < at)]
            killed, injured = quantities.casualties(" ; ".join(told))
            event.killed = event.killed if event.killed is not None else killed
            event.injured = event.injured if event.injured is not None else injured
    if kind == "seizure":
        event.drugs = quantities.drugs(sentence)
        event.cash_eur = quantities.cash(sentence)
        event.count = quantities.arrested(sentence)
    if kind in ("seizure", "shooting", "intimidation"):
        event.weapons = quantities.weapons(sentence, seized=kind == "seizure")
    if kind == "arrest":
        event.count = quantities.arrested(sentence)
    if kind == "dealing_point":
        low = clause.lower()
        event.action = (
            "appeared"
            if re.search(r"apparu|installé|reconstitu|" + territory.OPENED + r"|implant|réinstall|rouvert|depuis", low)
            and not re.search(r"démant[eè]l|fermé|tombé|mis fin|" + territory.DISMANTLED_MORE, low)
            else "dismantled"
            if re.search(r"démant[eè]l|fermé|tombé|fermer|fermeture|mis fin|" + territory.DISMANTLED_MORE, low)
            else "appeared"
        )
        m = re.search(rf"({quantities.NUM})\s+points? de", low)
        event.count = (
            (int(quantities.number_word(m.group(1)) or 0) or None)
            if m
            else (None if re.search(r"quelques|des points|plusieurs", low) else 1)
        )


def listed_goods(event: Event, around: str) -> None:
    """A seizure whose sentence names no goods ("C'est le résultat des perquisitions conduites jeudi") takes those the
    sentences next to it list (operations.listed_nearby: "Trois cents grammes d'héroïne et 1 800 euros."): its drugs,
    cash and arms."""
    if event.type != "seizure" or not around or event.drugs or event.cash_eur is not None:
        return
    event.drugs = quantities.drugs(around)
    event.cash_eur = quantities.cash(around)
    if not event.weapons:
        event.weapons = quantities.weapons(around, seized=True)


def same(a: Event, b: Event) -> bool:
    """Two mentions of one event: same type and place, nested dates (`nested`), and not told as two; or one seizure
    told twice by its goods (`same_goods`), wherever each mention was placed."""
    if same_goods(a, b) or arrest_retold(a, b):
        return True
    if a.type != b.type or a.commune != b.commune or (a.commune is None and a.departement != b.departement):
        return False
    if a.type == "dealing_point" and a.action != b.action:
        return False
    if b.another and a.evidence != b.evidence:
        # "le deuxième épisode … : d'autres tirs …", "un autre réseau": told as another event (recalls.another) than
        # any told before; its own sentence's places are still one event when they are one place
        return False
    if arrest_undated_again(a, b):
        return True
    distinct_places = (
        a.place
        and b.place
        and name_key(a.place) not in name_key(b.place)
        and name_key(b.place) not in name_key(a.place)
        and not town_and_district(a, b)
        # a place the mention's own sentence does not name, carried from the sentences before it, tells no other place
        # on dates inside the other's ("… dans la nuit de samedi à dimanche aux Minguettes" ¶ "Dimanche matin, des
        # habitants se sont rassemblés devant la tour où le jeune homme a été abattu"); a span around them ("des tirs
        # auxquels le quartier est habitué depuis novembre 2014") is no retelling
        and not any(x.carried and (x.date_start is None or dated_within(x, y)) for x, y in ((a, b), (b, a)))
    )
    if distinct_places and (a.date_start != b.date_start or a.date_start is None):
        return False  # told in other places on other (or vague) dates: two events
    if a.own_date and b.own_date and (a.date_start is None) != (b.date_start is None):
        return False  # "ces dernières semaines" and "le 3 janvier", each said of its own event: two events
    if told_elsewhen(a, b) or told_elsewhen(b, a):
        return False  # "Lors des perquisitions, 10 kg …" in the story of July, and "la saisie des 28 et 29 mai"
    if (
        None not in (a.date_start, b.date_start)
        and a.date_start != b.date_start
        and any(re.match(NEXT_DAY, x.evidence or "", re.I) for x in (a, b))
    ):
        return False  # "dans la nuit du 24 au 25 janvier" … "Le lendemain, des coups de feu …": the day after, another
    if a.date_start is None and b.date_start is not None and re.match(NEXT_DAY, b.evidence or "", re.I):
        return False  # "ils découvrent 85 g de résine" … "Le lendemain matin, ils trouvent 60 g": a day after it
    if other_victims(a, b) and None not in (a.date_start, b.date_start) and a.date_start != b.date_start:
        return False  # "deux blessés dans la nuit de samedi à dimanche" and "un mort dimanche soir": two shootings
    if any((getattr(a, k) == 0) != (getattr(b, k) == 0) and None not in (getattr(a, k), getattr(b, k)) for k in TOLL):
        return False  # "il n'y a pas eu de blessé" and "grièvement blessé par balle": not one shooting
    return nested(a, b)


def same_goods(a: Event, b: Event) -> bool:
    """Two seizure mentions that weigh the same goods to the gram on dates that overlap are one seizure told twice,
    whatever places each was read with ("Elles ont découvert 42 kilos d'herbe" placed by the motorway,
    "Il transportait 42 kilos d'herbe de cannabis" at its rest area; "Les douaniers ont surtout trouvé
    730 grammes de cocaïne" and "… les douaniers saisissent 730 grammes de cocaïne"): the same measured drugs, each
    with its quantity and unit. Not a part of them: a headline's sum ("Plus de 60 kg de cannabis et 2,1 kg de cocaïne
    saisis") is not the pirogue's "60 kg de cannabis" told below it. Whatever their dates when only one mention dates
    itself, the other dated by its paragraph or the article ("Depuis le début de l'opération, les enquêteurs ont saisi
    300 grammes de cocaïne" and "La première saisie remonte au mardi 6 mai : 300 grammes de cocaïne")."""
    if a.type != "seizure" or b.type != "seizure":
        return False
    if a.own_date == b.own_date and not overlaps(a.date_start, a.date_end, b.date_start, b.date_end):
        return False
    mine = a.amounts()
    return bool(mine) and mine == b.amounts()


def arrest_retold(a: Event, b: Event) -> bool:
    """An arrest told in a sentence that names no place (its place carried from the sentences before it) on the day
    another arrest is told with a place of its own, the persons not counted otherwise, is that arrest told again:
    "Un suspect a été interpellé mardi." after the shootings of Saint-Jean, and "Mardi après-midi, un jeune homme de
    19 ans … a été interpellé à Creil" (one arrest, at Creil)."""
    if a.type != "arrest" or b.type != "arrest" or a.carried == b.carried:
        return False
    if a.date_start is None or (a.date_start, a.date_end) != (b.date_start, b.date_end) or a.time_precision != "day":
        return False
    return None in (a.count, b.count) or a.count == b.count


def arrest_undated_again(a: Event, b: Event) -> bool:
    """An arrest told with no date at all (no start, none of its own) in the commune of an arrest the article dates is
    that arrest told again, whatever district or group it names ("le chef de la bande des Tilleuls figure parmi les
    personnes arrêtées", after "Six hommes ont été interpellés mardi à Nîmes"): the README's repeated mentions of one
    event. An arrest recalled from another time says when; one told as another ("un autre réseau") stays apart."""
    if a.type != "arrest" or b.type != "arrest" or a.commune is None or a.commune != b.commune:
        return False
    return any(x.date_start is None and not x.own_date and y.date_start is not None for x, y in ((a, b), (b, a)))


# a sentence that dates what was just told without telling it again: "Les faits se sont produits jeudi en fin de
# soirée", "La scène s'est déroulée vers 23 heures samedi", "Cela s'est passé dans la nuit de samedi à dimanche"
DATES_IT = re.compile(
    r"^\W*(?:les faits|la scène|cela|ça|tout|l'agression|l'attaque|le drame)\b.{0,30}?"
    r"\b(?:se sont (?:produits|déroulés|passés)|s'est (?:produite?|déroulée?|passée?)|ont eu lieu|a eu lieu|"
    r"remontent|remonte|datent|date)\b",
    re.I,
)


def dated_by(event: Event, sentence: str, ref: date) -> None:
    """The event just told, with no date of its own, takes the date of a sentence that only dates it ("Un homme a été
    tué par balles à Fort-de-France, a indiqué dimanche une source policière." ¶ "Les faits se sont produits jeudi en
    fin de soirée à Bô Kannal")."""
    if event.own_date or not DATES_IT.search(quantities.plain(sentence)):
        return
    when = dates.resolve(sentence, ref)
    if when and when[0] and (when[1] or ref) <= ref:
        event.date_start, event.date_end, event.own_date = when[0], when[1], True


def another_time(when: dates.Interval | None, event: Event) -> bool:
    """A sentence's own dates lie further from an event's than an operation's steps do (rules/operations.toml, [fold]):
    "Le principal suspect avait été arrêté il y a trois ans", after Thursday's operation, is told of another time, so
    another event, not the event's persons (the README: incidents on different dates are different events). False
    when a bound is unknown."""
    if not when or None in (when[0], when[1], event.date_start, event.date_end):
        return False
    days = timedelta(days=operations.RULES.fold_days)
    return when[1] < event.date_start - days or when[0] > event.date_end + days


def told_elsewhen(undated: Event, dated: Event) -> bool:
    """A mention with no date of its own, nor its paragraph's, is of the story the article was telling when it came
    (extract.py: `story_date`, the date of the latest event told): "Mardi 30 juillet, deux hommes ont été interpellés" …
    "Lors des perquisitions, les enquêteurs ont saisi 10 kg" is of July, not the seizure of May recalled below it; a
    dated mention more than an operation's steps away from that story (rules/operations.toml, [fold]) is another
    event."""
    story = undated.story_date
    if undated.date_start is not None or undated.own_date or dated.date_start is None or not story:
        return False
    return another_time(story, dated)


def dated_within(inner: Event, outer: Event) -> bool:
    """Are `inner`'s dates known and within `outer`'s (an open bound of `outer` holds any)?"""
    return (
        inner.date_start is not None
        and inner.date_end is not None
        and (outer.date_start is None or outer.date_start <= inner.date_start)
        and (outer.date_end is None or inner.date_end <= outer.date_end)
    )


def town_and_district(a: Event, b: Event) -> bool:
    """One mention names the town ("Roanne : des menaces …"), the other a district of it ("le quartier du Parc"), and
    the town's says no more: no date of its own or one inside the district's, no victims of another kind. One place
    told more or less precisely, not two (extract.py marks a district's events)."""
    if a.district == b.district:
        return False
    town, district = (b, a) if a.district else (a, b)
    # a start the district's mention leaves open is open when it tells no toll of its own ("les auteurs du coup de feu
    # n'avaient pas été retrouvés"), not when it counts victims ("blessé … à l'issue d'une seconde fusillade")
    untold = district.killed is None and district.injured is None
    inside = (
        None not in (town.date_start, town.date_end, district.date_end)
        and (district.date_start is None and untold or district.date_start and district.date_start <= town.date_start)
        and town.date_end <= district.date_end
    )
    return (town.date_start is None or inside) and not other_victims(a, b)


def other_victims(a: Event, b: Event) -> bool:
    """Each mention has a toll of its own and neither has the other's kind of victim: (injured 2) and (killed 1)
    are two shootings' tolls, (killed 1, injured 2) and (killed 1) one told twice."""
    if a.type not in ("shooting", "intimidation"):
        return False
    kinds_a = {k for k in ("killed", "injured") if getattr(a, k)}
    kinds_b = {k for k in ("killed", "injured") if getattr(b, k)}
    return bool(kinds_a) and bool(kinds_b) and not kinds_a & kinds_b


def umbrellas(events: list[Event]) -> list[Event]:
    """A mention whose dates span two or more events of its type and place told apart on other days ("deux personnes
    blessées mardi et mercredi" above "Mardi, une fusillade …" and "Le lendemain, des coups de feu …") sums them
    up: it adds nothing (the README: a sentence that summarises events described elsewhere)."""

    def inside(inner: Event, outer: Event) -> bool:
        return (
            inner.date_start is not None
            and inner.date_end is not None
            and outer.date_start <= inner.date_start
            and inner.date_end <= outer.date_end
            and (inner.date_start, inner.date_end) != (outer.date_start, outer.date_end)
        )

    out = []
    for u in events:
        if u.date_start is not None and u.date_end is not None and u.date_start != u.date_end:
            within = [
                e
                for e in events
                if e is not u
                and e.type == u.type
                and e.commune == u.commune
                and e.departement == u.departement
                and inside(e, u)
            ]
            if any(x.date_end < y.date_start for x in within for y in within):
                continue
        out.append(u)
    return out


def nested(a: Event, b: Event) -> bool:
    """Two mentions of one event have nested dates ("ce week-end" and "samedi soir"); intervals that merely touch
    ("la semaine dernière" and "dans la nuit de dimanche à lundi") are two events. A missing bound is open."""

    def within(inner: Event, outer: Event) -> bool:
        return (
            outer.date_start is None or (inner.date_start is not None and inner.date_start >= outer.date_start)
        ) and (outer.date_end is None or (inner.date_end is not None and inner.date_end <= outer.date_end))

    return within(a, b) or within(b, a)


def retold(told: list[Event], e: Event) -> Event | None:
    """The event of its type already told that a mention with neither a place nor a date of its own retells ("… tué
    dans la nuit de samedi à dimanche aux Minguettes. Deux suspects ont été interpellés à Saint-Fons." ¶ "Le tireur a
    ouvert le feu à plusieurs reprises"): the latest one on the dates the story was at (extract.py: `story_date`), in
    whatever commune the place it was given by the sentences before it lies."""
    story = e.story_date
    if not e.carried or e.date_start is not None or e.own_date or e.another:
        return None
    if not story or None in story:
        return None
    mine = [
        o
        for o in told
        if o.type == e.type and o.date_start and o.date_end and overlaps(*story, o.date_start, o.date_end)
    ]
    return mine[-1] if mine else None


def merge(events: list[Event]) -> list[Event]:
    """Mentions of one event (same type and place, nested dates: `same`) become one, fields from the most precise."""
    out: list[Event] = []
    # "La drogue saisie représente 561,3 kilos": the mass takes the article's substance before the mentions merge, so
    # that it measures the "vingt ballots de cocaïne" told above instead of standing alone
    for e in umbrellas(implicit_substance(events)):
        if not hasattr(e, "lone_wound"):
            e.lone_wound = e.injured == 1 and quantities.same_victim(e.evidence)
        one = next((o for o in out if same(o, e)), None) or retold(out, e)
        if one is None:
            out.append(e)
            continue
        if one.date_start is None and not one.own_date and one.story_date is None:
            # mentions with no date of their own are of the story either was told in: "Cette fois, trois hommes ont
            # été arrêtés" (the lead, before any story) and, after the arrests of November, "les policiers ont saisi
            # cinq kilos" are one seizure of November, which "ont déjà saisi 18 kg début juin" is not (told_elsewhen)
            one.story_date = e.story_date if e.date_start is None and not e.own_date else None
        if e.injured is not None and (one.injured is None or e.injured > one.injured):
            one.lone_wound = e.lone_wound
        elif e.injured == one.injured == 1:
            one.lone_wound = one.lone_wound and e.lone_wound
        if (one.date_start is None and e.date_start is not None) or (
            e.date_start and one.date_start and e.time_precision == "day" and one.time_precision != "day"
        ):
            one.date_start, one.date_end = e.date_start, e.date_end
        elif e.own_date and not one.own_date and e.time_precision == "day" and same_goods(one, e):
            # the goods told again on a day of their own, the first mention dated by its paragraph or the article
            # ("Depuis le début de l'opération, les enquêteurs ont saisi 300 grammes de cocaïne" … "La première saisie
            # remonte au mardi 6 mai : 300 grammes …"): that day
            one.date_start, one.date_end, one.own_date = e.date_start, e.date_end, True
        if one.commune is None and e.commune and one.departement in (None, e.departement) and same_goods(one, e):
            # one seizure told twice by its goods (`same_goods`), first by its area ("Déjà 250 kg découverts dans les
            # Mauges"), then by its commune: the place said more precisely
            one.commune, one.departement, one.place = e.commune, e.departement, e.place
            one.geo_precision, one.district, one.carried = e.geo_precision, e.district, e.carried
        elif one.commune is None and e.commune is None and (e.geo_precision or 9) < (one.geo_precision or 9):
            # "intercepté sur l'autoroute" in the lead, "sur l'A13, à hauteur de Gaillon" in the body: the place
            # said more precisely (a locality near a town, not only its département)
            one.place, one.geo_precision = e.place, e.geo_precision
            one.departement = e.departement or one.departement  # told twice by its goods: `same_goods`
        if one.carried and not e.carried and arrest_retold(one, e):
            # the arrest told again where its sentence named no place: the place it was told with (`arrest_retold`)
            one.commune, one.departement, one.place = e.commune, e.departement, e.place
            one.geo_precision, one.district = e.geo_precision, e.district
            one.carried, one.evidence = False, e.evidence
        one.hit = max(one.hit or 0, e.hit or 0) or None
        fields = ["killed", "injured", "cash_eur", "count"]
        nobody = {0} & {e.killed, e.injured, one.killed, one.injured}  # a mention that says nobody was hit
        victims = bool(e.killed or e.injured)
        if nobody and one.type in TOLL_TYPES and bool(one.killed or one.injured) != victims:
            # "Plusieurs tirs ont atteint des appartements, sans faire de blessé" merged with the mention of the
            # shooting that killed, either way round: the victims it counts stand, the "nobody hit" adds nothing
            if victims:
                one.killed, one.injured = e.killed, e.injured
            fields = fields[2:]
            one.add_rule("counting.victims_over_nobody_hit")
        if wounded_died(one, e.evidence):
            fields = fields[2:]  # the death of victims this mention counted wounded, told in a mention of its own
        for field in fields:
            mine, theirs = getattr(one, field), getattr(e, field)
            if field == "count" and None not in (mine, theirs) and rough_count(one) != rough_count(e):
                if rough_count(one):  # "une dizaine d'interpellations" in the lead, "huit mineurs" in the body
                    one.count, one.count_rough = theirs, False
                continue
            if mine is None or (theirs is not None and theirs > mine):
                setattr(one, field, theirs)
                if field == "count":
                    one.count_rough = rough_count(e)
        if prefilter.search(APPROXIMATE, one.evidence, re.I) and not prefilter.search(APPROXIMATE, e.evidence, re.I):
            # "plus de 300 kilos" in the lead, "380 kilos" in the body: the exact figure
            exact = {(x["substance"], x["unit"]): x["quantity"] for x in e.drugs if x["quantity"] is not None}
            for x in one.drugs:
                x["quantity"] = exact.get((x["substance"], x["unit"]), x["quantity"])
        measured = any(d["quantity"] is not None for d in one.drugs)
        named = {x["substance"] for x in one.drugs}
        one.drugs.extend(
            x
            for x in e.drugs
            if (x["substance"], x["unit"]) not in {(d["substance"], d["unit"]) for d in one.drugs}
            and not (x["unit"] is None and (x["substance"] in named or measured))
        )  # a mention that names drugs without amounts adds nothing to one that measured them
        one.weapons = weapons_of(one.weapons, e.weapons)
        one.rules = list(dict.fromkeys(one.rules + e.rules))
        if not one.networks_from:
            one.networks_from = e.networks_from
        counted = {d["substance"] for d in one.drugs if d["quantity"] is not None}
        one.drugs = [d for d in one.drugs if d["quantity"] is not None or d["substance"] not in counted]
    for o in out:
        if o.hit and o.killed and o.injured == o.hit:
            # "deux personnes sont décédées" … "Trois personnes ont été touchées": the dead are among the three hit
            o.injured = o.hit - o.killed if o.hit > o.killed else None
        if o.lone_wound and (o.killed or 0) >= 1 and o.injured == 1:
            o.injured = None  # "un homme a été abattu … Grièvement blessé, il …": the wound was the dead man's
        if o.type in TOLL_TYPES and o.injured == 0 and o.killed is None:
            o.killed = 0  # "la cible est sortie indemne", and no one is said killed: nobody was hit
    return implicit_substance(lead_amounts(out))


UNNAMED_ARMS = [{"kind": "other", "count": None}]  # "des armes": what a mention says when it names no kind


def weapons_of(mine: list[dict], theirs: list[dict]) -> list[dict]:
    """The weapons of two mentions of one event: every kind either names ("deux pistolets" and "une kalachnikov"); a
    mention's unnamed "des armes" gives way to the kinds the other names."""
    if mine == UNNAMED_ARMS and theirs:
        return list(theirs)
    if theirs == UNNAMED_ARMS and mine:
        return mine
    return mine + [w for w in theirs if all(w["kind"] != x["kind"] for x in mine)]


def implicit_substance(events: list[Event]) -> list[Event]:
    """A seizure whose mass has no substance ("En décembre, une prise record d'1,4 tonne avait été réalisée") is of
    the one substance every other seizure of the article names (a cocaine article's record seizure is of cocaine), or
    when no seizure names one, the one substance the article's events name."""
    named = {d["substance"] for e in events if e.type == "seizure" for d in e.drugs}
    if not named:  # "250 grammes du produit" in an article on "un trafic de drogue de synthèse": the article's one drug
        named = {s for e in events for s in quantities.substances_in(e.evidence)}
    for e in events:
        if e.type == "seizure" and not e.drugs:
            masses = quantities.unnamed_masses(e.evidence)
            # the one substance of the seizure it is a mention of ("vingt ballots de cocaïne" … "la drogue saisie
            # représente 612 kilos"), else of the article
            own = {d["substance"] for o in events if o is not e and o.type == "seizure" and same(o, e) for d in o.drugs}
            substances = own if len(own) == 1 else named
            if masses and len(substances) == 1:
                e.drugs = [{"substance": next(iter(substances)), "quantity": round(sum(masses), 6), "unit": "kg"}]
    return events


def _rough(quantity: float | None, exact: float | None) -> bool:
    """Is `exact` what a rough `quantity` ("plus de 300", "près de 400", "un tiers de tonne") said?"""
    return quantity is not None and exact is not None and 0.75 * quantity <= exact <= 1.5 * quantity


def lead_amounts(events: list[Event]) -> list[Event]:
    """The lead's rough amount of a seizure told again exactly in the body ("plus de 300 kg de résine interceptés"
    at the top, "380 kilos de résine … à hauteur du Boulou" below) is one seizure: when the rough mention has no date
    of its own, or the same dates, and the exact one has its own, the exact one is the event (its place and date),
    even where the lead named no place, the investigators' town or "l'autoroute"."""
    out = []
    for e in events:
        amounts = {(d["substance"], d["unit"]): d["quantity"] for d in e.drugs if d["quantity"] is not None}
        told_again = (
            e.type == "seizure"
            and amounts
            and prefilter.search(APPROXIMATE, e.evidence, re.I)
            and any(
                o is not e
                and o.type == "seizure"
                and o.own_date
                and (not e.own_date or nested(e, o))
                and all(
                    _rough(q, next((d["quantity"] for d in o.drugs if (d["substance"], d["unit"]) == k), None))
                    for k, q in amounts.items()
                )
                and not prefilter.search(APPROXIMATE, o.evidence, re.I)
                for o in events
            )
        )
        if not told_again:
            out.append(e)
    return out


def rough_count(e: Event) -> bool:
    """Was the event's number of persons arrested said roughly ("une dizaine d'interpellations")? Read from its
    evidence unless the number came from another sentence (`complete`, `merge` record it)."""
    if not hasattr(e, "count_rough"):
        e.count_rough = e.count is not None and quantities.arrested_roughly(e.evidence)
    return e.count_rough


def _elsewhen(sentence: str, target: Event, ref: date | None = None) -> bool:
    """A sentence dated by a month or a year of its own, outside the event's dates, tells of another time ("Pour
    rappel, en septembre 2021, un homme avait été tué", "un réglo … fin juillet"): its toll is not the event's. So
    does one dated so long before the article (`ref`, when given): "Il y a une semaine, un homme avait été découvert
    sans vie", after the news of Tuesday."""
    if target.date_end is None:
        return False
    if ref is not None and target.own_date and prefilter.search(AGO, sentence, re.I):
        when = dates.resolve(sentence, ref)
        return bool(when) and not overlaps(when[0], when[1], target.date_start, target.date_end)
    if not re.search(rf"\b(?:(?:19|20)\d{{2}}|{'|'.join(dates.MONTHS)})\b", sentence, re.I):
        return False
    if not target.own_date:
        return True  # a mention with no date of its own is the news: "les 12 et 14 juin, … sept individus" is not it
    when = dates.resolve(sentence, target.date_end)
    return bool(when) and not overlaps(when[0], when[1], target.date_start, target.date_end)


def _told_within(sentence: str, event: Event) -> bool:
    """Does the sentence, dated by a month or a year of its own, tell a day inside the event's dates ("samedi 21
    septembre"; not a month or a year: "en septembre 2021, un jeune avait été abattu" is another event recalled)?"""
    if None in (event.date_start, event.date_end):
        return False
    if not re.search(rf"\b(?:(?:19|20)\d{{2}}|{'|'.join(dates.MONTHS)})\b", sentence, re.I):
        return False
    when = dates.resolve(sentence, event.date_end)
    if not when or None in when or (when[1] - when[0]).days > 2:
        return False
    return overlaps(when[0], when[1], event.date_start, event.date_end)


def _dates_it(target: Event, paragraph: list[Event], sentence: str) -> bool:
    """A dated sentence right after the paragraph's last event, a shooting told with no date ("deux mois après des
    tirs mortels dans la cité. Dans la nuit du 3 juin un homme est mort, un autre a été touché"), tells that
    shooting's toll, unless it tells another one ("d'autres tirs")."""
    return (
        bool(paragraph)
        and target.evidence == paragraph[-1].evidence  # told in the paragraph's last sentence with events
        and target in paragraph
        and target.date_start is None
        and not re.search(
            r"\b(?:autres?|nouvel(?:le)?s?|nouveaux) (?:fusillades?|tirs?|coups de feu|règlements?)", sentence, re.I
        )
    )


def excluded_details(paragraph: list[Event], sentence: str, recent: list[Event] = (), ref: date | None = None) -> None:
    """A sentence that tells no event (a judicial step: "Une somme de 24.000 euros avait été confisquée, 5 personnes
    mises en examen, pour un total de 380 kilogrammes"; "En tout, six suspects sont partis en garde à vue … puis
    devant le juge") still gives the operation of its own paragraph what it lacks: its persons arrested, its cash,
    and the exact amount of what it said roughly ("plus d'un tiers de tonne"). Never an earlier paragraph's event
    its cash or drugs, never a new substance: such a sentence may be a round-up's figure. Only a total of persons
    told in a paragraph with no operation of its own ("En tout, six suspects sont partis en garde à vue …", after
    the paragraphs that told one arrest, then two more) is the total of the `recent` operation told just before, when
    it is more than that operation counted."""
    operations = [e for e in paragraph[-4:] if e.type in ("seizure", "arrest")]
    if not operations:
        total = quantities.arrested(sentence) if quantities.VALUES["in_all"].search(sentence) else None
        latest = [e for e in recent if e.type in ("seizure", "arrest")][-1:]
        # the day of a later step ("présentées mardi 21 juin au juge") is within an operation's steps of it
        told = dates.resolve(sentence, ref) if ref else None
        if total and latest and total > (latest[0].count or 0) and not another_time(told, latest[0]):
            latest[0].count, latest[0].count_rough = total, quantities.arrested_roughly(sentence)
        return
    if _elsewhen(sentence, operations[-1]):
        return
    target = operations[-1]
    if target.count is None or quantities.VALUES["in_all"].search(sentence) or _ranked_more(target, sentence):
        said = quantities.arrested(sentence)
        if said is not None:
            target.count, target.count_rough = said, quantities.arrested_roughly(sentence)
    if target.type != "seizure":
        return
    if target.cash_eur is None:
        target.cash_eur = quantities.cash(sentence)
    _exact_amounts(target, sentence)


def _ranked_more(operation: Event, sentence: str) -> bool:
    """Does the sentence tell one more arrest by its rank, past the operation's count ("sept personnes ont été
    arrêtées. Une huitième a été placée en garde à vue": eight)?"""
    nth = quantities.ordinal_total(sentence)
    return nth is not None and nth > (operation.count or 0)


def _exact_amounts(seizure: Event, sentence: str) -> bool:
    """The exact amounts a sentence gives for a seizure told roughly ("plus d'un tiers de tonne" … "pour un total de
    380 kilogrammes"): replaced, and True when one was."""
    if not prefilter.search(APPROXIMATE, seizure.evidence, re.I) or prefilter.search(APPROXIMATE, sentence, re.I):
        return False
    exact = {(d["substance"], d["unit"]): d["quantity"] for d in quantities.drugs(sentence)}
    told = False
    for d in seizure.drugs:
        if _rough(d["quantity"], exact.get((d["substance"], d["unit"]))):
            d["quantity"], told = exact[(d["substance"], d["unit"])], True
    return told


def counted_before(sentence: str | None, produced: list[Event], ref: date) -> None:
    """Persons arrested, or drugs measured, told in a sentence with no event of its own, before any operation of its
    paragraph ("Huit jeunes de Nevers étaient toujours en garde à vue mercredi soir." then "Les policiers les avaient
    arrêtés mardi matin …"; "La serre, qui abritait près de 150 pieds de cannabis, …" then "les gendarmes ont
    découvert la plantation"): the count, or the amounts, of the first operation the paragraph then tells, when it
    has none and the sentence tells no other time."""
    operation = next((e for e in produced if e.type in ("seizure", "arrest")), None)
    if sentence is None or operation is None or another_time(dates.resolve(sentence, ref), operation):
        return
    said = quantities.arrested(sentence) if operation.count is None else None
    if said is not None:
        operation.count, operation.count_rough = said, quantities.arrested_roughly(sentence)
    if operation.type == "seizure" and not operation.amounts():
        measured = [d for d in quantities.drugs(sentence) if d["quantity"] is not None]
        named = {d["substance"] for d in operation.drugs}
        if measured and (not named or named <= {d["substance"] for d in measured}):
            operation.drugs = measured  # the substances the seizure names, measured before it


def _violence(recent: list[Event], paragraph: list[Event], sentence: str, ref: date | None) -> list[Event]:
    """The violence a sentence's toll or weapons are of, the one they go to last: the shootings and intimidations of
    its paragraph, else the latest-dated recent ones; none when the sentence tells another time."""
    violent = [e for e in paragraph[-4:] if e.type in TOLL_TYPES] or sorted(
        # a mention dated by nothing of its own ("Après Brest et Lorient, Vannes connaît à son tour les fusillades")
        # is not the latest violence, whatever day it defaults to
        (e for e in recent if e.type in TOLL_TYPES),
        key=lambda e: (e.own_date, e.date_end or date.min),
    )
    if violent and _elsewhen(sentence, violent[-1], ref) and not _dates_it(violent[-1], paragraph, sentence):
        # a toll told on a day of its own, outside the latest violence's dates: of the recent one whose dates hold it
        # ("La préfecture a fait état de deux gendarmes blessés samedi 21 septembre", after a shooting on the 29th,
        # is of the projectiles thrown between the 20th and the 22nd)
        violent = [e for e in recent if e.type in TOLL_TYPES and _told_within(sentence, e)][-1:]
    return violent


def toll_told(recent: list[Event], paragraph: list[Event], sentence: str, ref: date | None = None) -> None:
    """The toll a sentence that tells only operations gives the violence told before it ("Deux individus ont été
    interpellés et aucun policier n'a été blessé", "Trois policiers ont été blessés et deux suspects interpellés")."""
    violent = _violence(recent, paragraph, sentence, ref)
    if violent and violent[-1] in paragraph:  # of the violence of its own paragraph only
        target = violent[-1]
        before = (target.killed, target.injured)
        _toll(violent, recent, sentence)
        if (target.killed, target.injured) != before:
            target.add_rule("counting.toll_of_operations_sentence")


def wounded_died(target: Event, sentence: str) -> bool:
    """Does `sentence` tell the death of victims `target` counted wounded? "Deux jeunes touchés par balles" …
    "Ils sont morts pendant la nuit": every counted wounded is dead; "un mort et un blessé grave" … "L'autre a été
    mortellement touché": one wounded more is dead. The toll is moved; the sentence's own counts add nothing."""
    fate = quantities.wounded_died(sentence) if target.type in TOLL_TYPES and target.injured else None
    if fate and target.hit and target.killed and target.injured == target.hit:
        # "deux jeunes touchés par balles" … "L'un est mort sur place": the dead told so far are among those hit
        target.injured = target.hit - target.killed if target.hit > target.killed else None
        fate = fate if target.injured else None
    if not fate or (fate != "all") != bool(target.killed):
        return False  # "Deux morts et un blessé" … "Elles ont été déclarées mortes": the plural is of the dead
    dead = target.injured if fate == "all" else 1
    target.killed, target.injured = (target.killed or 0) + dead, target.injured - dead or None
    target.add_rule("counting.wounded_died")
    return True


def _toll(violent: list[Event], recent: list[Event], sentence: str) -> None:
    """The toll a sentence tells, to the latest of the violence it is of (`_violence`): "L'enfant n'a pas été
    touché" is of the news; a running tally is no event's."""
    if quantities.VALUES["tally"].search(sentence):
        return
    target = violent[-1]
    killed, injured = quantities.casualties(sentence)
    if killed == injured == 0 and (target.killed or target.injured):
        killed = injured = None  # "Personne n'a été touché" after a toll: said of another event, not of this one
    elif killed == injured == 0:
        # "Il n'y a eu aucun blessé" after mentions of the violence in the same town on the same days ("pris à
        # partie … des tirs de mortiers"; one undated, or both told to the same precision, not "la semaine dernière"
        # before "dimanche soir"): nobody was hit in any of them that counts no victim of its own, nor a victim is
        # counted in another mention of its kind there
        for other in recent:
            if (
                other is not target
                and other.type in TOLL_TYPES
                and other.killed is None
                and other.injured is None
                and other.commune == target.commune
                and (None in (other.date_start, target.date_start) or other.time_precision == target.time_precision)
                and not apart_in_time((other.date_start, other.date_end), (target.date_start, target.date_end))
                and not any(
                    x.type == other.type and x.commune == other.commune and (x.killed or x.injured) for x in recent
                )
            ):
                other.killed, other.injured = 0, 0
                other.add_rule("counting.nobody_hit_in_paragraph")
    # the death may be of victims another mention of the same violence counted wounded ("un mort et un blessé grave"
    # in the lead, "l'une des victimes, décédée" told on its own, then "L'autre a été mortellement touchée")
    wounded = [target] + [e for e in reversed(recent) if e is not target and e.type == target.type and same(e, target)]
    fate = quantities.wounded_died(sentence)
    if fate and any(wounded_died(e, sentence) for e in wounded if e.injured):
        return
    if fate == "also" and target.type in TOLL_TYPES and target.killed == 1 and not target.injured:
        # "L'un meurt sur place, le second est opéré" … "Il a succombé lui aussi dans la soirée": two dead
        target.killed = 2
        target.add_rule("counting.wounded_died")
        return
    if target.killed is None and target.injured == 1 and quantities.died_of_it(sentence):
        target.injured = None  # "un guetteur a été grièvement blessé" … "Il a succombé à ses blessures": one dead
    target.killed = killed if target.killed is None else target.killed
    if target.injured is None and injured is not None:
        target.injured, target.hit = injured, quantities.hit_count(sentence)
        target.lone_wound = injured == 1 and quantities.same_victim(sentence)


def complete(recent: list[Event], paragraph: list[Event], sentence: str, ref: date | None = None) -> None:
    """A sentence with no event of its own adds details to the events just reported ("Personne n'a été
    blessé.", "L'un d'eux a exhibé une arme de poing."); persons arrested and quantities to the operation of the
    same paragraph ("Deux suspects sont en garde à vue."), else to the latest-dated recent one: a later
    paragraph's "les neuf personnes" goes back to the news of the day, not to the operation last recalled."""
    violent = _violence(recent, paragraph, sentence, ref)
    if violent:
        _toll(violent, recent, sentence)
    if (
        violent
        and not quantities.VALUES["tally"].search(sentence)
        and prefilter.search(
            r"exhib|brandi|armé|menac|tir|étuis|douilles|calibre|utilisé|munis? d|équipés? d", sentence, re.I
        )
    ):
        for w in quantities.weapons(sentence):
            if all(x["kind"] != w["kind"] for x in violent[-1].weapons):
                violent[-1].weapons.append(w)
    operations = [e for e in paragraph[-4:] if e.type in ("seizure", "arrest")] or sorted(
        (e for e in recent if e.type in ("seizure", "arrest")), key=lambda e: e.date_end or date.min
    )
    if (
        operations
        and (
            operations[-1].count is None
            or quantities.VALUES["in_all"].search(sentence)
            or _ranked_more(operations[-1], sentence)
        )
        and not _elsewhen(sentence, operations[-1])
    ):
        # "En tout, six suspects sont partis en garde à vue": the total over the first persons told
        said = quantities.arrested(sentence)
        if said is not None:
            operations[-1].count, operations[-1].count_rough = said, quantities.arrested_roughly(sentence)
    found_here = quantities.drugs(sentence) if VALUES_FOUND.search(sentence) else []
    if found_here and operations and operations[-1].type == "arrest" and operations[-1] in paragraph:
        # "Sept suspects ont été arrêtés. Les fouilles ont permis de trouver 40 sachets de
        # cocaïne": the arrests were a seizing operation (the README: one seizure, the persons arrested its count)
        operations[-1].type = "seizure"
        operations[-1].rules = [*operations[-1].rules, "seizure.found_after_arrest"]
    same_paragraph = [e for e in paragraph[-4:] if e.type == "seizure"]
    # "Les perquisitions ont permis de découvrir 9 kilos de cocaïne": the amounts of the operation told above
    # (latest-dated) when it has none yet, whether it named its drugs without amounts or only drugs in general ("La
    # drogue saisie sur lui a conduit les enquêteurs …" then, a paragraph below, "Dans un placard se trouvaient 1,5
    # kilo de résine …"; a seizure of cash or arms alone takes no drugs told later)
    unmeasured = sorted(
        (
            e
            for e in recent
            if e.type == "seizure"
            and (e.drugs or (DRUGS_SAID.search(e.evidence) and not _elsewhen(sentence, e)))
            and all(d["quantity"] is None for d in e.drugs)
        ),
        key=lambda e: e.date_end or date.min,
    )
    seizures = sorted((e for e in recent if e.type == "seizure"), key=lambda e: e.date_end or date.min)
    if not same_paragraph and seizures and not _elsewhen(sentence, seizures[-1]):
        # the next paragraph's "Une somme de 24.000 euros avait été confisquée … pour un total de 380 kilogrammes"
        # tells exactly the seizure said roughly above ("plus d'un tiers de tonne"): its amount, and its cash
        if _exact_amounts(seizures[-1], sentence) and seizures[-1].cash_eur is None:
            seizures[-1].cash_eur = quantities.cash(sentence)
    if same_paragraph or (unmeasured and VALUES_FOUND.search(sentence)):
        seizure = (same_paragraph or unmeasured)[-1]  # "… une plantation. Plus de 300 pieds ont été arrachés."
        rough = prefilter.search(APPROXIMATE, seizure.evidence, re.I) and not prefilter.search(
            APPROXIMATE, sentence, re.I
        )
        for found in quantities.drugs(sentence):
            if found["quantity"] is None:
                listed = PACKS.search(sentence) or INDEFINITE.search(sentence)  # not a substance merely named
                if same_paragraph and listed and all(d["substance"] != found["substance"] for d in seizure.drugs):
                    seizure.drugs.append(found)  # "… ainsi que des sachets d'herbe": cannabis, amount unknown
                continue
            key = (found["substance"], found["unit"])
            vague = [d for d in seizure.drugs if d["substance"] == found["substance"] and d["quantity"] is None]
            said = [d for d in seizure.drugs if (d["substance"], d["unit"]) == key]
            if rough and said and _rough(said[0]["quantity"], found["quantity"]):
                said[0]["quantity"] = found["quantity"]  # "plus d'un tiers de tonne" … "un total de 380 kilos"
            elif same_paragraph and said and said[0]["quantity"] is not None and re.search(ALSO, sentence, re.I):
                # "… 64 g de résine de cannabis … 6 g de cannabis ont aussi été trouvés sur le comptoir": more of it
                said[0]["quantity"] = round(said[0]["quantity"] + found["quantity"], 6)
            elif vague or not any(d["substance"] == found["substance"] for d in seizure.drugs):
                seizure.drugs = [d for d in seizure.drugs if d not in vague] + [found]
        if seizure.cash_eur is None:
            seizure.cash_eur = quantities.cash(sentence)  # "Une somme de 24.000 euros avait été confisquée"
        if same_paragraph:  # "Une carabine et 4.500 euros ont aussi été saisis."
            for w in quantities.weapons(sentence, seized=True):
                if all(x["kind"] != w["kind"] for x in seizure.weapons):
                    seizure.weapons.append(w)


# one operation's arrests told in two batches, each with its own date: "cinq personnes ont été interpellées le 2 mai,
# puis quatre autres fin mai" (the second batch counted as others: `THEN_OTHERS`), "fin 2020 et début 2021, les
# policiers ont démantelé le réseau en deux temps" (two dates joined, the operation told as done in two goes)
THEN_OTHERS = re.compile(rf",? puis {dates.N} autres\b(?P<rest>[^,;.:]*)", re.I)
TWO_GOES = re.compile(r"\ben deux (?:temps|fois|vagues|étapes|coups)\b", re.I)
JOINED = re.compile(r" et ")


def batches(clause: str, ref: date, anchor: dates.Interval | None) -> list[tuple[dates.Interval, int | None]]:
    """The two dates of a clause that tells one operation's arrests in two batches, each with the persons it counts
    when the clause says (the second's "quatre autres"); empty when it tells one batch, or the dates meet. The README:
    operations on different dates are different events."""
    t = quantities.plain(clause)
    m = THEN_OTHERS.search(t)
    if m:
        first = dates.resolve(t[: m.start()], ref, anchor)
        second = dates.resolve(m.group("rest"), ref, first)
        if apart_in_time(first, second):
            return [(first, None), (second, dates.number_word(m.group(1)))]
        return []
    if not TWO_GOES.search(t):
        return []
    for m in JOINED.finditer(t):  # "fin 2020 et début 2021": the first joined pair of dates apart
        first = dates.resolve(t[: m.start()], ref, anchor)
        second = dates.resolve(t[m.end() :], ref, first)
        if apart_in_time(first, second):
            return [(first, None), (second, None)]
    return []

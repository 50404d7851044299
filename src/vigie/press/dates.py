"""Relative French date expressions → an interval, resolved against the article's date (and, for "le lendemain"
or "quatre jours après", against the event they refer to). Rules of ../shared/press/README.md."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from vigie.fr import MONTHS
from vigie.press import prefilter, quantities

WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
SEASONS = {"printemps": (3, 5), "été": (6, 8), "automne": (9, 11), "hiver": (12, 2)}
M = "(" + "|".join(MONTHS) + ")"
W = "(" + "|".join(WEEKDAYS) + ")"
N = r"(\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt)"

Interval = tuple[date | None, date | None]


def number_word(text: str) -> int | None:
    """A count of days, weeks, months or years, whole: quantities reads "3" as 3.0, and a date built from a float
    fails ("il y a 3 ans")."""
    n = quantities.number_word(text)
    return None if n is None else int(n)


def month_interval(year: int, month: int) -> Interval:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def last_weekday(day: int, before: date) -> date:
    """The most recent such weekday strictly before `before`."""
    delta = (before.weekday() - day) % 7 or 7
    return before - timedelta(days=delta)


def recent_month(month: int, ref: date) -> int:
    return ref.year if month <= ref.month else ref.year - 1


def season(name: str, year: int) -> Interval:
    first, last = SEASONS[name]
    if name == "hiver":
        return date(year - 1, 12, 1), date(year, 2, calendar.monthrange(year, 2)[1])
    return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])


def last_season(name: str, ref: date, previous: bool) -> Interval:
    """The most recent such season ended (or under way, unless `previous`) at the article date."""
    for year in (ref.year + 1, ref.year, ref.year - 1, ref.year - 2):
        start, end = season(name, year)
        if start <= ref and (not previous or end < ref):
            return start, end
    return season(name, ref.year - 1)


def same_time(anchor: Interval) -> Interval:
    """What "quelques heures plus tard" or "dans la foulée" of an event names: its day, or its night when it was told
    as one ("dans la nuit de samedi à dimanche" … "interpellés quelques heures plus tard": both days, the hours may be
    Sunday's)."""
    start, end = anchor
    return (start, end) if end and (end - start).days == 1 else (start, start)


def resolve(text: str, ref: date, anchor: Interval | None = None) -> Interval | None:
    """The interval named by the first date expression of `text`; None when there is none, or when the day it names
    cannot exist ("le 31 juin", "dans la nuit du 31 au 32 mai", "il y a 100000 jours", a week before year 1): a
    wrong date in the text is no date, never the end of the article's (and its batch's) extraction."""
    try:
        return _resolve(text, ref, anchor)
    except (ValueError, OverflowError):  # what date() and date arithmetic raise, and only they, on impossible days
        return None


def _resolve(text: str, ref: date, anchor: Interval | None) -> Interval | None:
    t = text.lower().replace("\u2019", "'")
    # "un habitant de Canteleu, né en 1997", "nés entre 1990 et 2001": a birth, not the day of the event
    t = re.sub(r"\bnée?s? (?:à [\w' -]{1,40}? )?(?:en|le|entre) [^,;.]{0,40}\d{4}", " ", t)
    # "…, a annoncé lundi la préfecture", "…, informe ce samedi 10 février la préfecture": the day of the
    # announcement, not of the event
    t = prefilter.sub(
        rf"\b(?:(?:(?:a|ont|avait|avaient|a-t-on|a-t-il|a-t-elle) (?:annoncé|indiqué|précisé|déclaré|confirmé|expliqué|"
        rf"révélé|appris|affirmé|rapporté|fait savoir)|apprend-on|"
        rf"annonce|annoncent|informe|indique|précise|confirme|révèle|rapporte)(?: ce| le)?) {W}"
        rf"(?: \d{{1,2}}(?:er)? {M}(?: \d{{4}})?)?",
        " ",
        t,
    )
    # "… ont été arrêtés puis sont passés devant les juges jeudi 4 juin", "déférés au parquet vendredi",
    # "seront jugés lundi": the day of a judicial step, not of the event (the README: judicial steps are no events)
    if "tribunal" in t or "défér" in t or "jugé" in t or "présenté" in t or "comparu" in t or "comparaî" in t:
        t = re.sub(
            rf"\b(?:passée?s? devant|présentée?s? (?:à|au|aux|devant)|déférée?s?|jugée?s?|comparu|comparaîtr\w*|"
            rf"comparaiss\w*)\b[^.;:,]{{0,60}}?\b(?:ce |le )?{W}(?: \d{{1,2}}(?:er)? {M}(?: \d{{4}})?)?",
            " ",
            t,
        )
        # "il sera jugé devant le tribunal de Bergerac en décembre": a hearing's month or day
        t = re.sub(
            rf"\bdevant (?:le |la |les )?(?:tribunal|juges?|cour)\b[^.;:,]{{0,60}}?\b(?:au mois d['e] ?|en |(?:le )?"
            rf"\d{{1,2}}(?:er)? ){M}(?: \d{{4}})?",
            " ",
            t,
        )
    # "…, ce qui porte à 29 le nombre d'homicides depuis le 1er janvier": a tally's dates, not the event's
    t = re.sub(r",? ce qui (?:porte|portent|fait|élève) (?:à|le|la|les)\b[^.;]*", " ", t)
    # "La saisie est bien plus importante que celle opérée trois jours plus tôt", "la plus grosse prise depuis celle de
    # mars 2021": the date of the event compared with, not of the event told
    if "cel" in t or "ceux" in t:
        t = re.sub(r"\b(?:que|depuis) (?:celle|celui|celles|ceux)\b[^.;:]*", " ", t)
    a = anchor[0] if anchor and anchor[0] else None
    m = prefilter.search(rf"nuit du (\d{{1,2}})(?:er)? au (\d{{1,2}}) {M}(?: (\d{{4}}))?", t)
    if m:
        month = MONTHS.index(m.group(3)) + 1
        year = int(m.group(4)) if m.group(4) else recent_month(month, ref)
        return date(year, month, int(m.group(1))), date(year, month, int(m.group(2)))
    m = prefilter.search(
        rf"\b(?:les|entre le|du) (\d{{1,2}})(?:er)? (?:et|au) (?:le )?(\d{{1,2}}) {M}(?: (\d{{4}}))?", t
    )
    if m and int(m.group(1)) < int(m.group(2)):  # "les 28 et 29 mai", "du 12 au 14 juin": those days
        month = MONTHS.index(m.group(3)) + 1
        year = int(m.group(4)) if m.group(4) else recent_month(month, ref)
        return date(year, month, int(m.group(1))), date(year, month, int(m.group(2)))
    m = prefilter.search(rf"nuit (?:de|du) {W} (\d{{1,2}})(?:er)? (?:au|à) {W} (\d{{1,2}}) {M}(?: (\d{{4}}))?", t)
    if m:  # "dans la nuit de vendredi 12 à samedi 13 septembre"
        month = MONTHS.index(m.group(5)) + 1
        year = int(m.group(6)) if m.group(6) else recent_month(month, ref)
        return date(year, month, int(m.group(2))), date(year, month, int(m.group(4)))
    m = prefilter.search(rf"nuit de {W} à {W}", t)
    if m:
        end = last_weekday(WEEKDAYS.index(m.group(2)), ref + timedelta(days=1))
        return end - timedelta(days=1), end
    m = prefilter.search(r"réveillon du nouvel an|nuit de la saint-sylvestre", t)
    if m:
        year = ref.year - 1
        return date(year, 12, 31), date(year + 1, 1, 1)
    m = prefilter.search(rf"(?:entre |du )?{W} (?:et|au) {W}\b", t)  # "entre lundi et mercredi", "lundi et mardi"
    if m:
        end = last_weekday(WEEKDAYS.index(m.group(2)), ref + timedelta(days=1))
        start = last_weekday(WEEKDAYS.index(m.group(1)), end + timedelta(days=1))
        return start, end
    m = prefilter.search(rf"\b(\d{{1,2}}|1er|premier) {M}(?: (\d{{4}}))?", t)  # "le 3 mai", "au premier décembre"
    if m:
        month = MONTHS.index(m.group(2)) + 1
        year = int(m.group(3)) if m.group(3) else recent_month(month, ref)
        day = 1 if m.group(1) in ("1er", "premier") else int(m.group(1))
        if t[max(0, m.start() - 11) : m.start()].endswith(("depuis le ", "depuis ce ")):
            return date(year, month, day), ref  # "depuis le 1er janvier": from that day to the article
        return date(year, month, day), date(year, month, day)
    m = prefilter.search(rf"\b({'|'.join(WEEKDAYS)})(?: (?:soir|matin|midi|après-midi|dernier|soir dernier))?\b", t)
    if m and not re.search(rf"\b{m.group(1)} (?:prochain|\d{{1,2}}(?:er)? {M})", t):  # "mardi 14 mars": the date above
        # "ce jeudi matin" in an article of a Thursday is its day; "jeudi" alone, the Thursday before it
        this = t[max(0, m.start() - 3) : m.start()] == "ce "
        d = last_weekday(WEEKDAYS.index(m.group(1)), ref + timedelta(days=1) if this else ref)
        return d, d
    if a:
        m = prefilter.search(
            rf"\b(moins d'|moins de )?{N} (jours?|semaines?|mois) après (?:des|les|la|le|l'|un|une|ces) ", t
        )
        if m:  # "cette affaire intervient quatre jours (moins d'un mois) après la saisie …": the seizure's date
            n = number_word(m.group(2)) or 1
            days = n * {"j": 1, "s": 7, "m": 30}[m.group(3)[0]]
            if m.group(1):  # "moins d'un mois après": within the month before it
                return a - timedelta(days=days), a - timedelta(days=1)
            d = a - timedelta(days=days)
            return (d, d) if days < 30 else month_interval(d.year, d.month)
        m = prefilter.search(rf"\b{N} (jours?|semaines?|heures?) (après|plus tard|plus tôt|avant)", t)
        if m:
            n = number_word(m.group(1)) or 1
            # "48 heures plus tard": two days; "quelques heures", "trois heures après": the same day
            days = n * (7 if m.group(2).startswith("semaine") else 1) if not m.group(2).startswith("heure") else n // 24
            sign = 1 if m.group(3) in ("après", "plus tard") else -1
            if days == 0:
                return same_time(anchor)
            d = a + timedelta(days=sign * days)
            return d, d
        m = prefilter.search(r"\bquelques jours (avant|plus tôt|après|plus tard)\b", t)
        if m:  # the 7 days before (after) the event referred to
            if m.group(1) in ("avant", "plus tôt"):
                return a - timedelta(days=7), a - timedelta(days=1)
            return a + timedelta(days=1), a + timedelta(days=7)
        if prefilter.search(r"\ble lendemain\b", t):
            d = a + timedelta(days=1)
            return d, d
        if prefilter.search(r"\bla veille\b", t):
            d = a - timedelta(days=1)
            return d, d
        if prefilter.search(r"quelques heures plus tard|le même jour|dans la foulée", t):
            return same_time(anchor)
        if prefilter.search(r"\b(?:lors|au cours) de (?:l'|cette )opération\b", t):
            return anchor  # the operation just told
        m = prefilter.search(rf"\b{N} mois (plus tard|après|plus tôt|avant)\b", t)
        if m:  # "Un mois plus tard, c'était au tour de sept autres dealers": the calendar month so far after it
            n = (number_word(m.group(1)) or 1) * (1 if m.group(2) in ("plus tard", "après") else -1)
            year, month = divmod(a.year * 12 + a.month - 1 + n, 12)  # a hostile "10^12 mois": no loop
            return month_interval(year, month + 1)
        if prefilter.search(r"\ble mois suivant\b|\bdès le mois suivant\b", t):
            month = a.month % 12 + 1
            return month_interval(a.year + (a.month == 12), month)
    m = prefilter.search(rf"\b(?:il y a|voici) {N} jours?", t)
    if m:
        d = ref - timedelta(days=number_word(m.group(1)) or 1)
        return d, d
    m = prefilter.search(rf"\b(?:il y a|voici) {N} semaines?", t)
    if m:
        d = ref - timedelta(days=7 * (number_word(m.group(1)) or 1))
        return d, d
    m = prefilter.search(rf"\bdepuis {N} (jours?|semaines?)\b", t)
    if m:  # "depuis une semaine": from its start to the article date (the README's "depuis + a start")
        n = (number_word(m.group(1)) or 1) * (7 if m.group(2).startswith("semaine") else 1)
        return ref - timedelta(days=n), ref
    m = prefilter.search(rf"\b(?:il y a) {N} mois", t)
    if m:
        n = number_word(m.group(1)) or 1
        month, year = ref.month - n, ref.year
        while month < 1:
            month, year = month + 12, year - 1
        return month_interval(year, month)
    if prefilter.search(r"\bla nuit dernière\b|\bcette nuit\b", t):
        return ref - timedelta(days=1), ref
    if prefilter.search(r"\bavant-hier\b", t):
        d = ref - timedelta(days=2)
        return d, d
    if prefilter.search(r"\bhier\b", t):
        d = ref - timedelta(days=1)
        return d, d
    if prefilter.search(r"\bce week-end\b|\ble week-end dernier\b|\bce week end\b", t):
        sunday = last_weekday(6, ref + timedelta(days=1))
        return sunday - timedelta(days=1), sunday
    m = prefilter.search(r"\b(?:en |au )?(début|fin) de (?:la )?semaine dernière\b", t)
    if m:  # "en début de semaine dernière": Monday–Wednesday; "en fin de semaine dernière": Friday–Sunday
        monday = ref - timedelta(days=ref.weekday() + 7)
        return (
            (monday, monday + timedelta(days=2))
            if m.group(1) == "début"
            else (monday + timedelta(days=4), monday + timedelta(days=6))
        )
    m = prefilter.search(r"\b(?:en |au )(début|fin) de (?:cette |la )?semaine\b(?! (?:prochaine|passée))", t)
    if m:  # "en début de semaine": this week's Monday–Wednesday; "en fin de semaine": Friday to the day, or the last
        # one's Friday–Sunday when the article is of a Monday to a Thursday
        monday = ref - timedelta(days=ref.weekday())
        if m.group(1) == "début":
            return monday, min(monday + timedelta(days=2), ref)
        if ref.weekday() >= 4:
            return monday + timedelta(days=4), ref
        return monday - timedelta(days=3), monday - timedelta(days=1)
    if prefilter.search(r"\b(?:cette semaine|depuis le début de la semaine)\b", t):  # this week's Monday to the day
        return ref - timedelta(days=ref.weekday()), ref
    if prefilter.search(r"\bla semaine dernière\b", t):
        monday = ref - timedelta(days=ref.weekday() + 7)
        return monday, monday + timedelta(days=6)
    m = prefilter.search(rf"\b(début|mi|fin)(?:[- ]|(?: du mois)? (?:de |d'))(?:la mi-)?{M}(?: (\d{{4}}))?", t)
    if m:
        month = MONTHS.index(m.group(2)) + 1
        year = int(m.group(3)) if m.group(3) else recent_month(month, ref)
        first, last = month_interval(year, month)
        return {
            "début": (first, date(year, month, 10)),
            "mi": (date(year, month, 11), date(year, month, 20)),
            "fin": (date(year, month, 21), last),
        }[m.group(1)]
    m = prefilter.search(rf"\bd(?:e |')({'|'.join(MONTHS)}) (?:à|au mois d'|au mois de) {M}(?: (\d{{4}}))?", t)
    if m:  # "de mai à novembre 2025": those months
        first, last = MONTHS.index(m.group(1)) + 1, MONTHS.index(m.group(2)) + 1
        year = int(m.group(3)) if m.group(3) else recent_month(last, ref)
        return month_interval(year - (first > last), first)[0], month_interval(year, last)[1]
    # "en mars", "remonte à juillet 2019", "date de mai dernier"; "le mois d'octobre 2023", "l'opération de
    # décembre": a month named after "de" is that month
    m = prefilter.search(
        rf"\b(?:en|(?:le |du |au |ce )?mois (?:de |d')|courant|depuis|remonte à|remontait à|date de|datait de|de|d') ?"
        rf"{M}\b"
        rf"(?: dernier)?(?: (\d{{4}}))?",
        t,
    )
    if m:
        month = MONTHS.index(m.group(1)) + 1
        year = int(m.group(2)) if m.group(2) else recent_month(month, ref)
        if t[m.start() :].startswith("depuis") or t[max(0, m.start() - 8) : m.start()].endswith("depuis "):
            return date(year, month, 1), ref
        return month_interval(year, month)
    if prefilter.search(r"\b(?:le|du|au) mois (?:dernier|précédent)\b", t):  # "la fusillade du mois dernier"
        first = ref.replace(day=1) - timedelta(days=1)
        return month_interval(first.year, first.month)
    # a season needs its determiner: "a été démantelé" is no summer
    m = prefilter.search(
        r"\b(?:au cours de l'|au |à la |à l'|en |cet |ce |cette |l'|le |de l'|du |depuis l'|depuis le )"
        r"(?:(début|fin) (?:de l'|du |de la ))?(printemps|été|automne|hiver)\b(?: (\d{4}))?( dernier)?",
        t,
    )
    if m:
        part, name, year, last = m.groups()
        if year:
            start, end = season(name, int(year))
        else:
            start, end = last_season(name, ref, previous=bool(last) or "dernier" in t[m.end() : m.end() + 9])
        if part == "début" and m.group(0).startswith("depuis"):  # "depuis le début de l'été": to the article
            return start, ref
        if part == "début":
            return month_interval(start.year, start.month)
        if part == "fin":
            return month_interval(end.year, end.month)
        if re.search(rf"\bdepuis (?:le |l'){name}\b", t):  # "depuis l'été": from its start to the article
            return start, ref
        return start, end
    m = prefilter.search(r"\b(depuis (?:le )?)?(début|fin) (?:de l'année |d'année )?((?:19|20)\d\d)\b", t)
    if m:  # "fin 2019", "début 2020": the year's last / first month ("depuis début 2021": from it to the article)
        year = int(m.group(3))
        if m.group(1) and m.group(2) == "début":
            return date(year, 1, 1), ref
        return month_interval(year, 12 if m.group(2) == "fin" else 1)
    m = prefilter.search(rf"\b(?:il y a) {N} ans?\b", t)
    if m:  # "interpellé il y a deux ans": that calendar year, as "il y a N mois" is that calendar month; read
        # after any month or season the text names ("Il y a deux ans, en mars 2022": March)
        year = ref.year - (number_word(m.group(1)) or 1)
        return date(year, 1, 1), date(year, 12, 31)
    if prefilter.search(r"\bl'an dernier\b|\bl'année dernière\b|\bl'an passé\b", t):
        return date(ref.year - 1, 1, 1), date(ref.year - 1, 12, 31)
    m = prefilter.search(r"\bdepuis le début de l'année\b", t)
    if m:
        return date(ref.year, 1, 1), ref
    m = prefilter.search(r"\b(?:en|dès|depuis) (20\d\d|19\d\d)\b", t)
    if m:
        year = int(m.group(1))
        return date(year, 1, 1), date(year, 12, 31)
    if prefilter.search(
        r"\brécemment\b|\bdernièrement\b|\bces derniers (mois|jours|temps)\b|\bces dernières semaines\b", t
    ):
        return None, ref
    return None


def from_trigger(clause: str, trigger, ref: date, anchor: Interval | None = None) -> Interval | None:
    """The date of one of a clause's several events: the first date expression from its trigger on ("interpellés
    jeudi dans l'enquête sur la fusillade survenue lundi soir": the shooting's is Monday). None when the trigger is
    unknown or no date follows it."""
    if trigger is None:
        return None
    return resolve(clause[trigger.start :], ref, anchor)

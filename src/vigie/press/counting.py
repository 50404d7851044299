"""How many events an article tells, and with which values: mentions of one event merged (the lead's "plus de 300
kilos" and the body's "380 kilos" are one seizure, with the exact amount), details of a sentence with no event of its
own added to the event they belong to ("Personne n'a été blessé."), and the arrests of a seizing operation folded into
its seizure's count. The README's rules "One event or several" and "fields from the most precise mention"."""

from __future__ import annotations

import re
from datetime import date

from vigie.geo.names import name_key
from vigie.press import quantities
from vigie.press.schema import Event, overlaps

APPROXIMATE = quantities.VALUES.approximate  # an amount said roughly: the same amount said exactly elsewhere wins


def overlap(a: Event, b: Event) -> bool:
    return overlaps(a.date_start, a.date_end, b.date_start, b.date_end)


def same(a: Event, b: Event) -> bool:
    """Two mentions of one event: same type and place, nested dates (`nested`), and not told as two."""
    if a.type != b.type or a.commune != b.commune or (a.commune is None and a.departement != b.departement):
        return False
    if a.type == "dealing_point" and a.action != b.action:
        return False
    distinct_places = (
        a.place
        and b.place
        and name_key(a.place) not in name_key(b.place)
        and name_key(b.place) not in name_key(a.place)
    )
    if distinct_places and (a.date_start != b.date_start or a.date_start is None):
        return False  # told in other places on other (or vague) dates: two events
    if a.own_date and b.own_date and (a.date_start is None) != (b.date_start is None):
        return False  # "ces dernières semaines" and "le 3 janvier", each said of its own event: two events
    return nested(a, b)


def nested(a: Event, b: Event) -> bool:
    """Two mentions of one event have nested dates ("ce week-end" and "samedi soir"); intervals that merely touch
    ("la semaine dernière" and "dans la nuit de dimanche à lundi") are two events. A missing bound is open."""

    def within(inner: Event, outer: Event) -> bool:
        return (
            outer.date_start is None or (inner.date_start is not None and inner.date_start >= outer.date_start)
        ) and (outer.date_end is None or (inner.date_end is not None and inner.date_end <= outer.date_end))

    return within(a, b) or within(b, a)


def merge(events: list[Event]) -> list[Event]:
    """Mentions of one event (same type and place, nested dates: `same`) become one, fields from the most precise."""
    out: list[Event] = []
    for e in events:
        one = next((o for o in out if same(o, e)), None)
        if one is None:
            out.append(e)
            continue
        if (one.date_start is None and e.date_start is not None) or (
            e.date_start and one.date_start and e.time_precision == "day" and one.time_precision != "day"
        ):
            one.date_start, one.date_end = e.date_start, e.date_end
        for field in ("killed", "injured", "cash_eur", "count"):
            mine, theirs = getattr(one, field), getattr(e, field)
            if mine is None or (theirs is not None and theirs > mine):
                setattr(one, field, theirs)
        if re.search(APPROXIMATE, one.evidence, re.I) and not re.search(APPROXIMATE, e.evidence, re.I):
            # "plus de 300 kilos" in the lead, "380 kilos" in the body: the exact figure
            exact = {(x["substance"], x["unit"]): x["quantity"] for x in e.drugs if x["quantity"] is not None}
            for x in one.drugs:
                x["quantity"] = exact.get((x["substance"], x["unit"]), x["quantity"])
        for field, key in (("drugs", ("substance", "unit")), ("weapons", ("kind",))):
            present = {tuple(x[k] for k in key) for x in getattr(one, field)}
            named = {x.get("substance") for x in getattr(one, field)}
            getattr(one, field).extend(
                x
                for x in getattr(e, field)
                if tuple(x[k] for k in key) not in present
                and not (x.get("unit") is None and x.get("substance") in named)
            )
        one.rules = list(dict.fromkeys(one.rules + e.rules))
        if not one.networks_from:
            one.networks_from = e.networks_from
        counted = {d["substance"] for d in one.drugs if d["quantity"] is not None}
        one.drugs = [d for d in one.drugs if d["quantity"] is not None or d["substance"] not in counted]
    return out


def fold_arrests(events: list[Event]) -> list[Event]:
    """One police operation that seized and arrested is one seizure, with the persons arrested as its count."""
    out = []
    for e in events:
        if e.type == "arrest":
            seizure = next(
                (
                    s
                    for s in events
                    if s.type == "seizure"
                    and s.commune == e.commune
                    and s.departement == e.departement
                    and overlap(s, e)
                ),
                None,
            )
            if seizure is not None:
                if seizure.count is None:
                    seizure.count = e.count
                continue
        out.append(e)
    return out


def complete(recent: list[Event], paragraph: list[Event], sentence: str) -> None:
    """A sentence with no event of its own adds details to the events just reported ("Personne n'a été
    blessé.", "L'un d'eux a exhibé une arme de poing."); persons arrested and quantities to the operation of the
    same paragraph ("Deux hommes ont été placés en garde à vue."), else to the latest-dated recent one: a later
    paragraph's "les neuf personnes" goes back to the news of the day, not to the operation last recalled."""
    violent = [e for e in recent if e.type in ("shooting", "intimidation")]
    if violent:
        target = violent[-1]
        killed, injured = quantities.casualties(sentence)
        target.killed = killed if target.killed is None else target.killed
        target.injured = injured if target.injured is None else target.injured
        if re.search(r"exhib|brandi|armé|menac|tir|étuis|douilles|calibre|utilisé", sentence, re.I):
            for w in quantities.weapons(sentence):
                if all(x["kind"] != w["kind"] for x in target.weapons):
                    target.weapons.append(w)
    operations = [e for e in paragraph[-4:] if e.type in ("seizure", "arrest")] or sorted(
        (e for e in recent if e.type in ("seizure", "arrest")), key=lambda e: e.date_end or date.min
    )
    if operations and operations[-1].count is None:
        operations[-1].count = quantities.arrested(sentence)
    same_paragraph = [e for e in paragraph[-4:] if e.type == "seizure"]
    if same_paragraph:  # "… une plantation. Plus de 300 pieds ont été arrachés."
        seizure = same_paragraph[-1]
        for found in quantities.drugs(sentence):
            if found["quantity"] is None:
                continue
            vague = [d for d in seizure.drugs if d["substance"] == found["substance"] and d["quantity"] is None]
            if vague or not any(d["substance"] == found["substance"] for d in seizure.drugs):
                seizure.drugs = [d for d in seizure.drugs if d not in vague] + [found]

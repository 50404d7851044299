"""French formatting for what people read (pages, reports): `12 345`, `1,97`, `12 %`, `3 juin 2023`.

One place for it, so the dashboard and the town report write numbers and dates the same way. The thousands
separator and the space before `%` are no-break spaces (U+00A0): a figure is never split across two lines.
"""

from __future__ import annotations

import datetime as dt
import math

NBSP = "\u00a0"
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def number(value: float | int | None, decimals: int = 0, empty: str = "—") -> str:
    """12345 → '12 345'; 1.9703 with decimals=2 → '1,97'; None or NaN → `empty`."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return empty
    text = f"{value:,.{decimals}f}"  # '12,345.67'
    return text.replace(",", NBSP).replace(".", ",")


def percent(value: float | None, decimals: int = 0, empty: str = "—") -> str:
    """A share given in percent: 12.5 → '12 %' (decimals=0) or '12,5 %'."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return empty
    return f"{number(value, decimals)}{NBSP}%"


def date(value: dt.date | dt.datetime | str | None, empty: str = "—") -> str:
    """2023-06-03 → '3 juin 2023'; the first of a month is '1er' as French writes it."""
    if value is None:
        return empty
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {MONTHS[value.month - 1]} {value.year}"


def month(value: dt.date | dt.datetime | str | None, empty: str = "—") -> str:
    """2023-06-03 → 'juin 2023'."""
    if value is None:
        return empty
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return f"{MONTHS[value.month - 1]} {value.year}"


def size_class(name: str) -> str:
    """'ville_moyenne' → 'ville moyenne (10 000 à 99 999 habitants)', with the thresholds in force."""
    from vigie.config import size_classes

    t = size_classes()
    return {
        "grande_ville": f"grande ville ({number(t.big)} habitants ou plus)",
        "ville_moyenne": f"ville moyenne ({number(t.medium)} à {number(t.big - 1)} habitants)",
        "petite_ville": f"petite ville ({number(t.small)} à {number(t.medium - 1)} habitants)",
        "rural": f"commune rurale (moins de {number(t.small)} habitants)",
    }.get(name, name)


EVENT_TYPES = {
    "shooting": "Tirs",
    "seizure": "Saisie",
    "dealing_point": "Point de deal",
    "intimidation": "Intimidation",
    "arrest": "Interpellations",
    "network_arrival": "Arrivée d'un réseau",
}

ONSET_CONFIDENCE = {"high": "élevée", "medium": "moyenne", "low": "faible", "": "non évaluée"}

HOT_SPOT = (
    "Un point chaud est une commune qui, avec ses voisines, enregistre nettement plus de faits que l'ensemble du "
    "pays, ou nettement plus que son propre niveau des trois années précédentes, la commune elle-même comprise ; "
    "un point froid, l'inverse."
)

# the 17 emerging hot-spot categories (analysis/hotspots.py): (label, what it means, in plain French)
CATEGORIES = {
    "new_hot_spot": ("Nouveau point chaud", "Point chaud la dernière année, pour la première fois."),
    "consecutive_hot_spot": (
        "Point chaud consécutif",
        "Point chaud sans interruption les dernières années, jamais auparavant : une émergence récente qui se "
        "confirme.",
    ),
    "intensifying_hot_spot": (
        "Point chaud qui s'intensifie",
        "Point chaud presque chaque année (au moins 9 sur 10), et de plus en plus marqué.",
    ),
    "persistent_hot_spot": (
        "Point chaud persistant",
        "Point chaud presque chaque année (au moins 9 sur 10), sans tendance nette.",
    ),
    "diminishing_hot_spot": (
        "Point chaud qui s'atténue",
        "Point chaud presque chaque année (au moins 9 sur 10), mais de moins en moins marqué.",
    ),
    "sporadic_hot_spot": (
        "Point chaud sporadique",
        "Point chaud la dernière année, et par intermittence auparavant.",
    ),
    "oscillating_hot_spot": (
        "Point chaud oscillant",
        "Point chaud la dernière année, après avoir été un point froid une année antérieure.",
    ),
    "historical_hot_spot": (
        "Ancien point chaud",
        "Point chaud presque chaque année, mais plus la dernière.",
    ),
    "new_cold_spot": ("Nouveau point froid", "Point froid la dernière année, pour la première fois."),
    "consecutive_cold_spot": (
        "Point froid consécutif",
        "Point froid sans interruption les dernières années, jamais auparavant.",
    ),
    "intensifying_cold_spot": (
        "Point froid qui s'accentue",
        "Point froid presque chaque année (au moins 9 sur 10), et de plus en plus marqué.",
    ),
    "persistent_cold_spot": (
        "Point froid persistant",
        "Point froid presque chaque année (au moins 9 sur 10), sans tendance nette.",
    ),
    "diminishing_cold_spot": (
        "Point froid qui s'atténue",
        "Point froid presque chaque année (au moins 9 sur 10), mais de moins en moins marqué.",
    ),
    "sporadic_cold_spot": (
        "Point froid sporadique",
        "Point froid la dernière année, et par intermittence auparavant.",
    ),
    "oscillating_cold_spot": (
        "Point froid oscillant",
        "Point froid la dernière année, après avoir été un point chaud une année antérieure.",
    ),
    "historical_cold_spot": (
        "Ancien point froid",
        "Point froid presque chaque année, mais plus la dernière.",
    ),
    "no_pattern": (
        "Aucune tendance",
        "Ni point chaud ni point froid significatif sur la période : rien ne distingue la commune et ses "
        "voisines du reste du pays.",
    ),
}

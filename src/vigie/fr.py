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

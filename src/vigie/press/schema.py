"""The Event type: one real-world occurrence reported by an article, in the scorer's schema."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date


def overlaps(a_start: date | None, a_end: date | None, b_start: date | None, b_end: date | None) -> bool:
    """Do two date intervals overlap? A missing bound is open, not absent."""
    return (a_start or date.min) <= (b_end or date.max) and (b_start or date.min) <= (a_end or date.max)


def apart_in_time(first: tuple | None, second: tuple | None) -> bool:
    """Two (start, end) intervals both told with their bounds that do not overlap: two dates, so two events."""
    if not first or not second or None in (*first, *second):
        return False
    return not overlaps(*first, *second)


TYPES = ("shooting", "seizure", "dealing_point", "intimidation", "arrest", "network_arrival")


@dataclass
class Event:
    type: str
    commune: str | None = None
    departement: str | None = None
    place: str | None = None
    geo_precision: int = 3
    date_start: date | None = None
    date_end: date | None = None
    killed: int | None = None
    injured: int | None = None
    drugs: list[dict] = field(default_factory=list)
    weapons: list[dict] = field(default_factory=list)
    cash_eur: float | None = None
    count: int | None = None
    action: str | None = None
    networks_from: list[str] = field(default_factory=list)
    evidence: str = ""
    rules: list[str] = field(default_factory=list)  # the names of the rules that made it (press/rules/*.toml)
    own_date: bool = False  # dated by its own words, not its paragraph's (extraction only; not in the output)
    # marks the extraction leaves for counting.py's merges (not in the output; not compared: two events told alike
    # are equal however they were told)
    carried: bool = field(default=False, compare=False)  # placed by a town its sentence does not name
    another: bool = field(default=False, compare=False)  # told as another than the one before ("d'autres tirs")
    district: bool = field(default=False, compare=False)  # placed in a district of its town, not the town itself
    hit: int | None = field(default=None, compare=False)  # persons hit, the toll's own count (quantities.hit_count)
    story_date: tuple | None = field(default=None, compare=False)  # the latest event's (start, end) when it was told
    series: bool = field(default=False, compare=False)  # a series of shootings ("plusieurs fusillades")
    opened: bool = field(default=False, compare=False)  # a seizure named only as the find that opened a case
    near: str | None = field(default=None, compare=False)  # the town an unnamed place is near ("près de Valence")

    @property
    def time_precision(self) -> str:
        """day ≤ 3 days, week 4–15, month 16–92, year beyond; unknown when a bound is missing."""
        if self.date_start is None or self.date_end is None:
            return "unknown"
        days = (self.date_end - self.date_start).days + 1
        return "day" if days <= 3 else "week" if days <= 15 else "month" if days <= 92 else "year"

    def add_rule(self, name: str) -> None:
        """Name one more rule that made or changed the event, once."""
        if name not in self.rules:
            self.rules = [*self.rules, name]

    def amounts(self) -> dict[tuple[str, str], float]:
        """The measured drugs: (substance, unit) → quantity, those without a quantity left out."""
        return {(d["substance"], d["unit"]): d["quantity"] for d in self.drugs if d["quantity"] is not None}

    def to_dict(self) -> dict:
        out = asdict(self)
        out["date_start"] = self.date_start.isoformat() if self.date_start else None
        out["date_end"] = self.date_end.isoformat() if self.date_end else None
        out["time_precision"] = self.time_precision
        keys = (
            "type",
            "commune",
            "departement",
            "place",
            "geo_precision",
            "date_start",
            "date_end",
            "time_precision",
            "killed",
            "injured",
            "drugs",
            "weapons",
            "cash_eur",
            "count",
            "action",
            "networks_from",
            "evidence",
            "rules",
        )
        return {k: out[k] for k in keys}

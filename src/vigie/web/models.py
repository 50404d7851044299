"""The API's response models: the names of DESIGN.md (code, indicator, year, count, size_class, type…), one model per
answer, so that /docs documents every field and tests check every response against it.

The library returns plain JSON-ready dicts; these models only name and type what the API promises. A payload may
carry more fields than a model names (the library grows): they pass through, documented as additional properties.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator


class Open(BaseModel):
    """A model that keeps fields the library adds later (documented as additionalProperties)."""

    model_config = ConfigDict(extra="allow")


# ------------------------------------------------------------------------------------------------------------ errors


class Problem(BaseModel):
    parameter: str | None = Field(description="The query or path parameter at fault (null: the request as a whole).")
    message: str


class CommuneRef(Open):
    code: str = Field(description="INSEE code, 5 characters ('2A004', '79049').")
    name: str
    departement: str | None
    population: int | None
    size_class: str | None = Field(description="grande_ville, ville_moyenne, petite_ville or rural.")
    matched_name: str | None = Field(None, description="The name that matched the search (a former name, say).")


class Error(BaseModel):
    """Every error of the API has this shape, whatever its status."""

    status: int = Field(description="The HTTP status, repeated.")
    error: Literal["invalid_parameter", "not_found", "bad_request"]
    message: str = Field(description="What is wrong, in plain words.")
    parameter: str | None = Field(None, description="The first parameter at fault, when one is.")
    problems: list[Problem] = Field(default_factory=list, description="Every parameter at fault.")
    candidates: list[CommuneRef] = Field(
        default_factory=list, description="For an unknown or ambiguous town: the communes it may designate."
    )


# ------------------------------------------------------------------------------------------------------------ common


class Page(BaseModel):
    total: int = Field(description="Rows matching the question, before limit and offset.")
    limit: int
    offset: int


class Answer(Page):
    data_version: str = Field(description="Fingerprint of the files loaded (also in the ETag).")
    synthetic_commune_figures: bool = Field(
        description="True when the commune figures come from the synthetic panel (make_panel.py), not the SSMSI."
    )


# ---------------------------------------------------------------------------------------------------------- communes


class CommuneSearch(Page):
    query: str
    items: list[CommuneRef]


class SeriesPoint(Open):
    indicator: str
    year: int
    count: int | None = Field(description="Null when the SSMSI did not publish it (suppressed), never zero.")
    suppressed: bool
    complement_count: float | None = Field(description="The official complement of a suppressed cell.")
    population: int | None
    rate_per_1000: float | None


class Comparison(Open):
    indicator: str
    year: int
    rate_per_1000: float | None
    suppressed: bool | None
    size_class: str | None
    class_median_rate: float | None
    ratio_to_class_median: float | None
    rank_in_departement_class: int | None
    of_in_departement_class: int | None
    rank_in_class: int | None
    of_in_class: int | None


class ServiceYear(Open):
    service: str
    force: str
    year: int
    index: int = Field(description="Index of the état 4001 (01 règlements de comptes, 55–58 drugs).")
    count: int | None


class TownHotspot(Open):
    indicator: str
    year: int
    gi_z: float | None
    rise_z: float | None
    category: str
    inference: str | None


class TownOnset(Open):
    indicator: str
    onset_year: int
    confidence: str


class ArticleRef(Open):
    title: str | None
    url: str | None
    published: dt.date | None
    evidence: str | None = None


class TownEvent(Open):
    event_id: int | None = None
    type: str
    place: str | None
    date_start: dt.date | None
    date_end: dt.date | None
    killed: int | None
    injured: int | None
    articles: list[ArticleRef] | int | None = None


class Neighbour(Open):
    code: str
    name: str
    departement: str | None
    population: int | None
    category: str | None
    onset_year: int | None


class ForecastRow(Open):
    code: str
    probability: float | None = Field(None, description="Probability of the event forecast (see the forecast issue).")


class Profile(Open):
    """One town: what its page (/commune/{code}) and its report show."""

    code: str
    name: str
    departement: str | None
    population: int | None
    size_class: str | None
    synthetic_commune_figures: bool
    data_version: str
    series: list[SeriesPoint]
    comparison: list[Comparison]
    services: list[ServiceYear]
    hotspots: list[TownHotspot]
    onsets: list[TownOnset]
    events: list[TownEvent]
    neighbours: list[Neighbour] = Field(default_factory=list)
    class_medians: dict[str, dict[int, float | None]] = Field(
        default_factory=dict, description="indicator → year → median rate per 1,000 of the town's size class."
    )
    forecast: list[ForecastRow] | None = Field(
        None, description="The town's early-warning forecast when the warehouse holds one (else null)."
    )
    notes: list[str]


class Series(Answer):
    code: str
    name: str
    items: list[SeriesPoint]


# --------------------------------------------------------------------------------------------------------- hot spots


class HotspotRow(Open):
    code: str
    name: str
    year: int
    gi_z: float | None = Field(description="Gi* z of the level (empirical-Bayes rate).")
    p: float | None
    q: float | None = Field(description="Benjamini–Hochberg q of the level test.")
    rise_z: float | None = Field(description="Gi* z of the rise over the town's recent level.")
    rise_q: float | None
    category: str = Field(description="One of the 17 emerging hot-spot categories, as of `year`.")
    eb_rate: float | None
    suppressed: bool


class Hotspots(Answer):
    indicator: str
    year: int
    years: list[int]
    departement: str | None
    category: str | None
    inference: str
    alpha: float
    counts: dict[str, int] = Field(description="Towns by category in the selection (before the category filter).")
    hidden_rises: list[dict[str, Any]]
    notes: list[str]
    items: list[HotspotRow]


class Geometry(Open):
    type: str
    coordinates: list[Any]


class HotspotFeature(BaseModel):
    type: Literal["Feature"] = "Feature"
    properties: HotspotRow
    geometry: Geometry | None


class HotspotCollection(BaseModel):
    """GeoJSON (RFC 7946) of the same rows, for format=geojson; the answer's other fields are in `vigie`."""

    type: Literal["FeatureCollection"] = "FeatureCollection"
    features: list[HotspotFeature]
    vigie: dict[str, Any] = Field(description="indicator, year, total, limit, offset, data_version, notes…")


# ------------------------------------------------------------------------------------------------- onsets, diffusion


class OnsetRow(Open):
    code: str
    name: str
    onset_year: int
    confidence: str = Field(description="high, medium or low.")
    rise_ratio: float | None = Field(description="Level after over level before; null: a rise from 0.")


class Onsets(Answer):
    indicator: str
    departement: str | None
    notes: list[str]
    items: list[OnsetRow]


class OnsetsByClass(Open):
    onset_year: int
    size_class: str
    onsets: int
    share_pct: float


class DiffusionPoint(Open):
    code: str
    distance_km: float | None
    onset_year: int
    size_class: str
    used_for_speed: bool


class Diffusion(Open):
    indicator: str
    label: str
    min_distance_km: float
    speed_km_per_year: float | None = Field(description="Wave speed; null when no outward trend was found.")
    speed_low: float | None = Field(description="95 % interval, low end (null: unbounded).")
    speed_high: float | None = Field(description="95 % interval, high end (null: unbounded).")
    towns_used: int
    hubs: list[str]
    onsets_by_class: list[OnsetsByClass]
    points: list[DiffusionPoint]
    notes: list[str]
    data_version: str
    synthetic_commune_figures: bool


# ------------------------------------------------------------------------------------------------------------ spread


class ClassYear(Open):
    size_class: str
    year: int
    count: int | None
    count_published: int | None
    communes: int
    communes_recorded: int
    communes_suppressed: int
    rate_per_1000: float | None
    share_pct: float | None
    index_first_year: float | None
    suppressed_share_pct: float | None


class GrowthTest(Open):
    growth_big: float
    growth_medium: float
    ratio: float
    ci_low: float
    ci_high: float
    p_value: float
    n_communes: int
    n_obs: int
    left_out_suppressed: int
    years: list[int]


class SpreadIndicator(BaseModel):
    indicator: str
    label: str
    by_size_class: list[ClassYear]
    concentration: list[dict[str, Any]]
    growth_test: GrowthTest | None
    growth_sentence: str | None
    notes: list[str]


class Spread(BaseModel):
    data_version: str
    synthetic_commune_figures: bool
    departement: str | None
    years: list[int] | None
    indicators: list[SpreadIndicator]


# ------------------------------------------------------------------------------------------------------------ events


class Event(Open):
    event_id: int
    type: str = Field(description="shooting, seizure, dealing_point, intimidation, arrest or network_arrival.")
    commune: str | None
    commune_name: str | None
    departement: str | None
    place: str | None
    date_start: dt.date | None
    date_end: dt.date | None
    killed: int | None
    injured: int | None
    lon: float | None
    lat: float | None
    articles: list[ArticleRef]


class Events(Answer):
    items: list[Event]


# ------------------------------------------------------------------------------------------------------------ status


class Load(Open):
    load_id: int
    kind: str
    file: str
    rows: int
    edition: int | None
    synthetic: bool
    sha256: str
    loaded_at: str = Field(description="When it was loaded, as the warehouse stores it (YYYY-MM-DD HH:MM:SS).")

    @field_validator("loaded_at", mode="before")
    @classmethod
    def _text(cls, value):
        return str(value)


class StoredRun(Open):
    step: str
    indicator: str
    current: bool
    computed_at: str


class Status(BaseModel):
    data_version: str
    etag: str
    synthetic_commune_figures: bool
    commune_years: list[int]
    forecast: bool = Field(description="True when the warehouse holds the early-warning forecast.")
    analyses: list[StoredRun]
    loads: list[Load]

"""Paths and defaults. The only configuration Vigie has; everything else is passed in."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from vigie.errors import VigieError

APP = "vigie"


def data_dir() -> Path:
    """Where Vigie keeps its warehouse and downloads (VIGIE_HOME overrides the user data folder)."""
    home = os.environ.get("VIGIE_HOME")
    return Path(home) if home else Path(platformdirs.user_data_dir(APP))


def default_db() -> Path:
    return Path(os.environ.get("VIGIE_DB", data_dir() / "vigie.duckdb"))


def download_dir() -> Path:
    return data_dir() / "downloads"


def memory_limit() -> str:
    """DuckDB's memory cap for builds (VIGIE_MEMORY_LIMIT, e.g. "4GB"); beyond it, work spills to disk."""
    return os.environ.get("VIGIE_MEMORY_LIMIT", "2GB")


@dataclass(frozen=True)
class SizeClasses:
    """Town size classes by population (DESIGN.md). Override with VIGIE_SIZE_THRESHOLDS="2000,10000,100000"."""

    small: int = 2_000
    medium: int = 10_000
    big: int = 100_000

    def sql(self, population: str) -> str:
        """A SQL CASE expression giving the size class of a population column."""
        return (
            f"CASE WHEN {population} >= {self.big} THEN 'grande_ville' "
            f"WHEN {population} >= {self.medium} THEN 'ville_moyenne' "
            f"WHEN {population} >= {self.small} THEN 'petite_ville' ELSE 'rural' END"
        )

    def of(self, population: int) -> str:
        if population >= self.big:
            return "grande_ville"
        if population >= self.medium:
            return "ville_moyenne"
        return "petite_ville" if population >= self.small else "rural"


def size_classes() -> SizeClasses:
    raw = os.environ.get("VIGIE_SIZE_THRESHOLDS")
    if not raw:
        return SizeClasses()
    try:
        small, medium, big = (int(x) for x in raw.split(","))
    except ValueError:
        raise VigieError(
            f"VIGIE_SIZE_THRESHOLDS={raw!r}: expected three whole numbers, e.g. 2000,10000,100000"
        ) from None
    if not 0 < small < medium < big:
        raise VigieError(f"VIGIE_SIZE_THRESHOLDS={raw!r}: thresholds must increase")
    return SizeClasses(small, medium, big)


# Paris, Lyon and Marseille: the commune base carries both the city and its arrondissements.
PLM_PARENTS = {"75056": ("75101", "75120"), "69123": ("69381", "69389"), "13055": ("13201", "13216")}

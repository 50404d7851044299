"""`vigie build`: recognise every file in the given folders, load the official ones into the warehouse in one
transaction, and say what was skipped and why. Loading the same file twice changes nothing (SHA-256 in load_log)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from vigie.errors import VigieError
from vigie.geo import communes
from vigie.sources import etat4001, qpv, ssmsi
from vigie.sources.sniff import read_header
from vigie.warehouse import already_loaded, sha256, transaction

# loading order: the reference first (services are resolved against it)
ORDER = (
    "commune_reference",
    "departement_reference",
    "commune_epci",
    "commune_outlines",
    "district_list",
    "commune_base",
    "departement_base",
    "region_base",
    "etat4001_workbook",
    "etat4001_sheet",
)


@dataclass
class BuildReport:
    loaded: list[tuple[Path, str, int, str]] = field(default_factory=list)  # file, kind, rows, note
    unchanged: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    unresolved_services: list[tuple[str, str, str]] = field(default_factory=list)
    synthetic: bool = False


def classify(path: Path) -> tuple[str | None, str]:
    """(kind, reason): kind is None when the file is not one Vigie reads."""
    name = path.name.lower()
    if name.endswith((".md", ".txt", "license", ".pdf", ".docx")) or name == "manifest.json":
        return None, "documentation"
    if name == "communes.json":
        return "commune_reference", "decoupage-administratif communes"
    if name == "epci.json":
        return "commune_epci", "decoupage-administratif EPCI"
    if name == "departements.json":
        return "departement_reference", "decoupage-administratif départements"
    if name in ("regions.json", "arrondissements.json"):
        return None, "not needed"
    if ".geojson" in name:
        return "commune_outlines", "GeoJSON outlines"
    if name.endswith(".xlsx"):
        return "etat4001_workbook", "workbook"
    if qpv.is_qpv_list(path):
        return "district_list", "QPV list (quartiers prioritaires)"
    if name.endswith(".parquet") or name.endswith((".csv", ".csv.gz")):
        try:
            header = read_header(path)
        except VigieError as exc:
            return None, str(exc)
        keys = set(header.keys)
        if "geometry" in keys and "code" in keys:
            return "commune_outlines", "GeoParquet outlines"
        if ssmsi.is_commune_base(header):
            if not keys & {"indicateur", "classe"}:
                return None, (
                    "a wide reformatting of the commune base (one column per indicator), not the official long format"
                )
            return "commune_base", "SSMSI commune base"
        level = ssmsi.area_level(header)
        if level:
            return f"{level}_base", f"SSMSI {level} base"
        if header.columns and etat4001.TITLE.match(header.columns[0]):
            return "etat4001_sheet", "état 4001 sheet"
        return None, f"not an official SSMSI format (columns: {', '.join(header.columns[:6])}…)"
    if name.endswith(".json") or name.endswith(".json.gz"):
        return None, "a third-party JSON reformatting, not an official SSMSI file"
    return None, "not a file type Vigie reads"


def build(
    con: duckdb.DuckDBPyConnection,
    folders: list[Path],
    step: Callable[[str], None] = lambda _: None,
    replace: bool = False,
) -> BuildReport:
    """Load every recognised file under `folders`; all or nothing. `replace`: let a narrower commune base replace
    a wider one (ssmsi.load_commune_base)."""
    report = BuildReport()
    found: dict[str, list[Path]] = {k: [] for k in ORDER}
    for folder in folders:
        if not folder.is_dir():
            raise VigieError(f"{folder}: not a folder")
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            kind, reason = classify(path)
            if kind:
                found[kind].append(path)
            else:
                report.skipped.append((path, reason))
    bases = found["commune_base"]
    if len(bases) > 1:  # the parquet and the csv.gz of an edition hold the same data: keep one
        keep = sorted(bases, key=lambda p: (not p.name.endswith(".parquet"), p.name))[0]
        report.skipped += [
            (p, f"another commune base is loaded ({keep.name}); only one is kept") for p in bases if p != keep
        ]
        found["commune_base"] = [keep]
    with transaction(con):
        for kind in ORDER:
            for path in found[kind]:
                step(f"{kind.replace('_', ' ')}: {path.name}")
                checksum = sha256(path)
                if already_loaded(con, checksum):
                    report.unchanged.append(path)
                    continue
                rows, note, edition, synthetic = _load(con, kind, path, checksum, replace)
                report.loaded.append((path, kind, rows, note))
                report.synthetic |= synthetic
        report.unresolved_services = con.execute(
            "SELECT force, departement, name FROM service WHERE territorial AND code IS NULL ORDER BY ALL"
        ).fetchall()
    return report


def _load(con, kind: str, path: Path, checksum: str, replace: bool = False) -> tuple[int, str, int | None, bool]:
    load_id = con.execute("SELECT nextval('load_id_seq')").fetchone()[0]
    note, edition, synthetic = "", None, False
    if kind == "commune_reference":
        rows = communes.load_reference(con, path)
    elif kind == "departement_reference":
        rows = communes.load_departements(con, path)
    elif kind == "commune_epci":
        communes.attach_epci(con, path)
        rows = con.execute("SELECT count(*) FROM commune WHERE epci IS NOT NULL").fetchone()[0]
    elif kind == "commune_outlines":
        _need_reference(con, path)
        rows = communes.load_outlines(con, path)
    elif kind == "district_list":
        _need_reference(con, path)
        rows, note = qpv.load(con, path)
    elif kind == "commune_base":
        synthetic = "synth" in path.name.lower()
        rows, edition = ssmsi.load_commune_base(con, read_header(path), load_id, replace)
        note = "SYNTHETIC panel (make_panel.py), not official figures" if synthetic else ""
        # status lists every file loaded: say that the earlier commune bases no longer count
        con.execute(
            "UPDATE load_log SET note = concat_ws('; ', note, ?) WHERE kind = 'commune_base' "
            "AND (note IS NULL OR note NOT LIKE '%replaced by%')",
            [f"replaced by {path.name} (load {load_id})"],
        )
    elif kind in ("departement_base", "region_base"):
        rows, edition = ssmsi.load_area_base(con, read_header(path), kind.split("_")[0], load_id)
        note = f"edition {edition}"
    else:
        _need_reference(con, path)
        sheets = etat4001.read_workbook(path) if kind == "etat4001_workbook" else [etat4001.read_csv_sheet(path)]
        rows, notes = etat4001.load_sheets(con, sheets, load_id)
        note = "; ".join(notes)
    con.execute(
        "INSERT INTO load_log (load_id, file, kind, sha256, rows, edition, synthetic, note) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [load_id, str(path), kind, checksum, rows, edition, synthetic, note or None],
    )
    return rows, note, edition, synthetic


def _need_reference(con, path: Path) -> None:
    if not con.execute("SELECT 1 FROM commune LIMIT 1").fetchone():
        raise VigieError(
            f"{path}: load the commune reference (communes.json) first; it is needed to place outlines and services"
        )


def summary(con: duckdb.DuckDBPyConnection) -> dict:
    """What the warehouse holds, for `vigie build` and `vigie status`."""
    q = lambda sql: con.execute(sql).fetchone()  # noqa: E731
    return {
        "communes": q("SELECT count(*) FROM commune WHERE kind = 'commune'")[0],
        "commune_facts": q("SELECT count(*) FROM commune_fact")[0],
        "commune_years": q("SELECT min(year), max(year) FROM commune_fact"),
        "area_editions": con.execute(
            "SELECT level, edition, count(*) FROM area_fact GROUP BY ALL ORDER BY ALL"
        ).fetchall(),
        "service_years": q("SELECT min(year), max(year), count(DISTINCT service_id) FROM service_fact"),
        "services": con.execute("""SELECT force, territorial, code IS NOT NULL, count(*) FROM service
                                   GROUP BY ALL ORDER BY ALL""").fetchall(),
    }

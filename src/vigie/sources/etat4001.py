"""État 4001 by service: the 107 indices of recorded crime per police service (PN) and gendarmerie company (GN)
per year, from the official workbook (one sheet per force and year) or its per-sheet CSV exports.

Index 01 is "Règlements de comptes entre malfaiteurs"; 55–58 are the drug offences. Each territorial service is
mapped to the commune it is named after ("CIAT DE VILLERUPT" → 54580); non-territorial services (CRS, PAF, PJ…)
are kept apart and the names that cannot be resolved are reported.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from vigie.errors import VigieError
from vigie.geo.names import name_key
from vigie.warehouse import insert_rows

TITLE = re.compile(r"Ann[ée]e\s+(\d{4})\s*-\s*(services de police|compagnies de gendarmerie)", re.I)
SHEET = re.compile(r"Services (PN|GN) (\d{4})$")
# service-name prefixes of territorial units, longest first
TERRITORIAL = (
    "CIAT CENTRAL",
    "CIAT SUB",
    "CSP CENTRAL",
    "CIAT",
    "CISP",
    "CSP",
    "CS",
    "DSP",
    "COMMISSARIAT",
    "CGD",
    "DTSP75",
    "DTSP92",
    "DTSP93",
    "DTSP94",
)
LINKS = ("DE ", "D'", "DU ", "DES ")
INDICES = range(1, 108)


@dataclass
class Sheet:
    source: str  # file (and sheet) for messages
    force: str  # PN or GN
    year: int
    departements: list[str]
    perimeters: list[str | None]
    services: list[str]
    counts: dict[int, list[int]] = field(default_factory=dict)
    labels: dict[int, str] = field(default_factory=dict)


def parse_sheet(rows: list[list], source: str) -> Sheet:
    """Parse one sheet given as rows of cells; errors name the row and column."""
    rows = [["" if c is None else str(c).strip() for c in row] for row in rows]
    title = TITLE.match(rows[0][0]) if rows and rows[0] else None
    if not title:
        raise VigieError(
            f"{source}: cell A1 should read 'Année YYYY - services de police' or "
            f"'… - compagnies de gendarmerie', found {rows[0][0] if rows and rows[0] else ''!r}"
        )
    year, force = int(title.group(1)), "PN" if "police" in title.group(2).lower() else "GN"
    try:
        header_at = next(i for i, r in enumerate(rows[:6]) if r and r[0].lower() == "code index")
    except StopIteration:
        raise VigieError(
            f"{source}: no 'Code index' header row in the first 6 rows; "
            "the sheet is not laid out like the official état 4001 by service"
        ) from None
    header = rows[header_at]
    width = max(i for i, cell in enumerate(header) if cell) + 1  # trailing empty columns are formatting
    departements = [re.sub(r"\.\d+$", "", d) for d in rows[0][2:width]]
    perim_row = next((r for r in rows[1:header_at] if len(r) > 1 and r[1].lower().startswith("p")), None)
    perimeters = perim_row[2:width] if perim_row else [None] * (width - 2)
    services = rows[header_at][2:width]
    if any(not s for s in services):
        col = services.index("") + 3
        raise VigieError(f"{source}: row {header_at + 1}, column {col}: a service has no name")
    sheet = Sheet(
        source, force, year, [d.zfill(2) if d.isdigit() else d for d in departements], list(perimeters), services
    )
    for r, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        if not row or not row[0]:
            continue
        try:
            idx = int(float(row[0]))
        except ValueError:
            raise VigieError(f"{source}: row {r}, column 1: index code {row[0]!r} is not a number") from None
        if idx not in INDICES:
            raise VigieError(f"{source}: row {r}: index {idx} is outside 1–107")
        if len(row) < width:
            raise VigieError(f"{source}: row {r} has {len(row)} cells, expected {width}")
        values = []
        for c, cell in enumerate(row[2:width], start=3):
            try:
                value = int(float(cell)) if cell else 0
            except ValueError:
                raise VigieError(
                    f"{source}: row {r}, column {c} ({services[c - 3]}): {cell!r} is not a count"
                ) from None
            if value < 0:
                raise VigieError(f"{source}: row {r}, column {c}: negative count {value}")
            values.append(value)
        sheet.counts[idx] = values
        sheet.labels[idx] = row[1]
    missing = [i for i in (1, 55, 56, 57, 58) if i not in sheet.counts]
    if missing:
        raise VigieError(f"{source}: index rows {missing} are missing (expected the 107 état 4001 indices)")
    return sheet


def read_csv_sheet(path: Path) -> Sheet:
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
    except UnicodeDecodeError as exc:
        raise VigieError(f"{path}: not UTF-8 text ({exc.reason})") from None
    return parse_sheet(rows, str(path))


def read_workbook(path: Path) -> list[Sheet]:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a bad file
        raise VigieError(f"{path}: not a readable xlsx workbook ({exc})") from None
    sheets = []
    for name in book.sheetnames:
        if SHEET.match(name):
            rows = [list(r) for r in book[name].iter_rows(values_only=True)]
            sheet = parse_sheet(rows, f"{path} [sheet {name!r}]")
            force, year = SHEET.match(name).groups()
            if (sheet.force, sheet.year) != (force, int(year)):
                raise VigieError(f"{path} [sheet {name!r}]: its title says {sheet.force} {sheet.year}")
            sheets.append(sheet)
    book.close()
    if not sheets:
        raise VigieError(f"{path}: no sheet named 'Services PN YYYY' or 'Services GN YYYY'")
    return sheets


def service_place(name: str) -> tuple[str | None, str | None]:
    """('CIAT', 'VILLERUPT') for 'CIAT DE VILLERUPT'; (None, None) for a non-territorial service."""
    upper = " ".join(name.upper().split())
    for prefix in TERRITORIAL:
        if upper == prefix or upper.startswith(prefix + " "):
            rest = upper[len(prefix) :].strip()
            for link in sorted(LINKS, key=len, reverse=True):
                if rest.startswith(link):
                    rest = rest[len(link) :]
                    break
            return prefix, rest or None
    return None, None


class ServiceResolver:
    """Resolve a service's place name to a commune of its département.

    In order: the whole name, then its longest leading words ("CISP DE TARASCON BEAUCAIRE" → Tarascon), then a
    commune whose name starts with those words ("CIAT DE DIGNE" → Digne-les-Bains), the most populous first.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection):
        self.by_dep: dict[str, dict[str, str]] = {}
        rows = con.execute("""SELECT c.departement, n.name_key, n.code FROM commune_name n JOIN commune c USING (code)
                              ORDER BY n.kind = 'commune', c.population NULLS FIRST""").fetchall()
        for dep, key, code in rows:  # current and larger communes come last, so they win
            self.by_dep.setdefault(dep, {})[key] = code

    def resolve(self, name: str, departement: str) -> tuple[bool, str | None, str]:
        prefix, place = service_place(name)
        if prefix is None:
            return False, None, "non-territorial service"
        if place is None:
            return True, None, "unresolved: no place in the name"
        arrondissement = re.match(r"(\d+)(ER|EME|E)\s+ARRONDISSEMENT", place)
        if arrondissement and departement == "75":
            return True, f"751{int(arrondissement.group(1)):02d}", "Paris arrondissement"
        names = self.by_dep.get(departement, {})
        words = name_key(place).split()
        for n in range(len(words), 0, -1):
            code = names.get(" ".join(words[:n]))
            if code:
                return True, code, "exact" if n == len(words) else f"leading words ({' '.join(words[:n])})"
        for n in range(len(words), 0, -1):
            start = " ".join(words[:n]) + " "
            hits = [code for key, code in names.items() if key.startswith(start)]
            if hits:
                return True, hits[-1], f"commune name starting with {start.strip()!r}"
        return True, None, f"unresolved: no commune named {place!r} in département {departement}"


def load_sheets(con: duckdb.DuckDBPyConnection, sheets: list[Sheet], load_id: int) -> tuple[int, list[str]]:
    """Store sheets (replacing the same force and year from any earlier file); returns rows and notes."""
    resolver = ServiceResolver(con)
    services, facts, notes = {}, [], []
    for sheet in sheets:
        removed = con.execute(
            """DELETE FROM service_fact WHERE year = ? AND service_id IN
                                 (SELECT service_id FROM service WHERE force = ?) RETURNING 1""",
            [sheet.year, sheet.force],
        ).fetchall()
        if removed:
            notes.append(f"{sheet.force} {sheet.year} replaces the same year loaded from an earlier file")
        seen = set()
        for col, (dep, perimeter, name) in enumerate(
            zip(sheet.departements, sheet.perimeters, sheet.services, strict=True)
        ):
            service_id = f"{sheet.force}|{dep}|{name}"
            if service_id in seen:
                raise VigieError(f"{sheet.source}: service {name!r} of département {dep} appears twice")
            seen.add(service_id)
            if service_id not in services:
                territorial, code, how = resolver.resolve(name, dep)
                if sheet.force == "PN" and perimeter and perimeter not in ("DCSP", "DSPAP"):
                    territorial, code, how = False, None, f"non-territorial service ({perimeter})"
                services[service_id] = (service_id, sheet.force, dep, name, perimeter, territorial, code, how)
            for idx, values in sheet.counts.items():
                facts.append((service_id, sheet.year, idx, values[col], load_id))
    con.execute("CREATE TEMP TABLE IF NOT EXISTS _svc AS SELECT * FROM service LIMIT 0")
    con.execute("DELETE FROM _svc")
    insert_rows(
        con,
        "_svc",
        list(services.values()),
        ["service_id", "force", "departement", "name", "perimeter", "territorial", "code", "resolution"],
    )
    con.execute("INSERT OR REPLACE INTO service SELECT * FROM _svc")
    insert_rows(con, "service_fact", facts, ["service_id", "year", "idx", "count", "load_id"])
    labels = {i: lab for sheet in sheets for i, lab in sheet.labels.items()}
    con.execute("DELETE FROM etat4001_index WHERE idx IN (SELECT unnest(?))", [list(labels)])
    insert_rows(con, "etat4001_index", sorted(labels.items()), ["idx", "label"])
    return len(facts), notes

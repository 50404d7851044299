"""The commune reference: codes, names, départements, populations, outlines, size classes and old → current codes.

Read from Etalab's `@etalab/decoupage-administratif` (INSEE's Code officiel géographique) and the Etalab/IGN commune
outlines (GeoParquet). Lookups tolerate case, accents, articles and hyphens; ambiguous names return every candidate.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import numpy as np

from vigie.config import PLM_PARENTS, size_classes
from vigie.errors import VigieError
from vigie.geo.names import name_key
from vigie.warehouse import insert_rows, literal

if TYPE_CHECKING:  # pyarrow, shapely and rapidfuzz load in 0.2 s; most commands need only departement_of
    import pyarrow as pa

COG_TYPES = {
    "commune-actuelle": "commune",
    "arrondissement-municipal": "arrondissement",
    "commune-deleguee": "deleguee",
    "commune-associee": "associee",
}


def departement_of(code: str) -> str:
    """'26362' → '26', '2A004' → '2A', '97411' → '974'."""
    return code[:3] if code.startswith("97") else code[:2]


def plm_parent(code: str) -> str | None:
    for parent, (first, last) in PLM_PARENTS.items():
        if first <= code <= last and len(code) == 5 and code[:2] == first[:2]:
            return parent
    return None


def read_cog(path: Path) -> list[dict]:
    """Read communes.json and check it looks like decoupage-administratif's."""
    try:
        rows = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise VigieError(f"{path}: not a readable JSON commune list ({exc})") from None
    if not isinstance(rows, list) or not rows or not isinstance(rows[0], dict):
        raise VigieError(f"{path}: expected a JSON list of communes (decoupage-administratif communes.json)")
    for i, row in enumerate(rows):
        missing = {"code", "nom", "type"} - row.keys()
        if missing:
            raise VigieError(f"{path}: commune #{i + 1} lacks field(s) {', '.join(sorted(missing))}")
        if row["type"] not in COG_TYPES:
            raise VigieError(f"{path}: commune #{i + 1} ({row['code']}) has unknown type {row['type']!r}")
    return rows


def load_reference(con: duckdb.DuckDBPyConnection, cog_path: Path) -> int:
    """Replace the commune reference tables from communes.json; returns the number of current communes."""
    rows = read_cog(cog_path)
    communes, names, code_map, postcodes = [], [], {}, []
    for row in rows:
        kind = COG_TYPES[row["type"]]
        if kind in ("commune", "arrondissement"):
            parent = plm_parent(row["code"]) if kind == "arrondissement" else None
            communes.append(
                (
                    row["code"],
                    row["nom"],
                    row.get("departement"),
                    row.get("region"),
                    row.get("epci") if isinstance(row.get("epci"), str) else None,
                    row.get("population"),
                    kind,
                    parent,
                )
            )
            code_map.setdefault(row["code"], row["code"])
            for old in row.get("anciensCodes") or ():
                code_map.setdefault(old, row["code"])
            names.append((name_key(row["nom"]), row["nom"], row["code"], kind))
            postcodes += [(p, row["code"]) for p in row.get("codesPostaux") or () if kind == "commune"]
        else:  # delegated / associated communes: former communes inside a current one
            current = row.get("chefLieu") or row.get("commune")
            if current:
                names.append((name_key(row["nom"]), row["nom"], current, kind))
                code_map.setdefault(row["code"], current)
    con.execute("DELETE FROM commune")
    con.execute("DELETE FROM commune_name")
    con.execute("DELETE FROM commune_code_map")
    con.execute("DELETE FROM commune_postcode")
    insert_rows(con, "commune_postcode", postcodes, ["postcode", "code"])
    insert_rows(
        con, "commune", communes, ["code", "name", "departement", "region", "epci", "population", "kind", "parent"]
    )
    insert_rows(con, "commune_name", names, ["name_key", "name", "code", "kind"])
    insert_rows(con, "commune_code_map", list(code_map.items()), ["old_code", "code"])
    # parents of PLM take the sum of their arrondissements' population when the COG gives none
    con.execute("""UPDATE commune c SET population = s.pop FROM (
        SELECT parent, sum(population) AS pop FROM commune WHERE parent IS NOT NULL GROUP BY parent) s
        WHERE c.code = s.parent AND c.population IS NULL""")
    return sum(1 for c in communes if c[6] == "commune")


def load_outlines(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    """Store outlines (WKB) and set each commune's representative point (a point inside its outline)."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    import shapely

    if ".geojson" in path.name:
        table = read_geojson_outlines(path)
    else:
        try:
            table = pq.read_table(path, columns=["code", "geometry"])
        except (OSError, pa.ArrowException, KeyError) as exc:
            raise VigieError(f"{path}: not a GeoParquet file with columns code, geometry ({exc})") from None
    geoms = shapely.from_wkb(table.column("geometry").to_numpy(zero_copy_only=False), on_invalid="ignore")
    bad = np.flatnonzero(shapely.is_missing(geoms))
    if len(bad):
        raise VigieError(f"{path}: row {bad[0] + 1} has no readable geometry")
    points = shapely.point_on_surface(geoms)
    frame = pa.table(
        {
            "code": table.column("code").cast(pa.string()),
            "wkb": table.column("geometry"),
            "lon": shapely.get_x(points),
            "lat": shapely.get_y(points),
        }
    )
    con.register("outline_src", frame)
    try:
        con.execute("DELETE FROM commune_outline")
        con.execute("INSERT INTO commune_outline SELECT code, wkb FROM outline_src")
        con.execute("UPDATE commune c SET lon = o.lon, lat = o.lat FROM outline_src o WHERE c.code = o.code")
        # PLM parents: the centroid of their arrondissements' points
        con.execute("""UPDATE commune c SET lon = s.lon, lat = s.lat FROM (
            SELECT parent, avg(lon) lon, avg(lat) lat FROM commune WHERE parent IS NOT NULL GROUP BY parent) s
            WHERE c.code = s.parent AND c.lon IS NULL""")
    finally:
        con.unregister("outline_src")
    return frame.num_rows


def read_geojson_outlines(path: Path) -> pa.Table:
    """Etalab's contours administratifs (GeoJSON, optionally gzipped) as a (code, WKB) table."""
    import gzip

    import pyarrow as pa
    import shapely

    opener = gzip.open if path.name.endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8") as fh:
            features = json.load(fh)["features"]
        codes = [f["properties"]["code"] for f in features]
        geoms = shapely.from_geojson([json.dumps(f["geometry"]) for f in features])
    except (OSError, ValueError, KeyError, TypeError, shapely.errors.GEOSException) as exc:
        raise VigieError(
            f"{path}: not a GeoJSON FeatureCollection of communes with a 'code' property ({exc})"
        ) from None
    return pa.table({"code": codes, "geometry": shapely.to_wkb(geoms)})


def load_departements(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    """Département codes, names and chef-lieu (decoupage-administratif's departements.json)."""
    try:
        rows = [
            (d["code"], d["nom"], d.get("region"), d.get("chefLieu"))
            for d in json.loads(path.read_text(encoding="utf-8"))
        ]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise VigieError(f"{path}: not decoupage-administratif's departements.json ({exc})") from None
    con.execute("DELETE FROM departement")
    insert_rows(con, "departement", rows, ["code", "name", "region", "chef_lieu"])
    return len(rows)


def attach_epci(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Fill commune.epci from decoupage-administratif's epci.json (members of each EPCI)."""
    try:
        epcis = json.loads(path.read_text(encoding="utf-8"))
        pairs = [(m["code"], e["code"]) for e in epcis for m in e.get("membres", [])]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise VigieError(f"{path}: not decoupage-administratif's epci.json ({exc})") from None
    con.execute("CREATE TEMP TABLE IF NOT EXISTS _epci (code VARCHAR, epci VARCHAR)")
    con.execute("DELETE FROM _epci")
    insert_rows(con, "_epci", pairs, ["code", "epci"])
    con.execute("UPDATE commune c SET epci = e.epci FROM _epci e WHERE c.code = e.code")


@dataclass
class Commune:
    code: str
    name: str
    departement: str | None
    population: int | None
    size_class: str | None
    matched_name: str | None = None
    note: str | None = None  # how the query was understood, when it could be misread (a postcode, a former name)


def _communes(con, codes: list[str], matched: dict[str, str] | None = None) -> list[Commune]:
    if not codes:
        return []
    sc = size_classes()
    rows = con.execute(
        "SELECT code, name, departement, population FROM commune WHERE code IN (SELECT unnest(?)) "
        "ORDER BY population DESC NULLS LAST",
        [codes],
    ).fetchall()
    return [Commune(c, n, d, p, sc.of(p) if p is not None else None, (matched or {}).get(c)) for c, n, d, p in rows]


def find_communes(
    con: duckdb.DuckDBPyConnection, query: str, departement: str | None = None, fuzzy: bool = True
) -> list[Commune]:
    """Every commune a name or code may designate, largest first.

    Exact matches on the normalised name come first (current names, then former delegated names);
    only when there are none, close spellings (rapidfuzz normalised Levenshtein similarity ≥ 85) are offered.
    """
    query = query.strip()
    if not query:
        raise VigieError("give a commune name or INSEE code")
    code_like = query.upper()
    if len(code_like) == 5 and (code_like.isdigit() or code_like[:2] in ("2A", "2B")):
        return _by_code(con, code_like)
    key = name_key(query)
    sql = "SELECT DISTINCT n.code, n.name, n.kind FROM commune_name n JOIN commune c USING (code) WHERE n.name_key = ?"
    params: list = [key]
    if departement:
        sql += " AND c.departement = ?"
        params.append(departement)
    hits = con.execute(sql, params).fetchall() + _compound_parts(con, key, departement)
    if hits:
        return _prefer_commune_nouvelle(con, hits)
    if not fuzzy:
        return []
    names = con.execute(
        "SELECT DISTINCT n.name_key, n.code, n.name FROM commune_name n JOIN commune c USING (code)"
        + (" WHERE c.departement = ?" if departement else ""),
        [departement] if departement else [],
    ).fetchall()
    keys = [n[0] for n in names]
    from rapidfuzz import fuzz, process

    found = process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=85, limit=10)
    codes = {names[i][1]: names[i][2] for _, _, i in found}
    return _communes(con, list(codes), codes)


def _by_code(con: duckdb.DuckDBPyConnection, code: str) -> list[Commune]:
    """An INSEE code (current or former), or a postcode: a five-digit number may be either, and is said to be."""
    row = con.execute("SELECT code FROM commune_code_map WHERE old_code = ?", [code]).fetchone()
    has_postcodes = con.execute("SELECT 1 FROM duckdb_tables() WHERE table_name = 'commune_postcode'").fetchone()
    posted = (
        [r[0] for r in con.execute("SELECT code FROM commune_postcode WHERE postcode = ?", [code]).fetchall()]
        if has_postcodes
        else []
    )
    posted_towns = _communes(con, posted)
    listed = ", ".join(f"{c.name} ({c.code})" for c in posted_towns[:8])
    if row:
        found = _communes(con, [row[0]])
        others = [c for c in posted_towns if c.code != row[0]]
        if found and others:
            found[0].note = (
                f"{code} is the INSEE code of {found[0].name}; as a postcode it is "
                + ", ".join(f"{c.name} ({c.code})" for c in others[:8])
                + ": give that INSEE code for the town of that postcode."
            )
        return found
    if len(posted_towns) == 1:
        posted_towns[0].note = f"{code} is not an INSEE code: read as the postcode of {posted_towns[0].name}."
        return posted_towns
    if posted_towns:
        raise VigieError(
            f"{code} is not an INSEE code but the postcode of several communes: {listed}. Give the INSEE code."
        )
    return []


def _compound_parts(con: duckdb.DuckDBPyConnection, key: str, departement: str | None) -> list[tuple]:
    """Communes nouvelles whose compound name has a part equal to the query (Évry-Courcouronnes for "Évry"): the
    COG keeps no delegated commune for some mergers, so the former name survives only in the new one. Returned
    as (code, part, "former") hits; looked up here only, so that the press and the services are not affected."""
    rows = con.execute(
        """SELECT c.code, c.name FROM commune c WHERE c.kind = 'commune' AND c.name LIKE '%-%'
           AND EXISTS (SELECT 1 FROM commune_code_map m WHERE m.code = c.code AND m.old_code <> c.code)"""
        + (f" AND c.departement = {literal(departement)}" if departement else "")
    ).fetchall()
    return [
        (code, part, "former")
        for code, name in rows
        for part in name.split("-")
        if len(part) >= 4 and part[0].isupper() and part not in ("Saint", "Sainte") and name_key(part) == key
    ]


def _prefer_commune_nouvelle(con: duckdb.DuckDBPyConnection, hits: list[tuple]) -> list[Commune]:
    """The communes a name designates, current names first; but when a former (delegated) name of a commune
    nouvelle is ten times as populous as every current commune of that name ("Évry": Évry-Courcouronnes, 66,919
    inhabitants, against Évry in the Yonne, 402), that is the town people mean: it alone is returned, with a note
    listing the others."""
    matched = {h[0]: h[1] for h in hits}
    current = _communes(con, [h[0] for h in hits if h[2] in ("commune", "arrondissement")], matched)
    former = _communes(con, [h[0] for h in hits if h[2] not in ("commune", "arrondissement")], matched)
    former = [f for f in former if f.code not in {c.code for c in current}]
    if former and current:
        top = former[0]
        if (top.population or 0) >= 10 * max((c.population or 0) for c in current):
            others = [*current, *former[1:]]
            listed = ", ".join(
                f"{c.name} ({c.departement}, code {c.code}, {c.population or 0:,} inhabitants)" for c in others[:8]
            )
            top.note = (
                f"{top.matched_name or top.name} is a former commune, now part of {top.name} ({top.code}), which is "
                f"taken as the town meant; also named so: {listed}."
            )
            return [top]
    return current or former


def geojson(con: duckdb.DuckDBPyConnection, rows: list[dict]) -> dict:
    """A FeatureCollection of the rows' towns (Paris, Lyon and Marseille drawn from their arrondissements)."""
    import shapely
    import shapely.geometry

    codes = [r["code"] for r in rows]
    found = con.execute(
        """SELECT coalesce(c.parent, o.code) AS town, list(o.wkb) FROM commune_outline o
                           LEFT JOIN commune c ON c.code = o.code
                           WHERE coalesce(c.parent, o.code) IN (SELECT unnest(?)) GROUP BY town""",
        [codes],
    ).fetchall()
    shapes = {code: shapely.union_all(shapely.from_wkb(parts)) for code, parts in found}
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": row,
                "geometry": shapely.geometry.mapping(shapes[row["code"]]) if row["code"] in shapes else None,
            }
            for row in rows
        ],
    }

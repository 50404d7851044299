"""`vigie fetch`: get the official files into the download cache.

Each source is resolved through the data.gouv.fr API (the current resource of the dataset), with a pinned URL as a
fallback. Downloads resume from a partial file (HTTP Range), show progress, and their SHA-256 goes in a manifest
(and, at build time, in the warehouse's load_log). `--from DIR` takes the files from a local folder instead.
"""

from __future__ import annotations

import json
import re
import shutil
import tarfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

from vigie.errors import VigieError
from vigie.warehouse import sha256

API = "https://www.data.gouv.fr/api/1"
SSMSI_DATASET = (
    "bases-statistiques-communale-departementale-et-regionale-de-la-delinquance-enregistree-"
    "par-la-police-et-la-gendarmerie-nationales"
)
STATIC = f"https://static.data.gouv.fr/resources/{SSMSI_DATASET}"
TIMEOUT = httpx.Timeout(30.0, connect=10.0)


@dataclass(frozen=True)
class Source:
    """One official file: how to find its current version, and a pinned URL that worked when written."""

    name: str
    dataset: str | None  # data.gouv.fr dataset slug
    pattern: str | None  # regex on the resource's title or URL
    fallback: str
    unpack: str | None = None  # "npm" for a package tarball whose data/ folder we keep
    optional: bool = False  # not needed for the statistics: a failed download is reported and the rest goes on


SOURCES = [
    Source(
        "commune base",
        SSMSI_DATASET,
        r"donnee-data\.gouv-\d{4}-geographie\d{4}-produit-le.*\.csv\.gz$",
        f"{STATIC}/20260326-124144/donnee-data.gouv-2025-geographie2025-produit-le2026-02-03.csv.gz",
    ),
    Source(
        "département base",
        SSMSI_DATASET,
        r"donnee-dep-data\.gouv-\d{4}-.*\.csv$",
        f"{STATIC}/20260129-160318/donnee-dep-data.gouv-2025-geographie2025-produit-le2026-01-22.csv",
    ),
    Source(
        "région base",
        SSMSI_DATASET,
        r"donnee-reg-data\.gouv-\d{4}-.*\.csv$",
        f"{STATIC}/20260129-160318/donnee-reg-data.gouv-2025-geographie2025-produit-le2026-01-22.csv",
    ),
    Source(
        "état 4001 by service",
        "crimes-et-delits-enregistres-par-les-services-de-gendarmerie-et-de-police-depuis-2012",
        r"\.xlsx$",
        "https://www.data.gouv.fr/fr/datasets/r/d792092f-b1f7-4180-a367-d043200c1520",
    ),
    Source(
        "commune reference (COG)",
        None,
        None,
        "https://registry.npmjs.org/@etalab/decoupage-administratif/-/decoupage-administratif-6.0.0.tgz",
        unpack="npm",
    ),
    Source(  # the district gazetteer of the press monitor (sources/qpv.py); no pinned URL known, hence optional
        "QPV list (quartiers prioritaires 2024)",
        "quartiers-prioritaires-de-la-politique-de-la-ville-qpv",
        r"liste.*quartiers prioritaires.*2024.*csv|liste[_-]?qp[_-]?2024.*\.csv$",
        "",
        optional=True,
    ),
    Source(
        "commune outlines",
        None,
        None,
        "https://etalab-datasets.geo.data.gouv.fr/contours-administratifs/2024/geojson/communes-100m.geojson.gz",
    ),
]


def resolve(client: httpx.Client, source: Source, api: str = API) -> str:
    """The current URL of a source's file, from the data.gouv.fr API; the pinned URL when that fails."""
    if not source.dataset:
        return source.fallback
    try:
        response = client.get(f"{api}/datasets/{source.dataset}/")
        response.raise_for_status()
        resources = response.json().get("resources", [])
    except (httpx.HTTPError, ValueError):
        return source.fallback
    pattern = re.compile(source.pattern or ".", re.I)
    for resource in resources:
        url = resource.get("url") or ""
        if pattern.search(resource.get("title") or "") or pattern.search(url):
            return url
    return source.fallback


def file_name(url: str, response: httpx.Response | None = None) -> str:
    if response is not None:
        disposition = response.headers.get("content-disposition", "")
        match = re.search(r'filename="?([^";]+)"?', disposition)
        if match:
            return Path(match.group(1)).name
        url = str(response.url)
    return Path(httpx.URL(url).path).name or "download"


def download(
    client: httpx.Client, url: str, folder: Path, progress: Callable[[int, int | None], None] | None = None
) -> Path:
    """Download `url` into `folder`, resuming a previous partial download; returns the final path."""
    folder.mkdir(parents=True, exist_ok=True)
    part = folder / (re.sub(r"[^A-Za-z0-9._-]", "_", url)[-120:] + ".part")
    done = part.stat().st_size if part.exists() else 0
    headers = {"Range": f"bytes={done}-"} if done else {}
    try:
        with client.stream("GET", url, headers=headers, follow_redirects=True) as response:
            if response.status_code == 416:  # already complete
                response = None
            else:
                response.raise_for_status()
                resumed = response.status_code == 206
                if not resumed:
                    done = 0
                total = response.headers.get("content-length")
                total = int(total) + done if total is not None else None
                with open(part, "ab" if resumed else "wb") as fh:
                    for chunk in response.iter_bytes(1 << 16):
                        fh.write(chunk)
                        done += len(chunk)
                        if progress:
                            progress(done, total)
                if total is not None and done < total:
                    raise VigieError(f"{url}: the download stopped at {done} of {total} bytes; run again to resume")
            name = file_name(url, response)
    except httpx.HTTPStatusError as exc:
        raise VigieError(
            f"cannot download {url}: the server answered {exc.response.status_code} "
            f"{exc.response.reason_phrase}. Download the file by hand and use `vigie fetch --from DIR`"
        ) from None
    except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
        host = httpx.URL(url).host
        raise VigieError(
            f"no network: cannot reach {host} ({exc}). Download the files elsewhere and use `vigie fetch --from DIR`"
            " (or `vigie build --from DIR`)"
        ) from None
    except httpx.HTTPError as exc:
        raise VigieError(
            f"cannot download {url}: {exc}. Without network, download the file by hand and use `vigie fetch --from DIR`"
        ) from None
    final = folder / name
    part.replace(final)
    return final


def unpack_npm(tarball: Path, folder: Path) -> list[Path]:
    """Keep the JSON files of an npm package's data/ folder."""
    out = []
    with tarfile.open(tarball) as tar:
        for member in tar.getmembers():
            if member.isfile() and re.fullmatch(r"package/data/[\w-]+\.json", member.name):
                target = folder / Path(member.name).name
                with tar.extractfile(member) as src, open(target, "wb") as dst:
                    shutil.copyfileobj(src, dst)
                out.append(target)
    if not out:
        raise VigieError(f"{tarball}: no data/*.json inside; is it @etalab/decoupage-administratif?")
    tarball.unlink()
    return out


def write_manifest(folder: Path, entries: dict[str, dict]) -> None:
    manifest = folder / "manifest.json"
    old = json.loads(manifest.read_text()) if manifest.exists() else {}
    old.update(entries)
    manifest.write_text(json.dumps(old, indent=2, ensure_ascii=False))


def fetch(
    folder: Path,
    api: str = API,
    sources: list[Source] = SOURCES,
    on_progress: Callable[[str, int, int | None], None] | None = None,
) -> list[tuple[Source, Path]]:
    """Download every source into `folder`; returns what was fetched."""
    fetched, manifest = [], {}
    with httpx.Client(timeout=TIMEOUT, headers={"User-Agent": "vigie (+https://pypi.org/project/vigie)"}) as client:
        for source in sources:
            url = resolve(client, source, api)
            try:
                if not url:
                    raise VigieError("not found through the data.gouv.fr API")
                path = download(
                    client, url, folder, (lambda d, t, s=source: on_progress(s.name, d, t)) if on_progress else None
                )
            except VigieError as exc:
                if not source.optional:
                    raise
                from vigie.output import err_console

                err_console.print(f"{source.name}: not downloaded ({exc}); the press monitor uses its built-in table.")
                continue
            paths = unpack_npm(path, folder) if source.unpack == "npm" else [path]
            for p in paths:
                manifest[p.name] = {"source": source.name, "url": url, "sha256": sha256(p)}
                fetched.append((source, p))
    write_manifest(folder, manifest)
    return fetched


def copy_from(src: Path, folder: Path) -> list[Path]:
    """`vigie fetch --from DIR`: copy a local folder's files into the cache, recording their checksums."""
    if not src.is_dir():
        raise VigieError(f"--from {src}: not a folder")
    copied, manifest = [], {}
    for path in sorted(p for p in src.rglob("*") if p.is_file()):
        target = folder / path.relative_to(src)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
        manifest[str(path.relative_to(src))] = {"source": str(path), "sha256": sha256(target)}
        copied.append(target)
    write_manifest(folder, manifest)
    return copied

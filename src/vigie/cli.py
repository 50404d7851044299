"""The `vigie` command line: one short function per command, each calling the library."""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from vigie import config, output
from vigie.errors import VigieError
from vigie.indicators import check_slug
from vigie.output import Format, console, err_console

app = typer.Typer(
    help="Vigie: how drug trafficking spreads from France's big cities into its medium-sized towns, from the "
    "official SSMSI statistics. Start with `vigie fetch`, then `vigie build`, then `vigie spread`.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="Warehouse file (default: VIGIE_DB or the user data folder).", show_default=False),
]
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="table, csv or json.")]


def _db(db: Path | None) -> Path:
    return db or config.default_db()


def _parse_years(years: str | None) -> tuple[int, int] | None:
    if not years:
        return None
    match = re.fullmatch(r"\s*(\d{4})\s*(?:[-–:]\s*(\d{4}))?\s*", years)
    if not match:
        raise VigieError(f"--years {years!r}: write a year (2022) or a range (2016-2025)")
    first, last = int(match.group(1)), int(match.group(2) or match.group(1))
    if first > last:
        raise VigieError(f"--years {years!r}: the first year is after the last")
    return first, last


def _warn_synthetic(synthetic: bool, fmt: Format) -> None:
    if synthetic:
        (console if fmt is Format.table else err_console).print(f"[bold red]⚠ {output.SYNTHETIC_WARNING}[/]")


@app.command()
def fetch(
    source: Annotated[
        Path | None,
        typer.Option(
            "--from", help="Take the files from this local folder instead of downloading them (e.g. ../shared/data)."
        ),
    ] = None,
    dest: Annotated[Path | None, typer.Option(help="Download folder (default: the user data folder).")] = None,
) -> None:
    """Download the official files (SSMSI bases, état 4001 by service, commune reference and outlines)."""
    from rich.progress import BarColumn, DownloadColumn, Progress, TransferSpeedColumn

    from vigie.sources import download

    dest = dest or config.download_dir()
    if source:
        copied = download.copy_from(source, dest)
        console.print(f"Copied {len(copied)} files from {source} to {dest}")
        return
    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        console=console,
    ) as progress:
        tasks: dict[str, int] = {}

        def on_progress(name: str, done: int, total: int | None) -> None:
            if name not in tasks:
                tasks[name] = progress.add_task(name, total=total)
            progress.update(tasks[name], completed=done, total=total)

        fetched = download.fetch(dest, on_progress=on_progress)
    for src, path in fetched:
        console.print(f"  {src.name}: {path}")
    console.print(f"Files are in {dest}. Next: `vigie build`.")


NoWaitOption = Annotated[
    bool,
    typer.Option(
        "--no-wait", help="If another build is running on this warehouse, fail at once instead of waiting for it."
    ),
]


def _on_wait(pid: str) -> None:
    err_console.print(f"A build is running (PID {pid}); waiting for it to finish… (Ctrl-C to give up)")


@app.command()
def build(
    sources: Annotated[
        list[Path] | None,
        typer.Option(
            "--from", help="Folder of official files to load (may be repeated); default: the download folder."
        ),
    ] = None,
    db: DbOption = None,
    no_wait: NoWaitOption = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every file, not only the counts.")] = False,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace",
            help="Let a narrower commune base (fewer départements or years, e.g. one département's file) replace "
            "the wider one in the warehouse; without it, such a file is refused.",
        ),
    ] = False,
) -> None:
    """Load every official file found into the warehouse, all or nothing, then compute the analyses once.

    Files are recognised by their content. Files already loaded (same SHA-256) are left alone; files that are not
    official SSMSI formats are counted (listed with --verbose) with the reason they were skipped. The build writes a
    copy of the warehouse and swaps it in when everything succeeded, so readers (other commands, `vigie serve`)
    keep working meanwhile; a second build waits for the first (or, with --no-wait, fails at once).
    """
    from rich.status import Status

    from vigie import warehouse
    from vigie.analysis.analyse import analyse
    from vigie.sources.build import build as run_build
    from vigie.sources.build import summary

    folders = sources or [config.download_dir()]
    start = time.perf_counter()
    with warehouse.writing(_db(db), wait=not no_wait, on_wait=_on_wait) as con:
        with Status("Reading files…", console=err_console) as status:
            report = run_build(con, folders, step=lambda what: status.update(f"Loading {what}…"), replace=replace)
            if not report.loaded and not report.unchanged:
                raise VigieError(
                    "nothing was loaded from "
                    + ", ".join(str(f) for f in folders)
                    + ": no file there is an official format Vigie reads"
                    + (
                        " ("
                        + "; ".join(f"{p.name}: {r}" for p, r in report.skipped[:5])
                        + ("; …" if len(report.skipped) > 5 else "")
                        + ")"
                        if report.skipped
                        else " (the folder is empty)"
                    )
                )
            analysed = analyse(con, progress=lambda what: status.update(f"Analysing: {what}…"))
        _print_build_report(report, verbose)
        facts = summary(con)
        missing = _missing_after_build(con)
    console.print(
        f"Warehouse {_db(db)}: {facts['communes']:,} communes, {facts['commune_facts']:,} commune facts"
        + (" (years {}–{})".format(*facts["commune_years"]) if facts["commune_facts"] else "")
        + f", {sum(n for *_, n in facts['area_editions']):,} département/région facts, "
        f"{facts['service_years'][2] or 0:,} services. Took {time.perf_counter() - start:.1f} s."
    )
    computed = [a for a in analysed if a["status"] == "computed"]
    if computed:
        console.print(
            "Analyses stored for this data version: "
            + ", ".join(f"{a['step']} ({a['indicator']})" for a in computed)
            + "."
        )
    for a in analysed:
        if a["status"] == "skipped" and verbose:
            console.print(f"[yellow]analysis not run[/] {a['step']} {a['indicator']}: {a['reason']}")
        if a["status"] == "failed":
            console.print(f"[bold red]analysis failed[/] {a['step']} {a['indicator']}: {a['reason']}")
    for line in missing:
        console.print(f"[bold yellow]{line}[/]")
    if report.synthetic or facts.get("synthetic"):
        console.print(f"[bold red]⚠ {output.SYNTHETIC_WARNING}[/]")


def _print_build_report(report, verbose: bool) -> None:
    """Counts per kind, and every file with --verbose (a build of the official folder lists dozens)."""
    from collections import Counter

    if verbose:
        for path, kind, rows, note in report.loaded:
            console.print(
                f"[green]loaded[/] {path}  ({kind.replace('_', ' ')}, {rows:,} rows){'  ' + note if note else ''}"
            )
        for path in report.unchanged:
            console.print(f"[dim]unchanged[/] {path} (already loaded)")
        for path, reason in report.skipped:
            console.print(f"[yellow]skipped[/] {path}: {reason}")
    else:
        kinds = Counter(kind.replace("_", " ") for _, kind, _, _ in report.loaded)
        rows = sum(r for _, _, r, _ in report.loaded)
        if report.loaded:
            console.print(
                f"[green]loaded[/] {len(report.loaded)} file(s), {rows:,} rows: "
                + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
            )
        if report.unchanged:
            console.print(f"[dim]unchanged[/] {len(report.unchanged)} file(s) already loaded")
        if report.skipped:
            reasons = Counter(_reason_kind(p, r) for p, r in report.skipped)
            console.print(
                f"[yellow]skipped[/] {len(report.skipped)} file(s) Vigie does not read: "
                + ", ".join(f"{k} {n}" for k, n in reasons.most_common())
                + " (--verbose lists them)"
            )
    if report.unresolved_services:
        console.print(
            f"[yellow]{len(report.unresolved_services)} territorial services are not named after a "
            "commune Vigie could identify[/] (kept, without a commune)"
            + (":" if verbose else "; --verbose lists them.")
        )
        if verbose:
            console.print("  " + "; ".join(f"{f} {d} {n}" for f, d, n in report.unresolved_services))


def _reason_kind(path: Path, reason: str) -> str:
    """A short family name for a skip reason (for the counts): without the file's name, details or line."""
    reason = reason.replace(str(path), "").lstrip(": ")
    return re.split(r" \(|: | at byte", re.sub(r"line \d+", "a line", reason))[0][:60]


def _missing_after_build(con) -> list[str]:
    """What the warehouse still lacks after a build, and where it comes from (said once, here, rather than by every
    later command)."""
    from vigie import warehouse

    has = lambda table: bool(con.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone())  # noqa: E731
    lines = []
    if has("commune_fact") and not has("commune"):
        lines.append(
            "The commune base is loaded, but not the commune reference, which `vigie spread`, `vigie commune`, hot "
            f"spots and onsets need. It comes from {warehouse.ORIGIN['commune']}."
        )
    if not has("commune_fact"):
        lines.append(f"No commune base yet: town figures come from {warehouse.ORIGIN['commune_fact']}.")
    if has("commune") and not has("commune_outline"):
        lines.append(
            "No commune outlines: hot spots need them (communes_outlines.parquet or the contours GeoJSON, "
            "downloaded by `vigie fetch`)."
        )
    return lines


@app.command()
def analyse(
    indicator: Annotated[
        list[str] | None,
        typer.Option(help="Indicator slug(s) to analyse (default: trafic and usage, as after a build)."),
    ] = None,
    db: DbOption = None,
    no_wait: NoWaitOption = False,
) -> None:
    """Compute and store hot spots, onsets and the diffusion wave again for the current data version (a build does
    it already for trafic and usage). Use it to store another indicator, so that reading it is instant."""
    from vigie import warehouse
    from vigie.analysis.analyse import INDICATORS
    from vigie.analysis.analyse import analyse as run

    chosen = [check_slug(i) for i in indicator] if indicator else list(INDICATORS)
    if not _db(db).exists():
        raise VigieError(f"no warehouse at {_db(db)}: run `vigie build` first (or pass --db)")
    with warehouse.writing(_db(db), wait=not no_wait, on_wait=_on_wait) as con:
        with _spinner("Analysing…") as status:
            report = run(con, chosen, progress=lambda what: status.update(f"Analysing: {what}…"), force=True)
    for a in report:
        if a["status"] == "computed":
            console.print(f"[green]stored[/] {a['step']} of {a['indicator']}")
        else:
            console.print(f"[yellow]not stored[/] {a['step']} {a['indicator']}: {a['reason']}")


@app.command()
def spread(
    indicator: Annotated[
        list[str] | None, typer.Option(help="Indicator slug(s): trafic, usage, usage_afd… (default: trafic and usage).")
    ] = None,
    years: Annotated[str | None, typer.Option(help="A year or a range, e.g. 2016-2025.")] = None,
    departement: Annotated[str | None, typer.Option(help="Only this département (e.g. 26, 2A, 974).")] = None,
    plot: Annotated[Path | None, typer.Option(help="Also draw the charts to FILE.png or FILE.svg.")] = None,
    fmt: FormatOption = Format.table,
    db: DbOption = None,
) -> None:
    """Is drug trafficking spreading into medium-sized towns? Counts, rates, shares and trends by town size."""
    from vigie import warehouse
    from vigie.analysis.spread import label, service_left_out, service_spread
    from vigie.analysis.spread import spread as compute

    if plot:
        from vigie.analysis.charts import check_plot_path

        check_plot_path(plot)  # before any computing
    con = warehouse.connect(_db(db), read_only=True)
    span = _parse_years(years)
    results = compute(con, indicator, departement, span)
    services, left_out = {}, {}
    if con.execute("SELECT 1 FROM service_fact LIMIT 1").fetchone():
        services = {
            "index 55, trafficking (état 4001)": service_spread(con, 55, departement),
            "index 01, règlements de comptes (état 4001)": service_spread(con, 1, departement),
        }
        left_out = {"55": service_left_out(con, 55, departement), "01": service_left_out(con, 1, departement)}
    synthetic = any(r.synthetic for r in results)
    _warn_synthetic(synthetic, fmt)
    if fmt is Format.json:
        print(
            output.to_json(
                {
                    "synthetic_commune_figures": synthetic,
                    "indicators": {
                        r.indicator: {
                            "label": label(r.indicator),
                            "by_size_class": r.rows,
                            "concentration": r.concentration,
                            "growth_test": _growth_dict(r.growth),
                            "growth_sentence": r.growth.sentence(label(r.indicator)) if r.growth else None,
                            "notes": r.notes,
                        }
                        for r in results
                    },
                    "departement": departement,
                    "services": services,
                    "services_left_out": left_out,
                }
            )
        )
    elif fmt is Format.csv:
        output.write_csv(
            [{"table": "by_size_class", "indicator": r.indicator, **row} for r in results for row in r.rows]
            + [{"table": "concentration", "indicator": r.indicator, **row} for r in results for row in r.concentration]
            + [
                {"table": "growth_test", "indicator": r.indicator, **_growth_dict(r.growth), "sentence": _sentence(r)}
                for r in results
                if r.growth
            ]
            + [{"table": name, **row} for name, rows in services.items() for row in rows]
            + [{"table": "services_left_out", "index": k, **v} for k, v in left_out.items()]
        )
    else:
        _print_spread(results, services, label, departement)
        for k, v in left_out.items():
            if v["left_out_pct"]:
                console.print(
                    f"[dim]• État 4001 index {k}: {v['left_out_pct']:.0f} % of its cases ({v['left_out_cases']:,} of "
                    f"{v['cases']:,}, {v['years'][0]}–{v['years'][1]}) come from non-territorial services (national "
                    "or regional units) or services named after no commune, and are left out of the table above.[/]"
                )
    if plot:
        from vigie.analysis.charts import spread_chart

        spread_chart(results, services, plot)
        err_console.print(f"Chart written to {plot}")


def _growth_dict(growth) -> dict | None:
    if growth is None:
        return None
    out = dict(growth.__dict__)
    out["years"] = list(out["years"])
    return out


def _sentence(result) -> str | None:
    from vigie.analysis.spread import label

    return result.growth.sentence(label(result.indicator)) if result.growth else None


def _print_spread(results, services, label, departement: str | None = None) -> None:
    columns = {
        "size_class": "size class",
        "year": "year",
        "count": "count",
        "count_published": "publi-shed",
        "rate_per_1000": "per 1000",
        "share_pct": f"% of dép. {departement}" if departement else "% of France",
        "communes_recorded": "towns > 0",
        "index_first_year": "index",
        "suppressed_share_pct": "% sup-pressed",
    }
    for r in results:
        rows = sorted(
            r.rows,
            key=lambda x: (
                ["grande_ville", "ville_moyenne", "petite_ville", "rural"].index(x["size_class"]),
                x["year"],
            ),
        )
        console.print(
            output.table(
                rows, f"{label(r.indicator)} (persons mis en cause) by town size", columns, group_by="size_class"
            )
        )
        console.print(
            output.table(
                r.concentration,
                "Concentration: share of cases in the top communes",
                {"year": "year", "communes": "communes", "top_1pct_share": "top 1 %", "top_3_5pct_share": "top 3.5 %"},
            )
        )
        if r.growth:
            console.print(f"[bold]{r.growth.sentence(label(r.indicator))}[/]")
            console.print(
                f"[dim](Poisson rate model with a class × year term, standard errors clustered by "
                f"commune; {r.growth.n_communes:,} towns, {r.growth.n_obs:,} town-years; "
                f"{r.growth.left_out_suppressed:,} suppressed town-years left out.)[/]"
            )
        for note in r.notes:
            console.print(f"[dim]• {note}[/]")
        console.print()
    for name, rows in services.items():
        console.print(
            output.table(
                rows,
                f"Service level, {name}, by size of the service's town",
                {
                    "size_class": "size class",
                    "year": "year",
                    "count": "count",
                    "services": "services",
                    "share_pct": "% of total",
                    "index_first_year": "index",
                },
                group_by="size_class",
            )
        )


@app.command()
def commune(
    name: Annotated[str, typer.Argument(help='A commune name ("le creusot", "Valence") or INSEE code.')],
    departement: Annotated[str | None, typer.Option(help="Département, to choose between homonyms.")] = None,
    fmt: FormatOption = Format.table,
    db: DbOption = None,
) -> None:
    """A town's profile: drug and violence series (suppressed years shown as such), its rate against its size
    class, its rank in its département and class, and the police or gendarmerie services named after it."""
    from vigie import warehouse
    from vigie.analysis.profile import profile

    con = warehouse.connect(_db(db), read_only=True)
    result = profile(con, name, departement)
    _warn_synthetic(result["synthetic_commune_figures"], fmt)
    if fmt is Format.json:
        print(output.to_json(result))
    elif fmt is Format.csv:
        output.write_csv(result["series"])
    else:
        from vigie.analysis.profile import print_profile

        print_profile(result)


IndicatorOption = Annotated[str, typer.Option(help="Indicator slug: trafic, usage, usage_afd…")]


def _computed_now(payload: dict) -> None:
    if not payload.get("stored", True):
        err_console.print(
            f"[dim]Computed now, not stored ({payload['computed_because']}); `vigie analyse` stores the default "
            "parameters' results.[/]"
        )


def _emit(rows: list[dict], fmt: str, title: str, con=None, columns: dict | None = None) -> None:
    if fmt == "json":
        print(output.to_json(rows))
    elif fmt == "csv":
        output.write_csv(rows)
    elif fmt == "geojson":
        from vigie.geo.communes import geojson

        print(output.to_json(geojson(con, rows)))
    else:
        console.print(output.table(rows, title, columns))


def _open(db: Path | None):
    from vigie import warehouse

    return warehouse.connect(_db(db), read_only=True)


@app.command()
def hotspots(
    indicator: IndicatorOption = "trafic",
    year: Annotated[
        int | None, typer.Option(help="Year to list (default: the last); categories as of that year.")
    ] = None,
    departement: Annotated[str | None, typer.Option(help="Only list towns of this département.")] = None,
    permutations: Annotated[
        int,
        typer.Option(
            help="Conditional permutations for the p-values (0: analytical normal p-values).", min=0, max=99_999
        ),
    ] = 0,
    seed: Annotated[int, typer.Option(help="Seed of the permutations.")] = 2025,
    alpha: Annotated[
        float, typer.Option(help="False discovery rate (Benjamini–Hochberg).", min=0.0001, max=0.5)
    ] = 0.05,
    show_all: Annotated[bool, typer.Option("--all", help="Also list towns with no pattern.")] = False,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv, json or geojson.")] = "table",
    db: DbOption = None,
) -> None:
    """Where are hot spots forming? Gi* per town and year, and the emerging hot-spot category of each town
    (new, consecutive, intensifying, persistent, diminishing, sporadic, oscillating, historical; hot or cold).
    A town-year is hot when its neighbourhood's rate is significantly high (gi_z) or has risen significantly above
    its own recent level (rise_z). Read from the results stored by `vigie build` / `vigie analyse` (table
    `hotspot`); other parameters or indicators are computed in memory and not stored."""
    from vigie.analysis import stored

    if fmt not in ("table", "csv", "json", "geojson"):
        raise VigieError(f"--format {fmt!r}: choose table, csv, json or geojson")
    con = _open(db)
    with _spinner("Reading hot spots…"):
        payload = stored.hotspot_payload(
            con,
            check_slug(indicator),
            year,
            departement,
            None,
            show_all,
            permutations=permutations,
            seed=seed,
            alpha=alpha,
        )
    _computed_now(payload)
    _warn_synthetic(payload["synthetic_commune_figures"], Format.table if fmt == "table" else Format.json)
    title = (
        f"Emerging hot spots, {indicator}, {payload['year']}"
        + (f", département {payload['departement']}" if payload["departement"] else "")
        + f" ({payload['inference']} inference, FDR {payload['alpha']})"
    )
    columns = {
        "code": "code",
        "name": "name",
        "category": "category",
        "gi_z": "gi_z",
        "rise_z": "rise_z",
        "q": "q",
        "rise_q": "rise_q",
        "eb_rate": "eb_rate",
        "suppressed": "sup.",
        "p": "p",
        "year": "year",
    }
    _emit(payload["rows"], fmt, title, con, columns)
    if fmt == "table":
        console.print("Towns by category: " + ", ".join(f"{k} {v:,}" for k, v in payload["counts"].items()))
    for note in payload["notes"]:  # beside csv/json/geojson on standard error, so the data stay clean
        (console if fmt == "table" else err_console).print(f"[dim]• {note}[/]")


@app.command()
def onsets(
    indicator: IndicatorOption = "trafic",
    departement: Annotated[str | None, typer.Option(help="Only list towns of this département.")] = None,
    fmt: FormatOption = Format.table,
    db: DbOption = None,
) -> None:
    """Which towns are new to it? The first year of a sustained rise in each town, with a confidence label and
    the rise ratio (level after / level before; "from 0" when the town had less than one case before). Read from
    the results stored by `vigie build` / `vigie analyse` (table `onset`)."""
    from vigie.analysis import stored

    con = _open(db)
    with _spinner("Reading onsets…"):
        payload = stored.onset_payload(con, check_slug(indicator), departement)
    _computed_now(payload)
    _warn_synthetic(payload["synthetic_commune_figures"], fmt)
    rows = payload["rows"]
    if fmt is Format.table:
        rows = [{**r, "rise_ratio": "from 0" if r["rise_ratio"] is None else r["rise_ratio"]} for r in rows]
    _emit(rows, fmt.value, f"Onsets of {indicator} (first year of a sustained rise)")
    for note in payload["notes"]:
        (console if fmt is Format.table else err_console).print(f"[dim]• {note}[/]")


@app.command()
def diffusion(
    indicator: IndicatorOption = "trafic",
    hubs: Annotated[
        str | None, typer.Option(help="Comma-separated hub codes (default: every town of 150,000 inhabitants or more).")
    ] = None,
    min_distance: Annotated[
        float,
        typer.Option(help="Leave out towns closer than this to a hub (km): they are part of its urban area.", min=0),
    ] = 25.0,
    plot: Annotated[Path | None, typer.Option(help="Draw the chart to FILE.png or FILE.svg.")] = None,
    fmt: FormatOption = Format.table,
    db: DbOption = None,
) -> None:
    """How fast does it travel? Onset year against distance to the nearest big city: the wave speed (km a year)
    with its 95 % interval, and the share of new onsets by town size and year. Read from the result stored by
    `vigie build` / `vigie analyse`; other hubs or distances are computed in memory and not stored."""
    from vigie.analysis import stored
    from vigie.analysis.charts import check_plot_path

    if plot:
        check_plot_path(plot)  # before any computing
    con = _open(db)
    with _spinner("Reading the diffusion wave…"):
        wave = stored.diffusion_payload(
            con, check_slug(indicator), [h for h in hubs.split(",")] if hubs else None, min_distance
        )
    _computed_now(wave)
    synthetic = wave["synthetic_commune_figures"]
    _warn_synthetic(synthetic, fmt)
    speed_keys = ("indicator", "label", "speed_km_per_year", "speed_low", "speed_high", "towns_used", "min_distance_km")
    if fmt is Format.json:
        print(output.to_json(wave))
    elif fmt is Format.csv:
        speed = {k: wave[k] for k in speed_keys}
        output.write_csv(
            [{"table": "speed", **speed, "hubs": " ".join(wave["hubs"])}]
            + [{"table": "onsets_by_size_class", **r} for r in wave["onsets_by_class"]]
        )
    else:
        if wave["speed_km_per_year"]:
            high = f"{wave['speed_high']:.0f}" if wave["speed_high"] else "∞"
            low = f"{wave['speed_low']:.0f}" if wave["speed_low"] else "?"
            console.print(
                f"[bold]Onsets of {wave['label'].lower()} move outward at about {wave['speed_km_per_year']:.0f} km a "
                f"year (95 % interval {low}–{high} km a year), from {wave['towns_used']} medium towns with a "
                f"confident onset beyond {wave['min_distance_km']:g} km, measured from the nearest of "
                f"{len(wave['hubs'])} hubs.[/]"
            )
        console.print(output.table(wave["onsets_by_class"], "New onsets by town size and year"))
        for note in wave["notes"]:
            console.print(f"[dim]• {note}[/]")
    if plot:
        from vigie.analysis.charts import diffusion_chart

        diffusion_chart(wave, plot, synthetic)
        err_console.print(f"Chart written to {plot}")


@app.command()
def extract(
    path: Annotated[
        str,
        typer.Argument(
            help="A text file, a JSON article {id, date, title, text}, a folder of them, or - for standard input."
        ),
    ],
    day: Annotated[
        str | None,
        typer.Option(
            "--date",
            help="Publication date (YYYY-MM-DD) for articles that have none; default: today, and you are told.",
        ),
    ] = None,
    jsonl: Annotated[
        bool,
        typer.Option(
            "--jsonl", help='One line per article, {"id": …, "events": […]}, as ../shared/press/score.py reads it.'
        ),
    ] = False,
    reference: Annotated[
        Path | None,
        typer.Option(
            "--reference",
            help="A folder with communes.json and departements.json (and the QPV list): read it instead of the "
            "warehouse.",
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Turn French news articles into located, dated events: shootings, seizures, dealing points, intimidation,
    arrests and networks' arrival. Needs only the commune reference: the warehouse's, else the files `vigie fetch`
    downloaded (or --reference DIR). An article whose extraction fails gets no events and one line on stderr; the
    others are still written, and the exit status stays 0."""
    from vigie.press.articles import read
    from vigie.press.pipeline import load_extractor

    articles = _articles(read, path, day)
    for a in articles:
        if not a.text.strip():
            err_console.print(f"{a.id}: the article has no text.")
    extractor = load_extractor(warehouse_path=_db(db), reference=reference)
    failures: list[str] = []

    def failed(article, exc: Exception) -> None:  # one line, no traceback; the other articles go on
        failures.append(article.id)
        why = " ".join(f"{type(exc).__name__}: {exc}".split())
        err_console.print(f"{article.id}: extraction failed ({why}); no events for this article.", markup=False)

    results = extractor.extract_many(articles, failed)
    if failures:  # exit status stays 0: every other article's events are written (README, Press monitor)
        err_console.print(
            f"{len(failures)} of {len(articles)} article(s) failed and have no events: {', '.join(failures[:10])}"
            + (", …" if len(failures) > 10 else "."),
            markup=False,
        )
    if jsonl:
        import json

        for a, events in zip(articles, results, strict=True):
            print(json.dumps({"id": a.id, "events": [e.to_dict() for e in events]}, ensure_ascii=False))
        return
    for a, events in zip(articles, results, strict=True):
        rows = [
            {
                "type": e.type,
                "commune": e.commune,
                "place": e.place,
                "date_start": e.date_start,
                "date_end": e.date_end,
                "killed": e.killed,
                "injured": e.injured,
                "drugs": ", ".join(
                    f"{d['substance']} {d['quantity'] or ''} {d['unit'] or ''}".strip() for d in e.drugs
                ),
            }
            for e in events
        ]
        console.print(output.table(rows, f"{a.id} ({a.date}): {len(events)} event(s)"))


def _articles(reader, source: str, day: str | None):
    """Articles from `reader(source, default_date)`; says which ones had no date and took today's."""
    from datetime import date

    try:
        default = date.fromisoformat(day) if day else None
    except ValueError:
        raise VigieError(f"--date {day!r}: write it as YYYY-MM-DD") from None
    articles = reader(source, default)
    for a in articles:
        if a.date_assumed:
            err_console.print(
                f"{a.id}: no publication date; today's date is used to resolve relative dates (give --date)."
            )
    return articles


press_app = typer.Typer(
    help="The press monitor: store articles and their events in the warehouse.", no_args_is_help=True
)
app.add_typer(press_app, name="press")


@press_app.command("ingest")
def press_ingest(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders, JSONL files (.jsonl, .jsonl.gz: one JSON article a line), tar or zip archives of "
            "them, web page or RSS/Atom feed URLs."
        ),
    ],
    day: Annotated[str | None, typer.Option("--date", help="Publication date for articles that have none.")] = None,
    workers: Annotated[
        int | None,
        typer.Option(min=1, help="Extract on a Dask cluster of N worker processes started on this machine."),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Extract on an existing Dask cluster (tcp://host:8786); its workers need Vigie and its model."
        ),
    ] = None,
    batch: Annotated[int, typer.Option(min=1, help="Articles per batch: one task and one transaction each.")] = 500,
    publish_every: Annotated[
        float, typer.Option(min=0, help="Seconds between two publications of a long run's progress.")
    ] = 300,
    db: DbOption = None,
    no_wait: NoWaitOption = False,
) -> None:
    """Read articles, extract their events and store both; an event reported by several articles is stored once.
    An article already stored (same id or same text) is skipped: an interrupted run is resumed by running it again.
    Like a build, it writes a copy of the warehouse and swaps it in when done, and every --publish-every seconds of
    a long run (readers keep working; a run killed loses at most that much work)."""
    from datetime import date

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from vigie.press.monitor import count, ingest_into

    if workers and scheduler:
        raise VigieError("--workers and --scheduler: give one or the other")
    try:
        default = date.fromisoformat(day) if day else None
    except ValueError:
        raise VigieError(f"--date {day!r}: write it as YYYY-MM-DD") from None
    columns = [BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"), TimeRemainingColumn()]
    with Progress(TextColumn("Ingesting"), *columns, console=err_console) as bar:
        task = bar.add_task("ingest", total=count(sources), rate="")

        def advance(n: int) -> None:
            bar.advance(task, n)
            rate = bar.tasks[task].speed
            bar.update(task, rate=f"{rate:,.0f} articles/s" if rate else "")

        counts = ingest_into(
            _db(db), sources, default, workers, scheduler, batch, advance, bar.console.print, publish_every,
            wait=not no_wait, on_wait=_on_wait,
        )  # fmt: skip
    console.print(
        f"{counts['articles']} new article(s), {counts['skipped_known']} already stored; "
        f"{counts['new_events']} new event(s), {counts['mentions']} mention(s)."
        + (f" {counts['unreadable']} unreadable line(s) or file(s) skipped." if counts["unreadable"] else "")
        + (f" {counts['failed']} article(s) failed and were not stored." if counts["failed"] else "")
        + (f" {counts['date_assumed']} article(s) had no date and took today's." if counts["date_assumed"] else "")
    )


def _spinner(text: str):
    from rich.status import Status

    return Status(text, console=err_console)


@app.command()
def status(db: DbOption = None, fmt: FormatOption = Format.table) -> None:
    """What the warehouse holds: every file loaded, with its checksum, rows and date."""
    from vigie import warehouse
    from vigie.analysis.stored import stored_runs

    con = warehouse.connect(_db(db), read_only=True)
    result = con.execute("""SELECT load_id, kind, file, rows, edition, synthetic, left(sha256, 12) AS sha256,
                            loaded_at, note FROM load_log ORDER BY load_id""")
    names = [d[0] for d in result.description]
    rows = [dict(zip(names, r, strict=True)) for r in result.fetchall()]
    analyses = stored_runs(con)
    if fmt is Format.json:
        print(output.to_json({"data_version": warehouse.data_version(con), "files": rows, "analyses": analyses}))
    elif fmt is Format.csv:
        output.write_csv(rows)
    else:
        columns = {k: k for k in ("load_id", "kind", "file", "note", "rows", "edition", "synthetic", "loaded_at")}
        console.print(output.table(rows, f"Files loaded into {_db(db)}", columns))  # note: "replaced by …"
        if analyses:
            console.print(
                output.table(
                    [{**a, "params": ", ".join(f"{k} {v}" for k, v in a["params"].items())} for a in analyses],
                    f"Analyses stored (data version {warehouse.data_version(con)})",
                )
            )


@app.command()
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
) -> None:
    """Serve the dashboard (in French), the HTTP API (/api/v1, documented at /docs) and the town reports.

    Read-only: a `vigie build` may run meanwhile; the server shows the new data once the build is done."""
    import socket

    import uvicorn

    from vigie.web.app import create_app
    from vigie.web.deps import open_version

    path = _db(db)
    open_version(path).close()  # a missing or broken warehouse is said now, not at the first request
    app_ = create_app(path)  # a missing node_modules is said now too
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does: a recently closed port is free
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise VigieError(
                f"--port {port}: cannot listen on {host}:{port} ({exc.strerror}); another server may be using it: "
                "choose another port (--port, or VIGIE_PORT for make run)"
            ) from None
    err_console.print(
        f"Vigie : tableau de bord sur http://{host}:{port}/ (API : http://{host}:{port}/docs). Ctrl-C pour arrêter."
    )
    uvicorn.run(app_, host=host, port=port, log_level="warning")


@app.command()
def report(
    name: Annotated[str, typer.Argument(help='A commune name ("le creusot", "Valence") or INSEE code.')],
    out: Annotated[
        Path | None, typer.Option("--out", help="PDF file to write (default: rapport-CODE.pdf in this folder).")
    ] = None,
    departement: Annotated[str | None, typer.Option(help="Département, to choose between homonyms.")] = None,
    db: DbOption = None,
) -> None:
    """The town report: two A4 pages in French for a mayor (series against towns of its size, hot-spot category
    and what it means, onset, press events of the last 12 months, map of its neighbours, état 4001, caveats)."""
    from vigie import warehouse
    from vigie.report import check_output, report_pdf

    if out is not None:
        check_output(out)  # a bad --out is said before any work
    con = warehouse.connect(_db(db), read_only=True)
    pdf, result = report_pdf(con, name, departement)
    path = check_output(out or Path(f"rapport-{result['code']}.pdf"))
    path.write_bytes(pdf)
    _warn_synthetic(result["synthetic"], Format.table)
    err_console.print(f"{result['name']} ({result['code']}): report written to {path}", highlight=False)


SourceOption = Annotated[
    str, typer.Option(help="commune (the commune base) or service (the état 4001 by police/gendarmerie service).")
]
ForecastIndicator = Annotated[
    str,
    typer.Option(help="Indicator: a slug of the commune base (trafic…); for --source service, trafic or reglements."),
]
TargetOption = Annotated[
    str, typer.Option(help="surge (next year's count at least twice its three-year mean, and 5) or onset (communes).")
]


def _forecast_indicator(source: str, indicator: str) -> str:
    return check_slug(indicator) if source == "commune" else indicator


@app.command()
def watchlist(
    indicator: ForecastIndicator = "trafic",
    year: Annotated[int | None, typer.Option(help="Year forecast (default: the year after the data).")] = None,
    top: Annotated[int, typer.Option(help="How many towns to list (0: all).", min=0)] = 50,
    departement: Annotated[str | None, typer.Option(help="Only list towns of this département.")] = None,
    source: SourceOption = "commune",
    target: TargetOption = "surge",
    compute: Annotated[
        bool,
        typer.Option(
            "--compute",
            help="Compute and store the forecast now (writes the warehouse); a build stores the commune one already.",
        ),
    ] = False,
    seed: Annotated[int, typer.Option(help="Seed of the trees (with --compute).")] = 2025,
    fmt: FormatOption = Format.table,
    db: DbOption = None,
    no_wait: NoWaitOption = False,
) -> None:
    """Early warning: the towns most likely to see trafficking surge next year, with their probability, rank and
    the reasons (what pushed each probability up). Reads the forecast stored by the last build; how well such lists
    did on past years is shown by `vigie backtest`."""
    from vigie import warehouse
    from vigie.analysis import forecast as fc

    indicator = _forecast_indicator(source, indicator)
    if compute:
        with warehouse.writing(_db(db), wait=not no_wait, on_wait=_on_wait) as con:
            with _spinner("Training the model and ranking every town…"):
                fc.save(con, fc.watchlist(con, source, indicator, target, seed))
    con = _open(db)
    result = fc.stored(con, source, indicator, target, year, departement, top or None)
    _warn_synthetic(result["synthetic_commune_figures"], fmt)
    if fmt is Format.json:
        print(output.to_json(result))
        return
    rows = [
        {
            "rank": r["rank"],
            "code": r["code"],
            "name": r["name"],
            "departement": r["departement"],
            "probability": f"{r['probability'] * 100:.0f} %" if fmt is Format.table else r["probability"],
            "drivers": "; ".join(d["text"] for d in r["drivers"]),
        }
        for r in result["rows"]
    ]
    of = result["rows"][0]["of"] if result["rows"] else 0
    _emit(
        rows,
        fmt.value,
        f"Probability of a {target} of {indicator} in {result['target_year']} ({source}; trained on "
        f"{result['training_years']}, model {result['model_version']}, {of:,} ranked)",
    )


@app.command()
def backtest(
    source: SourceOption = "commune",
    indicator: ForecastIndicator = "trafic",
    target: TargetOption = "surge",
    seed: Annotated[int, typer.Option(help="Seed of the trees.")] = 2025,
    departement: Annotated[str | None, typer.Option(help="Only this département's towns or services.")] = None,
    plot: Annotated[Path | None, typer.Option(help="Draw the reliability diagram to FILE.png or FILE.svg.")] = None,
    fmt: FormatOption = Format.table,
    db: DbOption = None,
) -> None:
    """How good is the early warning? For every year from the fifth on, the model learns from the years before it
    only and forecasts it; AUPR, AUROC, Brier score, calibration error, precision/recall and PAI at 50/100/200, and
    the same for the baselines (persistence, prior counts, last-year increase, neighbours' lag, Poisson GLM)."""
    from vigie import warehouse
    from vigie.analysis import backtest as bt
    from vigie.analysis import features as ft

    indicator = _forecast_indicator(source, indicator)
    con = _open(db)
    panel = ft.load_panel(con, source, indicator, departement)
    with _spinner("Backtesting…") as status:
        result = bt.backtest(panel, target, seed, step=lambda what: status.update(f"Backtest: {what}…"))
    result["synthetic"] = source == "commune" and warehouse.commune_base_is_synthetic(con)
    _warn_synthetic(result["synthetic"], fmt)
    years = bt.summary_rows(result)
    if fmt is Format.json:
        print(output.to_json(years))
    elif fmt is Format.csv:
        output.write_csv([{k: v for k, v in y.items() if k != "baselines"} | bt.flat_baselines(y) for y in years])
    else:
        bt.print_table(result, console)
    if fmt is not Format.table:
        err_console.print(bt.overall_sentence(result), highlight=False)
    if plot:
        bt.reliability_chart(result, plot)
        err_console.print(f"Reliability diagram written to {plot}")


def main() -> None:
    """Entry point: problems with the user's data or options are printed plainly, with exit status 1."""
    try:
        app()
    except VigieError as exc:
        err_console.print(f"[bold red]Error:[/] {exc}", highlight=False, soft_wrap=True)
        sys.exit(1)

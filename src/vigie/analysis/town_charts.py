"""The town report's charts (matplotlib → PNG bytes), labelled in French for a mayor.

Suppressed years are drawn as such: a hatched grey bar at the official complement (the département's mean for its
suppressed towns, not the town's own count) and a hollow point for the rate it gives; a year with no row at all is a
gap. Everything is drawn from what the library returns (profile, class medians, outlines): no statistics here.
"""

from __future__ import annotations

import io

from vigie import fr
from vigie.indicators import INDICATORS

WIDTH_IN = 7.0  # an A4 page's text width (180 mm) is 7.1 in
DPI = 150
TOWN_COLOUR = "#1f4e79"
MEDIAN_COLOUR = "#8c8c8c"
SUPPRESSED_COLOUR = "#d9d9d9"
# hot reds, cold blues (ColorBrewer RdBu, colour-blind safe), stronger for the longer-lasting patterns
CATEGORY_COLOURS = {
    "intensifying_hot_spot": "#67001f",
    "persistent_hot_spot": "#b2182b",
    "consecutive_hot_spot": "#d6604d",
    "new_hot_spot": "#f4a582",
    "sporadic_hot_spot": "#fddbc7",
    "oscillating_hot_spot": "#fddbc7",
    "diminishing_hot_spot": "#e7a08a",
    "historical_hot_spot": "#f2d0c4",
    "intensifying_cold_spot": "#053061",
    "persistent_cold_spot": "#2166ac",
    "consecutive_cold_spot": "#4393c3",
    "new_cold_spot": "#92c5de",
    "sporadic_cold_spot": "#d1e5f0",
    "oscillating_cold_spot": "#d1e5f0",
    "diminishing_cold_spot": "#9fc3de",
    "historical_cold_spot": "#dbe7f1",
    "no_pattern": "#f0f0f0",
}
NO_DATA_COLOUR = "#ffffff"


def _figure(width: float, height: float):
    """A figure of its own (no pyplot: the web server draws reports in several threads at once)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height))
    FigureCanvasAgg(fig)
    return fig


def _style(ax) -> None:
    ax.spines[["top", "right"]].set_visible(False)
    ax.tick_params(labelsize=7)


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def _french_ticks(ax, decimals: int = 0) -> None:
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: fr.number(v, decimals)))
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True, steps=[1, 2, 5, 10]))


def series_chart(series: list[dict], medians: dict[str, dict[int, float]], indicators: list[str]) -> bytes:
    """One row per indicator: counts by year (suppressed years hatched, at the complement) and the rate per 1,000
    against the median of towns of the same size. `series` rows as profile() gives them; for a city summed from its
    arrondissements, a year where some are suppressed has a published part (solid) and a complement part (hatched)."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.ticker import MaxNLocator

    rows = max(1, len(indicators))
    height = 1.95 * rows + 0.35
    fig = _figure(WIDTH_IN, height)
    axes = fig.subplots(rows, 2, squeeze=False)
    # fixed margins, not constrained_layout: the same look for a fraction of the time (measured 0.8 s → 0.3 s)
    fig.subplots_adjust(left=0.07, right=0.99, top=1 - 0.22 / height, bottom=0.62 / height, wspace=0.2, hspace=0.5)
    any_hidden = False
    for (left, right), indicator in zip(axes, indicators, strict=True):
        cells = sorted((r for r in series if r["indicator"] == indicator), key=lambda r: r["year"])
        label = INDICATORS[indicator][0]
        years = [r["year"] for r in cells]
        shown = [r["count"] or 0 for r in cells]
        hidden = [(r["complement_count"] or 0) if r["suppressed"] else 0 for r in cells]
        left.bar(years, shown, color=TOWN_COLOUR, width=0.7)
        suppressed = [r for r in cells if r["suppressed"]]
        any_hidden |= bool(suppressed)
        left.bar(
            [r["year"] for r in suppressed],
            [(r["complement_count"] or 0) for r in suppressed],
            bottom=[r["count"] or 0 for r in suppressed],
            color=SUPPRESSED_COLOUR,
            edgecolor="#7f7f7f",
            hatch="////",
            width=0.7,
        )
        top = max([a + b for a, b in zip(shown, hidden, strict=True)] + [1])
        left.set_title(f"{label} : nombre de mis en cause", loc="left", fontsize=8)
        _style(left)
        _style(right)
        _french_ticks(left)
        left.yaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
        left.set_ylim(0, top * 1.12)
        if not cells:
            left.text(0.5, 0.5, "aucune donnée", transform=left.transAxes, ha="center", color="#7f7f7f", fontsize=7.5)
        rates = [r["rate_per_1000"] for r in cells]
        right.plot(years, rates, color=TOWN_COLOUR, lw=1.4)
        published = [r for r in cells if not r["suppressed"]]
        right.plot(
            [r["year"] for r in published], [r["rate_per_1000"] for r in published], "o", color=TOWN_COLOUR, ms=3.5
        )
        right.plot(
            [r["year"] for r in suppressed],
            [r["rate_per_1000"] for r in suppressed],
            "o",
            mfc="white",
            mec=TOWN_COLOUR,
            ms=3.5,
        )
        median = medians.get(indicator) or {}
        if median:
            right.plot(list(median), list(median.values()), color=MEDIAN_COLOUR, lw=1.2, ls="--")
        right.set_title(f"{label} : taux pour 1 000 habitants", loc="left", fontsize=8)
        peak = max([v for v in [*rates, *median.values()] if v is not None] + [0.1])
        right.set_ylim(0, peak * 1.12)
        _french_ticks(right, 1 if peak >= 1 else 2)
        right.yaxis.set_major_locator(MaxNLocator(nbins=4))
    handles = [
        Patch(facecolor=TOWN_COLOUR, label="nombre publié"),
        Line2D([], [], color=TOWN_COLOUR, marker="o", ms=3.5, lw=1.4, label="taux"),
        Line2D([], [], color=MEDIAN_COLOUR, ls="--", lw=1.2, label="médiane de sa taille"),
    ]
    if any_hidden:
        handles[1:1] = [
            Patch(facecolor=SUPPRESSED_COLOUR, edgecolor="#7f7f7f", hatch="////", label="non publié (complément)")
        ]
        handles.insert(
            3,
            Line2D([], [], color=TOWN_COLOUR, marker="o", mfc="white", ls="", ms=3.5, label="taux estimé (non publié)"),
        )
    fig.legend(handles=handles, loc="lower center", ncol=len(handles), frameon=False, fontsize=6.5)
    return _png(fig)


def map_chart(town: dict, neighbours: list[dict]) -> bytes:
    """The town (thick outline) and its neighbours, each coloured by its emerging hot-spot category and named.
    Items: {"name", "geometry" (shapely), "category" (or None when the town has no hot-spot result)}."""
    import numpy as np
    import shapely
    from matplotlib.patches import Patch, PathPatch
    from matplotlib.path import Path

    fig = _figure(WIDTH_IN * 0.6, 3.3)
    ax = fig.add_axes((0.0, 0.16, 1.0, 0.84))

    def draw(shape, face, edge, lw, z):
        for polygon in getattr(shape, "geoms", [shape]):
            if polygon.geom_type != "Polygon":
                continue
            rings = [np.asarray(polygon.exterior.coords)] + [np.asarray(r.coords) for r in polygon.interiors]
            vertices = np.concatenate(rings)
            codes = np.concatenate([[Path.MOVETO] + [Path.LINETO] * (len(r) - 2) + [Path.CLOSEPOLY] for r in rings])
            ax.add_patch(PathPatch(Path(vertices, codes), facecolor=face, edgecolor=edge, lw=lw, zorder=z))

    everyone = [*neighbours, town]
    for item in everyone:
        if item.get("geometry") is None:
            continue
        colour = CATEGORY_COLOURS.get(item.get("category"), NO_DATA_COLOUR)
        is_town = item is town
        edge, width, z = ("#202020", 1.8, 3) if is_town else ("#7f7f7f", 0.5, 2)
        draw(item["geometry"], colour, edge, width, z)
        point = shapely.point_on_surface(item["geometry"])
        ax.text(
            point.x,
            point.y,
            item["name"],
            ha="center",
            va="center",
            fontsize=7 if is_town else 5.2,
            fontweight="bold" if is_town else "normal",
            zorder=4,
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.65},
        )
    shapes = [i["geometry"] for i in everyone if i.get("geometry") is not None]
    if shapes:
        xmin, ymin, xmax, ymax = shapely.total_bounds(shapes)
        pad_x, pad_y = (xmax - xmin) * 0.03, (ymax - ymin) * 0.03
        ax.set_xlim(xmin - pad_x, xmax + pad_x)
        ax.set_ylim(ymin - pad_y, ymax + pad_y)
        ax.set_aspect(1 / np.cos(np.radians((ymin + ymax) / 2)))
    else:
        ax.text(0.5, 0.5, "contour absent", transform=ax.transAxes, ha="center", color="#7f7f7f", fontsize=7.5)
    ax.set_axis_off()
    present = list(dict.fromkeys(i.get("category") for i in everyone if i.get("geometry") is not None))
    order = [c for c in CATEGORY_COLOURS if c in present] + ([None] if None in present else [])
    handles = [
        Patch(
            facecolor=CATEGORY_COLOURS.get(c, NO_DATA_COLOUR),
            edgecolor="#7f7f7f",
            label=fr.CATEGORIES[c][0] if c else "pas de résultat",
        )
        for c in order
    ]
    if handles:
        fig.legend(handles=handles, fontsize=6, frameon=False, loc="lower center", ncol=3)
    return _png(fig)

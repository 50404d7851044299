"""Charts people would rather see than read (matplotlib, written to PNG or SVG)."""

from __future__ import annotations

from pathlib import Path

from vigie.errors import VigieError

SYNTHETIC_TITLE = "SYNTHETIC commune figures (make_panel.py) — not official statistics"
CLASS_COLOURS = {"grande_ville": "#b2182b", "ville_moyenne": "#ef8a62", "petite_ville": "#67a9cf", "rural": "#2166ac"}
CLASS_NAMES = {
    "grande_ville": "big cities (≥ 100k)",
    "ville_moyenne": "medium towns (10k–100k)",
    "petite_ville": "small towns (2k–10k)",
    "rural": "rural (< 2k)",
}


def check_plot_path(path: Path) -> Path:
    """Say now, before any computing, when --plot cannot be written: a known image type in an existing folder."""
    path = Path(path)
    if path.suffix.lower() not in (".png", ".svg"):
        raise VigieError(f"--plot {path}: give a file name ending in .png or .svg")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise VigieError(f"--plot {path}: the folder {folder} does not exist")
    if path.is_dir():
        raise VigieError(f"--plot {path}: that is a folder; give a file name ending in .png or .svg")
    import os

    if not os.access(folder, os.W_OK):
        raise VigieError(f"--plot {path}: the folder {folder} is not writable")
    return path


def _figure(path: Path):
    check_plot_path(path)
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _lines_by_class(ax, rows: list[dict], value: str) -> None:
    """One line per size class: `value` by year."""
    for size_class, colour in CLASS_COLOURS.items():
        selected = [r for r in rows if r["size_class"] == size_class]
        ax.plot(
            [r["year"] for r in selected],
            [r[value] for r in selected],
            marker="o",
            color=colour,
            label=CLASS_NAMES[size_class],
        )


def spread_chart(results, services: dict, path: Path) -> None:
    """Index (first year = 100) by size class for each indicator, concentration, and service-level trafficking."""
    plt = _figure(path)
    panels = len(results) + 1 + (1 if services else 0)
    fig, axes = plt.subplots(1, panels, figsize=(5.2 * panels, 4.2), constrained_layout=True)
    for ax, result in zip(axes, results, strict=False):
        _lines_by_class(ax, result.rows, "index_first_year")
        ax.axhline(100, color="grey", lw=0.8)
        ax.set_title(f"{result.indicator}: index, first year = 100")
        ax.legend(fontsize=8)
    ax = axes[len(results)]
    for result in results:
        ax.plot(
            [c["year"] for c in result.concentration],
            [c["top_3_5pct_share"] for c in result.concentration],
            marker="o",
            label=f"{result.indicator}, top 3.5 %",
        )
        ax.plot(
            [c["year"] for c in result.concentration],
            [c["top_1pct_share"] for c in result.concentration],
            ls="--",
            label=f"{result.indicator}, top 1 %",
        )
    ax.set_title("Share of cases in the top communes (%)")
    ax.legend(fontsize=8)
    if services:
        ax = axes[-1]
        _lines_by_class(ax, next(iter(services.values())), "share_pct")
        ax.set_title("État 4001 trafficking (index 55): % by town size")
        ax.legend(fontsize=8)
    if any(r.synthetic for r in results):
        fig.suptitle(SYNTHETIC_TITLE, color="red")
    fig.savefig(path, dpi=110)
    plt.close(fig)


def diffusion_chart(wave, path: Path, synthetic: bool = False) -> None:
    """Onset year against distance to the nearest hub (with the fitted wave over the towns it used), and onsets by
    town size. `wave` is a DiffusionResult or the payload of analysis.stored.diffusion_payload."""
    from types import SimpleNamespace

    if isinstance(wave, dict):
        wave = SimpleNamespace(**{"intercept": None, "label": None, **wave})
    plt = _figure(path)
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2), constrained_layout=True)
    if synthetic:
        fig.suptitle(SYNTHETIC_TITLE, color="red")
    unused = [p for p in wave.points if not p["used_for_speed"]]
    left.scatter(
        [p["distance_km"] for p in unused],
        [p["onset_year"] for p in unused],
        s=8,
        color="#cccccc",
        label="not used for the speed",
    )
    for size_class, colour in CLASS_COLOURS.items():
        pts = [p for p in wave.points if p["size_class"] == size_class and p["used_for_speed"]]
        if not pts:
            continue
        left.scatter(
            [p["distance_km"] for p in pts],
            [p["onset_year"] for p in pts],
            s=12,
            color=colour,
            alpha=0.7,
            label=CLASS_NAMES[size_class] + " (used)",
        )
    if wave.speed_km_per_year and wave.intercept is not None:
        import numpy as np

        # the line only over the distances the fit used (beyond the hubs' own urban areas), not through the zone
        # it left out
        slope = 1 / wave.speed_km_per_year
        xs = np.linspace(wave.fit_from_km, wave.fit_to_km, 50)
        left.plot(xs, wave.intercept + slope * xs, color="black", label=f"wave: {wave.speed_km_per_year:.0f} km/year")
    left.set_xlabel("distance to the nearest hub (km)")
    left.set_ylabel("onset year")
    left.legend(fontsize=8)
    years = sorted({r["onset_year"] for r in wave.onsets_by_class})
    bottom = [0] * len(years)
    for size_class, colour in CLASS_COLOURS.items():
        counts = [
            sum(r["onsets"] for r in wave.onsets_by_class if r["onset_year"] == y and r["size_class"] == size_class)
            for y in years
        ]
        right.bar(years, counts, bottom=bottom, color=colour, label=CLASS_NAMES[size_class])
        bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
    right.set_title("New onsets by town size")
    if getattr(wave, "label", None):
        left.set_title(f"Onsets: {wave.label}")
    right.legend(fontsize=8)
    fig.savefig(path, dpi=110)
    plt.close(fig)

"""Figures (a)–(e) of the space-time analytics issue: the methods against the planted truth of make_panel.py.

    .venv/bin/python benchmarks/eval_synthetic_truth.py                 # default panel (seed 2025)
    .venv/bin/python benchmarks/eval_synthetic_truth.py --seed 7 --speed 60 --p-wave 0.5
    .venv/bin/python benchmarks/eval_synthetic_truth.py --seed 11 --speed 41 --p-wave 0.4 --hotspots 20
    .venv/bin/python benchmarks/eval_synthetic_truth.py --seed 99 --speed 59 --p-wave 0.4 --hotspots 20
    .venv/bin/python benchmarks/eval_synthetic_truth.py --suppression simple   # only counts of 1–4 suppressed

(a) planted new_hotspot clusters with ≥ 1 member classified new or consecutive hot spot in the final year (≥ 80 %)
(b) non-planted medium towns classified new or consecutive hot spot (≤ 5 %)
(c) planted wave towns whose detected onset is within one year of the planted one (≥ 70 %)
(d) wave speed from detected onsets, against the same regression on the planted onsets (within ± 20 %)
(e) share of planted communes whose final-year cell is suppressed
"""

from __future__ import annotations

import argparse
import subprocess

import numpy as np
import pandas as pd
from measure import CACHE, ROOT, SHARED, VIGIE, run

from vigie import warehouse
from vigie.analysis import hotspots as hs
from vigie.analysis import onsets as on
from vigie.analysis.diffusion import diffusion, hub_distances, wave_speed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--speed", type=float, default=45)
    parser.add_argument("--p-wave", type=float, default=0.35)
    parser.add_argument("--hotspots", type=int, default=12, help="planted hot-spot clusters (make_panel default: 12)")
    parser.add_argument("--suppression", default="three-year", choices=["three-year", "simple"])
    args = parser.parse_args()
    name = f"truth_s{args.seed}_v{args.speed:g}_p{args.p_wave:g}"
    name += f"_h{args.hotspots}" if args.hotspots != 12 else ""
    name += "_simple" if args.suppression == "simple" else ""
    panel = CACHE / name
    if not (panel / "truth.parquet").exists():
        subprocess.run(
            [
                str(ROOT / ".venv" / "bin" / "python"),
                str(SHARED / "synth" / "make_panel.py"),
                "--out",
                str(panel),
                "--truth",
                "--formats",
                "parquet",
                "--seed",
                str(args.seed),
                "--speed",
                str(args.speed),
                "--p-wave",
                str(args.p_wave),
                "--n-new-hotspots",
                str(args.hotspots),
                "--suppression",
                args.suppression,
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    db = CACHE / f"{name}.duckdb"
    if not db.exists():
        run([*VIGIE, "build", "--from", str(SHARED / "data" / "geo"), "--from", str(panel), "--db", str(db)])
    con = warehouse.connect(db)
    truth = pd.read_parquet(panel / "truth.parquet").set_index("code")
    population = pd.Series(dict(con.execute("SELECT code, population FROM commune").fetchall()))

    result = hs.emerging_hotspots(con, "trafic")
    category = pd.Series(result.category, index=result.codes)
    emerging = {"new_hot_spot", "consecutive_hot_spot"}
    planted_hot = truth[truth.planted == "new_hotspot"]
    found = (
        planted_hot.assign(c=category.reindex(planted_hot.index))
        .groupby("cluster_id")
        .c.apply(lambda s: s.isin(emerging).any())
    )
    medium = [c for c in truth[truth.planted.isna()].index if 10_000 <= population.get(c, 0) < 100_000]
    false_rate = category.reindex(medium).isin(emerging).mean()

    onset = on.onsets(con, "trafic")
    detected = pd.Series(onset.onset_year, index=onset.codes)
    wave = truth[truth.planted == "wave"]
    within = ((detected.reindex(wave.index) - wave.onset_year).abs() <= 1).mean()
    speed = diffusion(con, onset)
    distance, _ = hub_distances(con, np.array(wave.index))
    planted_speed = wave_speed(distance, wave.onset_year.to_numpy(float))[0]

    suppressed = pd.Series(result.suppressed[:, -1], index=result.codes)
    planted = truth[truth.planted.notna()]
    print(f"panel {name}: {len(result.codes):,} towns, {len(found)} planted clusters, {len(wave)} wave towns")
    print(f"(a) planted clusters found as new/consecutive hot spots: {found.mean():.0%} ({found.sum()}/{len(found)})")
    print(f"(b) non-planted medium towns flagged new/consecutive: {false_rate:.1%} of {len(medium)}")
    print(f"(c) wave towns with onset within one year: {within:.0%}")
    if speed.speed_km_per_year and planted_speed:
        gap = speed.speed_km_per_year / planted_speed - 1
        print(
            f"(d) wave speed: {speed.speed_km_per_year:.1f} km/year (95 % {speed.speed_low or 0:.0f}–"
            f"{speed.speed_high or float('inf'):.0f}) vs {planted_speed:.1f} from planted onsets: {gap:+.0%}"
            f" (generator: {args.speed:g})"
        )
    else:
        print(f"(d) wave speed: not estimated ({speed.notes})")
    print(
        f"(e) planted communes with a suppressed final-year cell: {suppressed.reindex(planted.index).mean():.0%}"
        f" (new_hotspot: {suppressed.reindex(planted_hot.index).mean():.0%}, wave: "
        f"{suppressed.reindex(wave.index).mean():.0%})"
    )


if __name__ == "__main__":
    main()

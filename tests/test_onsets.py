"""Onset detection and the diffusion wave: hand-made series, the secrecy-rule bounds, the synthetic truth."""

import shutil

import numpy as np
import pandas as pd
import pytest

from vigie import warehouse
from vigie.analysis.diffusion import diffusion, hub_distances, territory, wave_speed
from vigie.analysis.onsets import detect_onsets, onsets
from vigie.errors import VigieError

YEARS = np.arange(2016, 2026)


def detect(series, expected=None):
    """The onset of one town's series (relative risk × 4 cases), among 300 flat Poisson towns that set the
    over-dispersion as in a real run."""
    rng = np.random.default_rng(11)
    flat = rng.poisson(4, size=(300, len(YEARS)))
    y = np.vstack([np.array(series, float) * 4, flat])
    e = np.full_like(y, 4.0)
    if expected is not None:
        e[0] = np.array(expected, float) * 4
    result = detect_onsets(np.array(["x"] + ["flat"] * 300), YEARS, y, e, np.zeros_like(y, bool))
    assert np.isnan(result.onset_year[1:]).mean() > 0.98
    return result.onset_year[0], result.confidence[0]


def test_a_step_is_found_in_its_year():
    assert detect([1, 1, 2, 1, 6, 7, 6, 8, 7, 6])[0] == 2020


def test_a_two_year_ramp_starts_in_its_first_year():
    assert detect([1, 1, 1, 4, 7, 8, 7, 8, 7, 8])[0] == 2019


def test_a_one_year_spike_or_a_decline_is_no_onset():
    assert np.isnan(detect([1, 1, 1, 1, 1, 1, 1, 1, 1, 9])[0])
    assert np.isnan(detect([6, 7, 6, 7, 2, 1, 2, 1, 1, 2])[0])
    assert np.isnan(detect([2, 3, 2, 2, 3, 2, 2, 3, 2, 2])[0])


def test_a_rise_shared_by_the_departement_is_no_onset():
    assert np.isnan(detect([1, 1, 1, 1, 6, 7, 6, 8, 7, 6], expected=[1, 1, 1, 1, 6, 7, 6, 8, 7, 6])[0])


def test_planted_wave_towns_are_found_near_their_onset(panel_db, small_panel):
    con = warehouse.connect(panel_db, read_only=True)
    result = onsets(con)
    truth = pd.read_parquet(small_panel / "truth.parquet").set_index("code")
    wave = truth[truth.planted == "wave"]
    found = pd.Series(result.onset_year, index=result.codes).reindex(wave.index)
    assert len(wave) >= 3
    assert ((found - wave.onset_year).abs() <= 1).mean() >= 0.5
    unplanted = truth[truth.planted.isna()].index
    assert pd.Series(result.onset_year, index=result.codes).reindex(unplanted).notna().mean() < 0.02


def test_wave_speed_recovers_a_known_speed():
    rng = np.random.default_rng(0)
    distance = rng.uniform(30, 250, 200)
    onset = np.round(2017 + distance / 40 + rng.normal(0, 0.5, 200))
    speed, low, high = wave_speed(distance, onset)
    assert speed == pytest.approx(40, rel=0.1) and low < speed < high
    assert wave_speed(distance[:2], onset[:2]) == (None, None, None)


def test_wave_speed_copes_with_whole_years_and_false_onsets():
    """A fast wave seen in whole years: most pairs of towns tie, and repeated medians find no slope at all; the
    bisquare regression still finds the speed, with a fifth of the onsets false (any year, any distance)."""
    from scipy import stats

    rng = np.random.default_rng(4)
    distance = rng.uniform(30, 250, 150)
    onset = np.round(2017 + distance / 100 + rng.normal(0, 0.5, 150))
    false = rng.random(150) < 0.2
    onset[false] = rng.integers(2017, 2026, false.sum())
    assert stats.siegelslopes(onset, distance).slope == 0
    speed, low, high = wave_speed(distance, onset)
    assert speed == pytest.approx(100, rel=0.2) and low < speed and (high is None or speed < high)


def test_distances_stay_within_a_territory(official):
    codes = np.array(["69123", "26362", "97411", "2A004"])
    distance, hubs = hub_distances(official, codes)
    assert "69123" in hubs and distance[0] == 0
    assert 60 < distance[1] < 75  # Valence – Grenoble, its nearest hub
    assert np.isnan(distance[3])  # Corsica has no hub of 150,000
    assert [territory(c) for c in codes] == ["mainland", "mainland", "974", "corse"]
    with pytest.raises(VigieError, match="unknown commune code"):
        hub_distances(official, codes, hubs=["99999"])


def test_diffusion_end_to_end(tmp_path, panel_db):
    db = tmp_path / "copy.duckdb"
    shutil.copy(panel_db, db)
    con = warehouse.connect(db)
    result = diffusion(con, onsets(con), hubs=["13055", "26362"])
    assert result.hubs == ["13055", "26362"] or set(result.hubs) == {"13055", "26362"}
    assert sum(r["onsets"] for r in result.onsets_by_class) == int((~np.isnan(onsets(con).onset_year)).sum())

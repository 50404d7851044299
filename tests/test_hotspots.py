"""Gi*, EB smoothing, Mann–Kendall, FDR and the 17 categories, against independent implementations."""

import gzip
import json

import numpy as np
import pymannkendall
import pytest
from conftest import DATA
from esda.getisord import G_Local
from esda.smoothing import Empirical_Bayes
from libpysal.weights import W
from statsmodels.stats.multitest import multipletests

from vigie import warehouse
from vigie.analysis import hotspots as hs
from vigie.analysis.rise import RECENT_YEARS, recent_expectation, rise_scores
from vigie.analysis.suppression import town_panel
from vigie.geo.weights import weights_for


def esda_zs(weights, values):
    w = W(weights.neighbours(), id_order=list(weights.codes), silence_warnings=True)
    return G_Local(values, w, transform="B", star=True, permutations=0).Zs


def test_gi_star_equals_esda_on_a_real_departement(official):
    """Real 2024 trafficking rates of the Drôme (gazetteer file of ../shared/data), real outlines."""
    with gzip.open(DATA / "gazetteer_communes_2024" / "delinquance_communes.json.gz", "rt") as fh:
        communes = json.load(fh)["communes"]
    rates = {c: v["ind"].get("drug_trafficking") for c, v in communes.items() if c.startswith("26")}
    codes = sorted(c for c, r in rates.items() if r is not None)
    weights = weights_for(official, codes)
    values = np.array([rates[c] for c in weights.codes])
    ours = hs.gi_star(weights.matrix, values[:, None])[:, 0]
    assert len(codes) > 300
    assert np.allclose(ours, esda_zs(weights, values), atol=1e-6)


@pytest.fixture(scope="module")
def panel_rw(panel_db):
    con = warehouse.connect(panel_db)
    yield con
    con.close()


def test_gi_star_equals_esda_on_a_synthetic_departement(panel_rw):
    codes, years, counts, population, _ = town_panel(panel_rw, "trafic")
    deux_sevres = np.array([c.startswith("79") for c in codes])
    weights = weights_for(panel_rw, codes[deux_sevres])
    rates = hs.eb_rates(counts[deux_sevres], population[deux_sevres])
    ours = hs.gi_star(weights.matrix, rates)
    flat = np.ptp(rates, axis=0) < 1e-9  # years where smoothing finds no between-town variance
    assert flat.any() and not flat.all()
    assert np.all(ours[:, flat] == 0)  # no clustering to find (esda divides by zero there)
    for t in np.flatnonzero(~flat):
        assert np.allclose(ours[:, t], esda_zs(weights, rates[:, t]), atol=1e-6)


def test_rise_gi_star_equals_esda_on_a_synthetic_departement(panel_rw):
    codes, _, counts, population, _ = town_panel(panel_rw, "trafic")
    drome = np.array([c.startswith("26") for c in codes])
    weights = weights_for(panel_rw, codes[drome])
    rise = rise_scores(counts, recent_expectation(counts, population, [c[:2] for c in codes]))[drome]
    start = RECENT_YEARS
    assert np.all(rise[:, :start] == 0) and rise[:, start:].std() > 0.1  # no full past in the first years
    ours = hs.gi_star(weights.matrix, rise)
    # esda computes G as a ratio to the sum of the values, which is meant for positive values: shifted to be
    # positive, as the z-score does not change under a shift
    for t in range(start, rise.shape[1]):
        assert np.allclose(ours[:, t], esda_zs(weights, rise[:, t] - rise[:, t].min() + 1), atol=1e-6)


def test_the_planted_cluster_of_the_small_panel_is_a_new_hot_spot(panel_rw, small_panel):
    """The synthetic panel plants one cluster of towns whose trafficking jumps in the final year, most of them
    suppressed that year; the rise test, fed by the drug-use shares, sees it."""
    import pandas as pd

    truth = pd.read_parquet(small_panel / "truth.parquet").set_index("code")
    planted = truth.index[truth.planted == "new_hotspot"]
    result = hs.emerging_hotspots(panel_rw, "trafic")
    category = pd.Series(result.category, index=result.codes).reindex(planted)
    rise_q = pd.Series(result.rise_q[:, -1], index=result.codes).reindex(planted)
    assert len(planted) >= 3
    assert category.isin(["new_hot_spot", "consecutive_hot_spot"]).any()  # the criterion for a cluster
    assert (rise_q <= 0.05).any()
    medium = truth.index[truth.planted.isna()]
    flagged = pd.Series(result.category, index=result.codes).reindex(medium)
    assert flagged.isin(["new_hot_spot", "consecutive_hot_spot"]).mean() < 0.05


def test_eb_rates_equal_esda(panel_rw):
    _, _, counts, population, _ = town_panel(panel_rw, "trafic")
    ours = hs.eb_rates(counts, population)
    for t in (0, 5, 9):
        oracle = Empirical_Bayes(counts[:, t], population[:, t]).r.ravel() * 1000
        assert np.allclose(ours[:, t], oracle, rtol=1e-9)


def test_mann_kendall_equals_pymannkendall():
    rng = np.random.default_rng(3)
    series = np.vstack(
        [
            rng.integers(0, 4, size=(40, 10)),
            rng.normal(size=(40, 10)),
            np.arange(10)[None, :].repeat(2, 0),
            np.zeros((1, 10)),
        ]
    )
    s, z, p = hs.mann_kendall(series)
    for i, row in enumerate(series):
        ref = pymannkendall.original_test(row)
        assert s[i] == ref.s and z[i] == pytest.approx(ref.z, abs=1e-9) and p[i] == pytest.approx(ref.p, abs=1e-9)


def test_benjamini_hochberg_equals_statsmodels():
    p = np.random.default_rng(1).uniform(size=(500, 3)) ** 3
    ours = hs.benjamini_hochberg(p)
    for t in range(3):
        assert np.allclose(ours[:, t], multipletests(p[:, t], method="fdr_bh")[1])


def test_permutation_p_agrees_with_esda(panel_rw):
    """Same null (the town's own value fixed, neighbours drawn from the others); different random draws."""
    codes, _, counts, population, _ = town_panel(panel_rw, "trafic")
    weights = weights_for(panel_rw, codes)
    rates = hs.eb_rates(counts, population)[:, -1:]
    ours = hs.permutation_p(weights.matrix, rates, 999, seed=5)[:, 0]
    assert np.array_equal(ours, hs.permutation_p(weights.matrix, rates, 999, seed=5)[:, 0])
    w = W(weights.neighbours(), id_order=list(weights.codes), silence_warnings=True)
    esda = G_Local(rates[:, 0], w, transform="B", star=True, permutations=999, seed=5, n_jobs=1)
    oracle = np.minimum(1, 2 * esda.p_z_sim)
    assert np.corrcoef(np.log(ours), np.log(oracle))[0, 1] > 0.95
    assert ((ours < 0.01) == (oracle < 0.01)).mean() > 0.97


def pattern(bins, trend=0.0):
    """One town: bins of 'hot', 'cold' or '' over 10 years, and a Mann–Kendall z (p from it)."""
    hot = np.array([[b == "hot" for b in bins]])
    cold = np.array([[b == "cold" for b in bins]])
    mk_z = np.array([trend])
    return hs.categories(hot, cold, mk_z, hs.normal_p(mk_z), 0.05)[0]


o, h, c = "", "hot", "cold"


@pytest.mark.parametrize(
    "bins,trend,expected",
    [
        ([o] * 9 + [h], 0, "new_hot_spot"),
        ([o] * 7 + [h] * 3, 0, "consecutive_hot_spot"),
        ([h] * 10, 3, "intensifying_hot_spot"),
        ([h] * 10, 0, "persistent_hot_spot"),
        ([h] * 10, -3, "diminishing_hot_spot"),
        ([o, h, o, h, o, o, h, o, o, h], 0, "sporadic_hot_spot"),
        ([c, c, o, o, o, o, o, o, o, h], 0, "oscillating_hot_spot"),
        ([h] * 9 + [o], 0, "historical_hot_spot"),
        ([o] * 9 + [c], 0, "new_cold_spot"),
        ([o] * 8 + [c] * 2, 0, "consecutive_cold_spot"),
        ([c] * 10, -3, "intensifying_cold_spot"),
        ([c] * 10, 0, "persistent_cold_spot"),
        ([c] * 10, 3, "diminishing_cold_spot"),
        ([c, o, c, o, o, o, o, o, o, c], 0, "sporadic_cold_spot"),
        ([o, h, o, o, o, o, o, o, o, c], 0, "oscillating_cold_spot"),
        ([c] * 9 + [o], 0, "historical_cold_spot"),
        ([o, h, o, c, o, o, o, o, o, o], 0, "no_pattern"),
    ],
)
def test_the_17_categories(bins, trend, expected):
    assert pattern(bins, trend) == expected


def test_edge_cases_of_the_categories():
    # a run that was interrupted earlier is sporadic, not consecutive
    assert pattern([o, h, o, o, o, o, o, h, h, h]) == "sporadic_hot_spot"
    # 90 % hot including the final year, with an earlier gap: persistent
    assert pattern([o] + [h] * 9) == "persistent_hot_spot"


def test_end_to_end_and_saved(panel_rw):
    result = hs.emerging_hotspots(panel_rw, "trafic")
    hs.save(panel_rw, result)
    rows = panel_rw.execute("SELECT count(*), count(DISTINCT code) FROM hotspot WHERE indicator = 'trafic'").fetchone()
    assert rows == (len(result.codes) * len(result.years), len(result.codes))
    assert set(result.category) <= set(hs.CATEGORIES)
    assert "suppressed" in result.notes[0]
    saved = panel_rw.execute(
        "SELECT max(abs(rise_z)), count(*) FILTER (WHERE rise_q <= 0.05) FROM hotspot WHERE indicator = 'trafic'"
    ).fetchone()
    assert saved[0] == pytest.approx(np.abs(result.rise_z).max()) and saved[1] == (result.rise_q <= 0.05).sum()


def test_an_older_warehouse_gets_the_rise_columns(tmp_path):
    import duckdb

    old = duckdb.connect(str(tmp_path / "old.duckdb"))
    old.execute("CREATE TABLE hotspot (indicator VARCHAR NOT NULL, code VARCHAR NOT NULL, year SMALLINT NOT NULL)")
    old.close()
    con = warehouse.connect(tmp_path / "old.duckdb")
    columns = [r[0] for r in con.execute("DESCRIBE hotspot").fetchall()]
    assert {"rise_z", "rise_q"} <= set(columns)


def test_hidden_rises_flag_a_departement_whose_suppressed_total_jumps():
    """Twenty suppressed villages and one published town per département; in one, the villages together treble
    in the final year (no single village stands out), in the others they stay level."""
    rng = np.random.default_rng(5)
    deps = np.repeat(["26", "79", "07", "38"], 21)
    counts = rng.poisson(3.0, (84, 6)).astype(float)
    counts[:20, -1] = rng.poisson(9.0, 20)
    town = np.arange(84) % 21 == 20
    counts[town] = 200
    population = np.where(town, 50_000.0, 2000.0)[:, None] * np.ones(6)
    expected = recent_expectation(counts, population, deps)
    suppressed = ~town[:, None] & np.ones(6, bool)
    found = hs.hidden_rises(counts, expected, suppressed, deps)
    assert [h["departement"] for h in found] == ["26"]
    assert found[0]["suppressed_towns"] == 20 and found[0]["suppressed_total"] > 2 * found[0]["expected"]
    assert hs.hidden_rises(counts, expected, np.zeros_like(suppressed), deps) == []  # nothing suppressed

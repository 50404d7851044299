"""Early warning: metrics against scikit-learn, baselines and targets against hand oracles, no leakage from the year
forecast, the real état 4001 baselines of the issue, the stored watchlist, and bad input."""

from __future__ import annotations

import json
import math
import shutil
from types import SimpleNamespace

import numpy as np
import pytest
from scipy import sparse
from sklearn.metrics import average_precision_score, brier_score_loss, roc_auc_score
from typer.testing import CliRunner

from vigie import warehouse
from vigie.analysis import backtest as bt
from vigie.analysis import features as ft
from vigie.analysis import forecast as fc
from vigie.cli import app

runner = CliRunner()


def invoke(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=True)


# ------------------------------------------------------------------ metrics against scikit-learn


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_metrics_match_sklearn(seed):
    rng = np.random.default_rng(seed)
    y = (rng.random(400) < 0.15).astype(float)
    p = np.clip(0.1 + 0.3 * y + rng.normal(0, 0.15, 400), 0, 1)
    p[:50] = np.round(p[:50], 1)  # ties
    assert bt.aupr(y, p) == pytest.approx(average_precision_score(y, p), abs=1e-12)
    assert bt.auroc(y, p) == pytest.approx(roc_auc_score(y, p), abs=1e-12)
    assert bt.brier(y, p) == pytest.approx(brier_score_loss(y, p), abs=1e-12)


def test_ece_precision_recall_pai_by_hand():
    y = np.array([1, 0, 1, 0, 0, 1, 0, 0])
    p = np.array([0.9, 0.85, 0.3, 0.2, 0.15, 0.05, 0.05, 0.0])
    # bins: [0.9] → |0.9-1|; [0.85] → |0.85-0|; [0.3] → |0.3-1|; [0.2, 0.15]: |0.175-0|; [0.05,0.05,0]: |1/30-1/3|
    expected = (0.1 + 0.85 + 0.7 + 2 * 0.175 + 3 * abs(0.1 / 3 - 1 / 3)) / 8
    assert bt.ece(y, p) == pytest.approx(expected)
    assert bt.precision_at(y, p, 2) == 0.5
    assert bt.recall_at(y, p, 3) == pytest.approx(2 / 3)
    population = np.array([10, 10, 10, 10, 10, 10, 10, 30.0])
    # top 3 catch 2 of 3 surges with 30 of 100 inhabitants, 3 of 8 towns
    assert bt.pai_at(y, p, population, 3) == pytest.approx((2 / 3) / 0.3)
    assert bt.pai_at(y, p, np.ones(8), 3) == pytest.approx((2 / 3) / (3 / 8))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_platt_converges_on_wide_margins(seed):
    """Margins spread over tens of log-odds (the Poisson tail of a town far from its threshold): the Platt map is
    the logistic regression's optimum (checked against scipy's BFGS on the same smoothed likelihood), not a
    diverged Newton step (which once gave every town the same probability: AUROC 0.500)."""
    from scipy.optimize import minimize

    rng = np.random.default_rng(seed)
    margin = np.where(rng.random(20_000) < 0.5, -13.8, rng.normal(-4, 2, 20_000))
    y = (rng.random(20_000) < 1 / (1 + np.exp(-(0.3 * margin - 1)))).astype(float)
    a, b = fc._platt(margin, y)
    n_pos = y.sum()
    target = np.where(y > 0, (n_pos + 1) / (n_pos + 2), 1 / (len(y) - n_pos + 2))

    def loss(ab):
        z = ab[0] * margin + ab[1]
        return np.sum(np.logaddexp(0, z) - target * z)

    oracle = minimize(loss, [1.0, 0.0], method="BFGS").x
    assert (a, b) == pytest.approx(tuple(oracle), abs=1e-4)


# ------------------------------------------------------------------ a hand-made panel


def tiny_panel(published, suppressed=None, complement=None, source="commune") -> ft.Panel:
    published = np.array(published, float)
    n, t = published.shape
    suppressed = np.zeros((n, t), bool) if suppressed is None else np.array(suppressed, bool)
    complement = np.zeros((n, t)) if complement is None else np.array(complement, float)
    main = ft.Series(np.where(suppressed, np.nan, published), suppressed, np.where(suppressed, complement, 0.0))
    return ft.Panel(
        source=source,
        indicator="trafic",
        units=np.array([f"u{i}" for i in range(n)], dtype=object),
        towns=np.array([f"u{i}" for i in range(n)], dtype=object),
        names=np.array([f"u{i}" for i in range(n)], dtype=object),
        years=np.arange(2016, 2016 + t),
        main=main,
        related={},
        known=np.ones((n, t), bool),
        population=np.full((n, t), 10_000.0),
        dep=np.zeros(n, int),
        departements=np.array(["01"], dtype=object),
        w=sparse.csr_matrix((n, n)),
        hub_distance=np.full(n, np.nan),
        hub=np.full(n, -1),
        hub_names=np.array([""] * n, dtype=object),
        follows_rule=True,
    )


def test_surge_labels_by_hand():
    rows = [
        [4, 6, 5, 10, 11, 12],  # mean(4, 6, 5) = 5, count 10 ≥ 10: surge
        [4, 6, 5, 9, 11, 12],  # 9 < 10: no surge
        [0, 0, 0, 7, 9, 9],  # from nothing to ≥ 5: surge (threshold 5)
        [0, 0, 0, 4, 9, 9],  # 4 < 5: no surge
        [0, 0, 0, 6, 8, 9],  # three suppressed years (their complement is 9), then 6 published: an emergence
    ]
    s = np.zeros((5, 6), bool)
    s[4, :3] = True
    y = ft.surge_labels(tiny_panel(rows, s, complement=np.full((5, 6), 9.0)), 3, until=5)
    assert y.tolist() == [1, 0, 1, 0, 1]


def test_surge_labels_from_the_secrecy_rule_proofs():
    """Figures that follow the three-year rule: a published 0 proves the suppressed year before it had none; a
    published ≥ 5 proves it had at least 5, which decides a surge when the threshold is 5."""
    rows = [[0] * 6, [0] * 6, [0, 0, 0, 0, 6, 7]] + [[6] * 6] * 3 + [[0] * 6] * 3
    s = np.zeros((len(rows), 6), bool)
    s[0, :4] = True  # suppressed 2016–2019, published 0 in 2020: 2019 proven 0
    s[1, :] = True  # never published: unknown
    s[2, :4] = True  # suppressed 2016–2019, published 6 in 2020: 2019 proven ≥ 5
    panel = tiny_panel(rows, s, complement=np.full((len(rows), 6), 0.5))
    assert panel.follows_rule
    y = ft.surge_labels(panel, 3, until=5)
    assert y[0] == 0 and np.isnan(y[1]) and y[2] == 1
    # read with the years up to 2019 only, the proofs of 2020 are not known yet: unknown
    early = ft.surge_labels(panel, 3, until=3)
    assert np.isnan(early[0]) and np.isnan(early[2])


def test_suppressed_unproven_year_is_unknown():
    rows = [[2, 3, 2, 0, 0, 0]]
    s = [[False, False, False, True, True, True]]
    panel = tiny_panel(rows, s, complement=np.full((1, 6), 2.0))
    assert np.isnan(ft.surge_labels(panel, 3, until=5)[0])


def test_onset_labels_unknown_until_the_detector_can_see_them():
    """An onset of year s is known (1 or 0) once the data reach two years after s; read one year after, a town
    whose figure of s-1 was suppressed is unknown (its rise is still hidden behind the complement), and read in
    the year itself every town is unknown: not a 0 the backtest would score."""
    suppressed = np.zeros((4, 6), bool)
    suppressed[1, 2:4] = True  # town 1 suppressed in columns 2 and 3
    panel = tiny_panel([[1] * 6] * 4, suppressed, complement=np.full((4, 6), 2.0))
    onset = np.array([4.0, 4.0, np.nan, 2.0])  # town 3 started before
    y = ft.onset_labels(panel, 4, until=5, onset=onset)
    assert y[0] == 1 and np.isnan(y[1]) and y[2] == 0 and np.isnan(y[3])
    assert np.isnan(ft.onset_labels(panel, 5, until=5, onset=onset)).all()
    y = ft.onset_labels(panel, 3, until=5, onset=onset)  # two years after: town 1 known despite column 2
    assert y.tolist()[:3] == [0, 0, 0] and np.isnan(y[3])


def test_simple_baselines_by_hand():
    panel = tiny_panel([[1, 2, 3, 4, 8, 8], [5, 5, 5, 5, 5, 5], [0, 0, 9, 1, 1, 1]])
    x = ft.features_at(panel, 3)
    base = fc.simple_baselines(x)
    assert base["persistence"].tolist() == [4, 5, 1]
    assert base["prior_counts"].tolist() == [2 + 3 + 4, 15, 9 + 1]
    assert base["last_year_increase"].tolist() == [1, 0, -8]
    assert base["neighbours_lag"].tolist() == [0, 0, 0]  # no neighbours


# ------------------------------------------------------------------ no leakage, determinism (small synthetic panel)


@pytest.fixture(scope="module")
def small(panel_db):
    con = warehouse.connect(panel_db, read_only=True)
    panel = ft.load_panel(con, "commune", "trafic")
    yield con, panel
    con.close()


def _shuffled_after(panel: ft.Panel, t: int, seed: int = 0) -> ft.Panel:
    """The panel with every year after t replaced by another town's figures (and drug use, violence too)."""
    rng = np.random.default_rng(seed)
    out = ft.restrict(panel, np.ones(len(panel.units), bool))
    order = rng.permutation(len(panel.units))

    def shuffle(s: ft.Series) -> ft.Series:
        p, q, c = s.published.copy(), s.suppressed.copy(), s.complement.copy()
        p[:, t + 1 :], q[:, t + 1 :], c[:, t + 1 :] = p[order, t + 1 :], q[order, t + 1 :], c[order, t + 1 :] * 3
        return ft.Series(p, q, c)

    out.main = shuffle(panel.main)
    out.related = {k: [shuffle(s) for s in v] for k, v in panel.related.items()}
    out.population = panel.population.copy()
    out.population[:, t + 1 :] = panel.population[order, t + 1 :]
    return out


def test_shuffling_the_year_forecast_changes_nothing(small):
    _, panel = small
    t = 5  # forecast year column 6 from the years up to column 5
    other = _shuffled_after(panel, t)
    assert not np.array_equal(
        np.nan_to_num(other.main.published[:, t + 1]), np.nan_to_num(panel.main.published[:, t + 1])
    )
    feats = [ft.features_at(panel, c) for c in range(t + 1)]
    feats_other = [ft.features_at(other, c) for c in range(t + 1)]
    for a, b in zip(feats, feats_other, strict=True):
        np.testing.assert_array_equal(a, b)
    p = fc.fit_origin(panel, feats, t).predict(feats[t])
    q = fc.fit_origin(other, feats_other, t).predict(feats_other[t])
    np.testing.assert_array_equal(p, q)
    p = fc.fit_origin(panel, feats, t, "onset").predict(feats[t])  # the onset's labels too: read up to t only
    q = fc.fit_origin(other, feats_other, t, "onset").predict(feats_other[t])
    np.testing.assert_array_equal(p, q)
    # and the year itself does change the features of that year (the test can fail)
    assert not np.array_equal(np.nan_to_num(ft.features_at(panel, t + 1)), np.nan_to_num(ft.features_at(other, t + 1)))


def test_watchlist_is_deterministic_for_a_seed(small):
    con, _ = small
    a = fc.watchlist(con, "commune", "trafic", "surge", seed=7)
    b = fc.watchlist(con, "commune", "trafic", "surge", seed=7)
    assert [r["probability"] for r in a.rows] == [r["probability"] for r in b.rows]
    assert [r["rank"] for r in a.rows] == list(range(1, len(a.rows) + 1))
    probabilities = [r["probability"] for r in a.rows]
    assert probabilities == sorted(probabilities, reverse=True)
    assert all(0 <= q <= 1 for q in probabilities)
    assert a.target_year == 2026 and a.training_years == "2016-2025"
    assert any(r["drivers"] for r in a.rows[:10])


# ------------------------------------------------------------------ the onset: one case, publication states


def _one_case_panel():
    """One département, 30 towns, 7 years: town 0 published zero throughout; towns 1–9 suppressed (the
    département's complement 2.5 a year); the others published counts of 20–40; town 29 published zero too but
    ten times bigger than town 0."""
    rng = np.random.default_rng(0)
    n, years = 30, 7
    published = rng.integers(20, 41, (n, years)).astype(float)
    published[0], published[29] = 0.0, 0.0
    suppressed = np.zeros((n, years), bool)
    suppressed[1:10] = True
    published[1:10] = np.nan
    complement = np.where(suppressed, 2.5, 0.0)
    population = np.full((n, years), 5_000.0)
    population[29] = 50_000.0
    main = ft.Series(published, suppressed, complement)
    units = np.array([f"t{i:02d}" for i in range(n)], dtype=object)
    panel = SimpleNamespace(
        source="commune",
        units=units,
        main=main,
        dep=np.zeros(n, int),
        departements=np.array(["26"]),
        follows_rule=True,
        population=population,
    )
    return panel


def test_onset_one_case_by_hand():
    """The chance that one case starts a town now at zero: P(at least one case) under its expected count, times the
    onset detector's own verdict on its series followed by two years at the département's complement (the secrecy
    rule suppresses both, the warehouse fills them with it); 0 for a town whose figure is not a published zero."""
    from vigie.analysis.onsets import detect_onsets
    from vigie.analysis.rise import departement_expectation
    from vigie.analysis.suppression import own_series

    panel = _one_case_panel()
    t = 6
    own = own_series(panel.main.published, panel.main.suppressed, panel.main.complement)
    expected = departement_expectation(own, panel.population, panel.dep)
    p = ft.onset_one_case(panel, t, own, expected)
    assert (p[1:29] == 0).all()  # suppressed or published counts: not decided by one case
    # the oracle: the detector on the series so extended, and 1 - exp(-mu) with a half case on both sides
    level = (own.sum(1) + 0.5) / (expected.sum(1) + 0.5) * expected[:, -1]  # every town's level held
    for town in (0, 29):
        ahead = np.column_stack([own, level, level])
        ahead[town, -2:] = 2.5
        e = np.column_stack([expected, expected[:, -1:], expected[:, -1:]])
        verdict = detect_onsets(panel.units, np.arange(t + 3), ahead, e, np.zeros(ahead.shape, bool))
        assert verdict.onset_year[town] == t + 1
        assert p[town] == pytest.approx(1 - np.exp(-level[town])) and 0 < p[town] < 0.1
    panel.follows_rule = False  # no secrecy rule: one case is published as such, nothing is decided by it
    assert (ft.onset_one_case(panel, t, own, expected) == 0).all()


def test_onset_hold_is_a_rise_caught_in_its_first_year():
    """features.onset_hold: 1 where the onset detector, given one more year at this year's level, calls an onset
    this year. Oracle: the detector itself on the series extended by hand, for a town that rose this year (9 then
    34: flagged; if the rise goes on, the detector puts its onset next year, by its ramp rule), a flat town, a town
    that rose two years ago (its onset is then, not now) and a one-year spike that has fallen back."""
    from vigie.analysis.onsets import detect_onsets

    rng = np.random.default_rng(12)
    own = rng.poisson(10, (40, 6)).astype(float)  # flat towns, so that the over-dispersion is a town's
    own[0] = [10, 10, 7, 9, 9, 34]
    own[1] = [10, 10, 10, 10, 10, 10]
    own[2] = [10, 10, 10, 30, 32, 31]
    own[3] = [10, 10, 40, 10, 10, 10]
    expected = np.full(own.shape, 10.0)
    units = np.arange(40).astype(str)
    hold = ft.onset_hold(units, own, expected, np.zeros(own.shape, bool))
    assert hold[:4].tolist() == [1.0, 0.0, 0.0, 0.0]
    assert set(np.unique(hold)) <= {0.0, 1.0}

    def detected(ahead, town=0):  # every town held at its level, `town` given `ahead`
        extended = np.column_stack([own] + [own[:, -1]] * len(ahead))
        extended[town, 6:] = ahead
        e = np.full(extended.shape, 10.0)
        return detect_onsets(units, np.arange(extended.shape[1]), extended, e, np.zeros(extended.shape, bool))

    assert detected([34.0]).onset_year[0] == 5  # the oracle of the flag: held one year, an onset this year
    assert np.isnan(detect_onsets(units, np.arange(6), own, expected, np.zeros(own.shape, bool)).onset_year[0])
    assert detected([100.0, 100.0]).onset_year[0] == 6  # the rise goes on (34 below half-way up): next year
    assert detected([34.0, 34.0]).onset_year[0] == 5  # it holds: this year's, no candidate for next year
    assert detected([31.0], town=2).onset_year[2] == 3  # risen two years ago: its onset is then


def test_publication_state_and_onset_base_contributions(small):
    """The onset's logistic base has shared coefficients plus one set per publication state; each row's
    contributions (base terms + tree SHAP + the rest) still add up to its margin."""
    x = np.full((3, len(ft.FEATURES)), 1.0)
    x[:, ft.FEATURES.index("count")] = [0.0, 3.0, 12.0]
    x[:, ft.FEATURES.index("suppressed_now")] = [0.0, 1.0, 0.0]
    assert fc.publication_state(x).tolist() == [0, 1, 2]
    _, panel = small
    t = len(panel.years) - 2
    feats = [ft.features_at(panel, c) for c in range(t + 1)]
    model = fc.fit_origin(panel, feats, t, "onset")
    live = np.isnan(ft.onsets_until(panel, t))
    contributions = model.contributions(feats[t][live])
    np.testing.assert_allclose(contributions.sum(1), model._margin(feats[t][live]), rtol=1e-6, atol=1e-6)
    assert set(fc.publication_state(feats[t][live])) >= {0, 2}


def test_front_hazard_finds_a_planted_wave():
    """A wave planted as the issue describes it (towns start around a year 1 + d / 30, d their distance to the
    hub) among background onsets: the front's speed chosen on the past years is near 30 km a year, and next year's
    ratio is high where the front will be and low where it has passed. Without a wave no speed claims a front."""
    rng = np.random.default_rng(5)
    n, t, speed = 6000, 6, 30.0
    d = rng.uniform(0, 300, n)
    size = rng.uniform(6, 11, n)
    quiet = np.full(n, np.nan)  # background onsets only: 3 per 1,000 towns a year
    background = rng.random((n, t + 1)) < 0.003
    for s in range(t, 0, -1):
        quiet[background[:, s]] = s
    wave = rng.random(n) < 0.3
    arrival = np.rint(1 + d / speed + rng.normal(0, 0.5, n))
    onset = np.where(wave & (arrival <= t), np.fmin(quiet, arrival), quiet)
    ratio, chosen = ft.front_hazard(d, size, onset, t)
    assert chosen is not None and 20 <= chosen[0] <= 40
    next_front = np.abs(d - speed * t) < 15  # where it stands next year (column t + 1)
    passed = (d > 30) & (d < 90)
    assert np.nanmean(ratio[next_front]) > np.nanmean(ratio[passed]) + 1.0
    assert np.nanmax(np.abs(ft.front_hazard(d, size, quiet, t)[0])) < 1.0  # background alone: no front
    assert np.isnan(ft.front_hazard(d, size, onset, 3)[0]).all()  # fewer than four years of onsets: unknown


def test_front_from_two_years_of_onsets(monkeypatch):
    """The experiment of benchmarks/onset_first_years.py (FRONT_MIN_YEARS = 2): with two years of onsets the
    speed is chosen by forecasting the second from the first, and the column is known; the product's default
    (three years) leaves it unknown."""
    rng = np.random.default_rng(7)
    n = 6000
    d = rng.uniform(0, 300, n)
    size = rng.uniform(6, 11, n)
    arrival = np.rint(1 + d / 30.0 + rng.normal(0, 0.3, n))
    onset = np.where((rng.random(n) < 0.4) & (arrival <= 2), arrival, np.nan)
    assert np.isnan(ft.front_hazard(d, size, onset, 3)[0]).all()
    monkeypatch.setattr(ft, "FRONT_MIN_YEARS", 2)
    ratio, chosen = ft.front_hazard(d, size, onset, 3)
    assert chosen is not None and np.isfinite(ratio).all()


def test_surge_model_reads_no_onset_only_column():
    """features.ONSET_ONLY (the front, a rise caught in its first year) is read by the onset model only: the
    surge's and the services' forecasts are the same whatever those columns hold (so that their backtests stand),
    the onset's are not."""
    rng = np.random.default_rng(11)
    n = 4000
    x = rng.normal(0, 1, (n, len(ft.FEATURES)))
    x[:, ft.FEATURES.index("count")] = rng.poisson(4, n)
    x[:, ft.FEATURES.index("mean3")] = rng.uniform(1, 6, n)
    x[:, ft.FEATURES.index("suppressed_now")] = 0.0
    for name in ft.ONSET_ONLY:
        front = ft.FEATURES.index(name)
        y = (rng.random(n) < fc._sigmoid(x[:, front] - 3)).astype(float)  # the column drives the target
        count = rng.poisson(4, n).astype(float)
        half = n // 2
        other = x.copy()
        other[:, front] = rng.normal(0, 1, n)
        for rare, same in ((False, True), ("onset", False)):
            model = fc.Model().fit((x[:half], y[:half], count[:half]), (x[half:], y[half:], count[half:]), rare)
            assert np.array_equal(model.predict(x), model.predict(other)) == same
            assert model.contributions(x).shape == (n, len(ft.FEATURES) + 1)
            assert (model.contributions(x)[:, front] == 0).all() == same


def test_onset_model_does_not_depend_on_the_seed(small):
    """The onset model samples no row, feature or histogram bin (forecast._params, LinearBase.fit): a few dozen onsets a
    year cannot afford a forecast that moves with the draw."""
    _, panel = small
    t = len(panel.years) - 2
    feats = [ft.features_at(panel, c) for c in range(t + 1)]
    a = fc.fit_origin(panel, feats, t, "onset", seed=1).predict(feats[t])
    b = fc.fit_origin(panel, feats, t, "onset", seed=2).predict(feats[t])
    np.testing.assert_array_equal(a, b)
    assert np.unique(a).size > 100  # not a constant forecast


@pytest.mark.parametrize("target", ["surge", "onset"])
def test_refitted_model_keeps_the_calibration_year_level(small, target):
    """After the refit on both folds, the forecasts of the calibration year sum to its smoothed count of positives
    (Platt's targets), as the out-of-fold map made them; the first origin's onset forecast once put published towns at
    0.95 against a 3 % rate because the refit moved the level."""
    _, panel = small
    origin = 3
    feats = [ft.features_at(panel, c) for c in range(origin + 1)]
    last = origin - 1 if target == "onset" else origin
    x1, y1, _ = fc.training_rows(panel, feats, target, last, last, origin)
    model = fc.fit_origin(panel, feats, origin, target)
    n_pos, n_neg = y1.sum(), (y1 == 0).sum()
    expected = n_pos * (n_pos + 1) / (n_pos + 2) + n_neg / (n_neg + 2)
    assert model.predict(x1).sum() == pytest.approx(expected, rel=1e-6)


def test_count_part_of_the_base_claims_no_odds_beyond_its_rows():
    """The base's count part (the Poisson GLM's log-odds of reaching the surge threshold) stays within ± log of
    the rows it learned from: unbounded, the Poisson tail made a big service whose mean lay above its threshold
    near certain (Marseille centre at 99 % on the état 4001, log-odds +27). Inside the bound it is the Poisson
    tail itself (scipy's, the oracle)."""
    from scipy.stats import poisson

    rng = np.random.default_rng(3)
    n = 3000
    x = rng.normal(0, 1, (n, len(ft.FEATURES)))
    level = np.exp(rng.uniform(np.log(5), np.log(400), n))
    x[:, ft.FEATURES.index("count")] = level
    x[:, ft.FEATURES.index("mean3")] = level * rng.uniform(0.5, 1.5, n)
    count = rng.negative_binomial(10, 10 / (10 + level)).astype(float)  # overdispersed, as real counts are
    glm = fc.PoissonBaseline().fit(x, count)
    rows = np.zeros((2, len(ft.FEATURES)))
    rows[:, ft.FEATURES.index("count")] = [300.0, 190.0]
    rows[:, ft.FEATURES.index("mean3")] = [100.0, 100.0]  # threshold 200: a mean near 300, then near 190
    mu = glm._mean(rows)  # the GLM's mean (its count columns)
    tail = poisson.logsf(199, mu) - poisson.logcdf(199, mu)
    assert tail[0] > 15 and abs(tail[1]) < math.log(n)
    np.testing.assert_allclose(glm.log_odds(rows), [math.log(n), tail[1]], rtol=1e-9)


# ------------------------------------------------------------ the stored watchlist (panel_db is built as a build does)


def test_watchlist_reads_the_stored_forecast(panel_db):
    result = invoke("watchlist", "--db", str(panel_db), "--top", "5", "--format", "json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["target_year"] == 2026 and payload["synthetic_commune_figures"] is True
    assert [r["rank"] for r in payload["rows"]] == [1, 2, 3, 4, 5]
    assert payload["rows"][0]["drivers"][0]["text"]
    table = invoke("watchlist", "--db", str(panel_db), "--top", "3", "--departement", "26")
    assert table.exit_code == 0 and "SYNTH" in table.output.upper()
    code = payload["rows"][0]["code"]
    profile = invoke("commune", code, "--db", str(panel_db))
    assert profile.exit_code == 0, profile.output
    assert "surge in 2026" in profile.output and "rank 1 of" in profile.output


def test_watchlist_year_beyond_the_data(panel_db):
    result = invoke("watchlist", "--db", str(panel_db), "--year", "2030")
    assert result.exit_code != 0
    assert "2026 at most" in str(result.exception) + result.output


# ------------------------------------------------------------------ real état 4001 by service


def test_service_backtest_json_and_the_issue_baselines(official_db):
    result = invoke(
        "backtest", "--db", str(official_db), "--source", "service", "--indicator", "trafic", "--format", "json"
    )
    assert result.exit_code == 0, result.output
    years = json.loads(result.stdout)
    assert [y["year"] for y in years] == [2016, 2017, 2018, 2019, 2020, 2021]
    for y in years:
        assert {"year", "n", "positives", "aupr", "auroc", "brier", "ece", "baselines"} <= set(y)
        assert 0 < y["aupr"] <= 1 and 0 <= y["ece"] <= 1
    # the issue's figures for the baselines (services with four consecutive known years): the target is the same
    persistence = [round(y["baselines"]["persistence"], 2) for y in years]
    increase = [round(y["baselines"]["last_year_increase"], 2) for y in years]
    assert persistence == [0.25, 0.21, 0.18, 0.15, 0.09, 0.12]
    assert increase == [0.30, 0.23, 0.23, 0.18, 0.12, 0.17]
    assert all(67 <= y["positives"] <= 127 and 680 <= y["n"] <= 790 for y in years)


# ------------------------------------------------------------------ press events within 20 km


def _km(lon1, lat1, lon2, lat2):
    """Haversine distance (an oracle written apart from features.press_events, which uses chords on a sphere)."""
    lon1, lat1, lon2, lat2 = map(np.radians, (lon1, lat1, lon2, lat2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * np.arcsin(np.sqrt(a))


def test_press_events_within_20_km(altered, panel_db):
    con = warehouse.connect(panel_db, read_only=True)
    plain = ft.load_panel(con, "commune", "trafic")
    where = {
        c: (lon, lat)
        for c, lon, lat in con.execute("SELECT code, lon, lat FROM commune WHERE lon IS NOT NULL").fetchall()
    }
    con.close()
    assert plain.press is None  # no press event in the warehouse: the feature is 0 for everyone
    column = ft.FEATURES.index("press_events_20km")
    assert not ft.features_at(plain, 4)[:, column].any()
    # events: two at one town in 2020, one dated by its end only, one in 2021, and some that must be left out
    a, b = plain.units[0], plain.units[len(plain.units) // 2]
    events = [
        (1, a, "2020-03-01", None),
        (2, a, "2020-11-30", "2020-12-02"),
        (3, b, None, "2020-06-01"),
        (4, b, "2021-05-05", None),
        (5, None, "2020-01-01", None),  # no commune: left out
        (6, a, None, None),  # no date: left out
        (7, a, "2027-01-01", None),  # after the data: left out
    ]

    def sql(value):
        return f"'{value}'" if value else "NULL"

    values = ", ".join(f"({i}, 'seizure', {sql(c)}, {sql(d0)}, {sql(d1)})" for i, c, d0, d1 in events)
    path = altered(f"INSERT INTO event (event_id, type, commune, date_start, date_end) VALUES {values}")
    con = warehouse.connect(path, read_only=True)
    panel = ft.load_panel(con, "commune", "trafic")
    con.close()
    dated = {2020: [a, a, b], 2021: [b]}
    for year in (2019, 2020, 2021):
        t = int(np.flatnonzero(panel.years == year)[0])
        got = ft.features_at(panel, t)[:, column]
        expected = np.zeros(len(panel.units))
        for place in dated.get(year, []):
            lon, lat = where[place]
            for i, unit in enumerate(panel.units):
                if unit in where and _km(*where[unit], lon, lat) <= 20.0:
                    expected[i] += 1
        np.testing.assert_array_equal(got, expected)
        assert year == 2019 or got.sum() > 0
    # the rest of the features do not move
    t = int(np.flatnonzero(panel.years == 2020)[0])
    others = [k for k in range(len(ft.FEATURES)) if k != column]
    np.testing.assert_array_equal(ft.features_at(panel, t)[:, others], ft.features_at(plain, t)[:, others])


# ------------------------------------------------------------------ bad input


@pytest.fixture
def altered(panel_db, tmp_path):
    """A copy of the small panel's warehouse, altered by SQL."""

    def make(*statements: str):
        path = tmp_path / "altered.duckdb"
        shutil.copy(panel_db, path)
        con = warehouse.connect(path)
        for sql in statements:
            con.execute(sql)
        con.close()
        return path

    return make


@pytest.mark.parametrize(
    "statement, message",
    [
        ("DELETE FROM commune_fact WHERE year > 2019", "needs at least five"),
        ("DELETE FROM commune_fact WHERE year <> 2025", "needs at least five"),
    ],
)
def test_too_few_years(altered, statement, message):
    path = altered(statement)
    before = warehouse.connect(path, read_only=True)
    stored = before.execute("SELECT count(*) FROM forecast").fetchone()[0]
    before.close()
    for args in (["backtest"], ["watchlist", "--compute"]):
        result = invoke(*args, "--db", str(path))
        assert result.exit_code != 0
        assert message in str(result.exception)
    after = warehouse.connect(path, read_only=True)
    assert after.execute("SELECT count(*) FROM forecast").fetchone()[0] == stored  # nothing half-written
    after.close()


def test_indicator_without_data(panel_db):
    result = invoke("backtest", "--db", str(panel_db), "--indicator", "homicides")
    assert result.exit_code != 0
    assert "no data" in str(result.exception)


def test_all_suppressed_departement(altered):
    path = altered("UPDATE commune_fact SET count = NULL, suppressed = TRUE WHERE code LIKE '79%'")
    result = invoke("backtest", "--db", str(path), "--departement", "79")
    assert result.exit_code != 0
    assert "every town-year" in str(result.exception)

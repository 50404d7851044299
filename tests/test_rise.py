"""Expected counts and rise scores, against hand computations and scipy's negative binomial."""

import numpy as np
import pytest

from vigie.analysis import rise as rs


def test_recent_expectation_by_hand():
    counts = np.array([[2, 3, 2, 20]] + [[5, 5, 5, 5]] * 4 + [[0, 0, 0, 3]], float)
    population = np.array([[1000] * 4] + [[3000] * 4] * 4 + [[2000] * 4], float)
    departements = ["26"] * 5 + ["79"]
    got = rs.recent_expectation(counts, population, departements)
    for i in range(len(counts)):
        same = [j for j in range(len(counts)) if departements[j] == departements[i]]
        rate = [counts[same, t].sum() / population[same, t].sum() for t in range(4)]
        for t in range(3, 4):  # a recent level needs three years of past
            past = range(t - 3, t)
            ratio = (sum(counts[i, s] for s in past) + 0.5) / (sum(population[i, s] * rate[s] for s in past) + 0.5)
            assert got[i, t] == pytest.approx(ratio * population[i, t] * rate[t])
    assert np.isnan(got[:, :3]).all()
    rise = rs.rise_scores(counts, got, phi=0.1)
    assert rise[0, 3] > 4 and abs(rise[1, 3]) < 2  # the jump stands out, a flat town does not


def test_rise_scores_are_negative_binomial_mid_quantiles():
    """Oracle: scipy's negative binomial (n = 1/φ, p = n/(n + μ)); mid-p = P(Y < y) + ½P(Y = y)."""
    from scipy import stats

    y = np.array([[0, 1, 4, 10, 30, 120]], float)
    mu = np.array([[2, 2, 0.5, 10, 20, 15]], float)
    for phi in (0.05, 0.3):
        n = 1 / phi
        law = stats.nbinom(n, n / (n + mu[0]))
        expected = stats.norm.ppf(law.cdf(y[0] - 1) + 0.5 * law.pmf(y[0]))
        assert rs.rise_scores(y, mu, phi=phi)[0] == pytest.approx(
            np.minimum(expected, stats.norm.ppf(1 - 1e-15)), abs=1e-6
        )
    assert rs.rise_scores(np.array([[3.0]]), np.array([[np.nan]]))[0, 0] == 0  # no past: no score


def test_overdispersion_recovers_a_known_phi():
    rng = np.random.default_rng(1)
    mu = rng.uniform(1, 60, (20000, 1))
    for phi in (0.02, 0.2):
        y = rng.negative_binomial(1 / phi, 1 / (1 + phi * mu))
        assert np.median(rs.overdispersion(y, mu)) == pytest.approx(phi, rel=0.15)
    assert np.allclose(rs.overdispersion(rng.poisson(mu), mu), 0, atol=0.01)  # Poisson: none


def test_overdispersion_when_every_expectation_is_alike():
    """One département's suppressed total over the years before the tested one (hot spots of a one-département
    panel): all μ equal, or a single μ, is one band whose φ is the moment estimate Σ[(y − μ)² − y] / Σμ²."""
    y, mu = np.array([[9.0, 2.0, 5.0]]), np.array([[4.0, 4.0, 4.0]])
    expected_phi = ((25 - 9) + (4 - 2) + (1 - 5)) / (3 * 16)  # by hand: 14 / 48
    assert rs.overdispersion(y, mu) == pytest.approx(np.full((1, 3), expected_phi))
    one = rs.overdispersion(np.array([[12.0, np.nan]]), np.array([[3.0, np.nan]]), bands=1)
    assert one[0, 0] == pytest.approx((81 - 12) / 9)


def test_hidden_rises_on_one_departement():
    """hidden_rises with a single département (the hot spots of a one-département panel) tests its suppressed
    total instead of failing: a total far above its recent past is found, an ordinary one is not."""
    from vigie.analysis.hotspots import hidden_rises

    years = 6
    counts = np.array([[2.0, 3.0, 2.0, 3.0, 2.0, 30.0], [1.0, 2.0, 1.0, 2.0, 1.0, 25.0], [5.0] * years])
    suppressed = np.array([[True] * years, [True] * years, [False] * years])
    expected = rs.recent_expectation(counts, np.full((3, years), 1000.0), ["71"] * 3)
    found = hidden_rises(counts, expected, suppressed, ["71"] * 3)
    assert [h["departement"] for h in found] == ["71"] and found[0]["suppressed_towns"] == 2
    calm = counts.copy()
    calm[:2, -1] = [2.0, 2.0]
    assert (
        hidden_rises(calm, rs.recent_expectation(calm, np.full((3, years), 1000.0), ["71"] * 3), suppressed, ["71"] * 3)
        == []
    )

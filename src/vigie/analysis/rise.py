"""How far has a town risen above its own recent level? Expected counts and overdispersed rise scores, shared by
the hot-spot rise test, the filling of suppressed cells and the onsets.

- departement_expectation: population × the département's rate that year (a rise shared by the whole
  département is not a town's own);
- recent_expectation: the town's own ratio to that over its previous three years, carried to this year;
- rise_scores: mid-quantile residuals (Dunn & Smyth 1996, "Randomized quantile residuals", JCGS 5) of the counts
  in a negative-binomial law whose overdispersion (overdispersion) is estimated by band of expected size.
"""

from __future__ import annotations

import numpy as np

RECENT_YEARS = 3  # a town's recent level: its previous three years


def departement_sums(dep: np.ndarray, values: np.ndarray, n: int | None = None) -> np.ndarray:
    """Sums of each column of `values` (towns × years) over the towns of each département (`dep`: the index of
    each town's département), as a départements × years array."""
    n = int(dep.max()) + 1 if n is None else n
    return np.stack([np.bincount(dep, values[:, t], n) for t in range(values.shape[1])], 1)


def departement_expectation(counts: np.ndarray, population: np.ndarray, departements) -> np.ndarray:
    """Expected count of each town-year at its département's rate that year: population × (département count /
    département population). A rise shared by the whole département is not a town's own."""
    counts, population = np.asarray(counts, float), np.asarray(population, float)
    _, dep = np.unique(np.asarray(departements), return_inverse=True)
    return population * (departement_sums(dep, counts) / departement_sums(dep, population))[dep]


def recent_expectation(counts: np.ndarray, population: np.ndarray, departements) -> np.ndarray:
    """Expected count of each town-year from the town's own recent past: its ratio to its département's rate over
    the previous RECENT_YEARS years (a half case added to both sides, so that a town with none has a small
    expectation, not zero) × the département's rate this year × its population. NaN in the first RECENT_YEARS
    years: a level read from one or two years (the first of which the secrecy rule's window also cuts short)
    made rises out of noise (measured: more planted emergences were mistaken for sporadic hot spots)."""
    counts = np.asarray(counts, float)
    reference = departement_expectation(counts, population, departements)
    expected = np.full_like(counts, np.nan)
    for t in range(RECENT_YEARS, counts.shape[1]):
        past = slice(t - RECENT_YEARS, t)
        ratio = (counts[:, past].sum(1) + 0.5) / (reference[:, past].sum(1) + 0.5)
        expected[:, t] = ratio * reference[:, t]
    return expected


def overdispersion(counts: np.ndarray, expected: np.ndarray, bands: int = 10) -> np.ndarray:
    """φ of the variance μ + φμ² of each town-year, by band of expected count: the method-of-moments estimate
    Σ[(y − μ)² − y] / Σμ² within each decile of μ (over μ ≥ 1), interpolated in log μ. Small towns swing in
    proportion more than big cities, whose counts are held by their département's total."""
    y, mu = np.asarray(counts, float), np.asarray(expected, float)
    ok = np.isfinite(mu) & (mu >= 1)
    if not ok.any():
        return np.zeros_like(mu)
    edges = np.unique(np.quantile(mu[ok], np.linspace(0, 1, bands + 1)))
    if len(edges) < 2:  # every μ alike (one département's total, one year): one band, not an empty list of bands
        edges = np.repeat(edges, 2)
    band = np.clip(np.searchsorted(edges, mu[ok], side="right") - 1, 0, len(edges) - 2)
    size = np.bincount(band, None, len(edges) - 1)
    excess = np.bincount(band, (y[ok] - mu[ok]) ** 2 - y[ok], len(edges) - 1)
    scale = np.bincount(band, mu[ok] ** 2, len(edges) - 1)
    centre = np.bincount(band, np.log(mu[ok]), len(edges) - 1) / np.maximum(size, 1)
    phi = np.maximum(excess / np.maximum(scale, 1e-12), 0)
    return np.interp(np.log(np.where(np.isfinite(mu) & (mu > 0), mu, 1)), centre, phi)


def rise_scores(counts: np.ndarray, expected: np.ndarray, phi: np.ndarray | None = None) -> np.ndarray:
    """Mid-quantile residuals (Dunn & Smyth 1996) of each town-year against its recent level: the normal quantile
    of the count's position in a negative-binomial law of mean μ and variance μ + φμ² (φ from all town-years of
    similar expected size, so that a town's ordinary swings do not pass for rises). Unlike the Pearson residual
    (y − μ)/√μ, whose tail is heavy when μ is small, it is close to standard normal whatever the size, so a
    village going from none to three cases does not weigh like a town tripling. 0 where there is no past."""
    from scipy.special import betainc, ndtri

    y, mu = np.asarray(counts, float), np.asarray(expected, float)
    ok = np.isfinite(mu) & (mu > 0)
    phi = overdispersion(y, mu) if phi is None else phi
    size = 1 / np.maximum(phi, 1e-4)  # NB "n"; 1e-4 is Poisson to within a few per cent
    mu_ok = np.where(ok, mu, 1.0)
    # mid-p P(Y < y) + ½P(Y = y) = ½(P(Y ≤ y − 1) + P(Y ≤ y)), with P(Y ≤ k) = betainc(n, k + 1, p), which also
    # interpolates between whole counts (filled cells are not whole)
    y, success = np.maximum(y, 0), size / (size + mu_ok)
    below = np.where(y > 0, betainc(size, np.maximum(y, 1e-300), success), 0.0)
    mid = 0.5 * (below + betainc(size, y + 1, success))
    return np.where(ok, ndtri(np.clip(mid, 1e-15, 1 - 1e-15)), 0.0)

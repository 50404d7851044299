"""Where are trafficking hot spots forming? Local Getis-Ord Gi* per town and year, and the emerging hot-spot
categories over the years.

Method, step by step:
1. Suppressed cells are filled (suppression.town_panel): what the secrecy rule proves (≥ 5 when a later
   published year's window covers the cell; 0 under a later published zero; only where the published figures
   follow that rule); the rest share what is left of their département's suppressed total, which the official
   complement gives exactly, by population times the town's drug-use lift (its drug use against its own recent
   level). Never a silent zero. The share of suppressed final-year cells is reported, and so are the départements whose
   suppressed towns together rose well above their recent level (hidden_rises): a rise there is hidden.
2. Rates per 1,000 are stabilised by global empirical-Bayes smoothing (Marshall 1991, "Mapping disease and
   mortality rates using empirical Bayes estimators", JRSS C 40): each year, a town's rate is pulled towards the
   national rate in proportion to how little its population says, r̂ᵢ = θ + Cᵢ(rᵢ − θ), Cᵢ = σ²/(σ² + θ/pᵢ).
3. Two Gi* tests per town and year (Getis & Ord 1992; Ord & Getis 1995), on binary queen weights with the town
   itself included: zᵢ = (Σⱼ wᵢⱼxⱼ − x̄·cᵢ) / (s·√(cᵢ(N − cᵢ)/(N − 1))), equal to
   esda.G_Local(transform="B", star=True).Zs:
   - level: x = the smoothed rate. Is the neighbourhood's rate high compared with the country's?
   - rise: x = the mid-quantile residual (rise.rise_scores; Dunn & Smyth 1996) of the count against the town's
     recent level (its ratio to its département over the previous three years, carried to this year's
     département rate), in a negative-binomial law whose overdispersion is estimated from all towns of similar
     size. Has the neighbourhood risen above its own recent level, beyond what its département did? A quiet
     place whose figures jump is an emerging hot spot long before its rate ranks high nationally; this test sees
     it, the level test does not. It starts in the fourth year, once a town has three years of past.
   Analytical two-sided p-values, or conditional permutations (the town's own value fixed, its neighbours drawn
   at random from the other towns; one set of draws shared by all towns, as esda does; p from the
   permutation-standardised z). Benjamini–Hochberg FDR control within each year, over both tests of all towns
   as one family. A bin is a significant hot spot when either test finds a significant high (q ≤ alpha, z > 0)
   and the town's own value agrees (rate above the national mean, count one standard deviation above its recent
   level: no "halo" of quiet towns around a hot one); a cold spot when either finds a significant low, the
   town's own rate below the mean or count below its recent level, and neither test a hot one.
4. Mann–Kendall trend test of each town's level Gi* z-series (Mann 1945; Kendall 1975), with the tie correction,
   equal to pymannkendall.original_test.
5. The 17 categories of ArcGIS Pro's Emerging Hot Spot Analysis, with T years and "90 %" meaning ≥ 0.9·T bins:
   - new: hot in the final year, never hot before;
   - consecutive: one uninterrupted run of ≥ 2 hot bins ending in the final year, never hot before that run,
     and fewer than 90 % of the bins hot;
   - intensifying / persistent / diminishing: hot in ≥ 90 % of the bins including the final one, with a
     significant upward / no significant / a significant downward Mann–Kendall trend of the z-scores;
   - sporadic: hot in the final year, on and off before, fewer than 90 % of the bins hot, never cold;
   - oscillating: hot in the final year, cold in some earlier year, fewer than 90 % of the bins hot;
   - historical: not hot in the final year, but hot in ≥ 90 % of the bins;
   - the same eight for cold spots; no_pattern otherwise.
   Where two rules fit, the first in this order wins: intensifying, diminishing, persistent, oscillating, new,
   consecutive, sporadic, historical (a town that was a cold spot before is oscillating, not new, as in sfdep's
   emerging_hotspot_analysis, where "new" and "consecutive" allow no earlier significant bin of either sign).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import duckdb
import numpy as np

from vigie.analysis.rise import RECENT_YEARS, departement_sums, overdispersion, recent_expectation, rise_scores
from vigie.analysis.suppression import follows_secrecy_rule, town_panel
from vigie.errors import VigieError
from vigie.geo.communes import departement_of
from vigie.warehouse import transaction

if TYPE_CHECKING:  # (SciPy and the weights load in 0.4 s: reading stored hot spots needs neither)
    from scipy import sparse

    from vigie.geo.weights import Weights

PATTERNS = ("new", "consecutive", "intensifying", "persistent", "diminishing", "sporadic", "oscillating", "historical")
CATEGORIES = tuple(f"{p}_{kind}" for kind in ("hot_spot", "cold_spot") for p in PATTERNS) + ("no_pattern",)
OWN_RISE = 1.0  # a rising hot bin needs the town's own count one standard deviation above its recent level


def eb_rates(counts: np.ndarray, population: np.ndarray) -> np.ndarray:
    """Global empirical-Bayes rates per 1,000, column by column (years); equals esda.smoothing.Empirical_Bayes
    when the between-town variance is positive (otherwise every town gets the overall rate)."""
    counts, population = np.asarray(counts, float), np.asarray(population, float)
    theta = counts.sum(0) / population.sum(0)
    rate = counts / population
    variance = (population * (rate - theta) ** 2).sum(0) / population.sum(0) - theta / population.mean(0)
    variance = np.maximum(variance, 0)
    weight = variance / (variance + theta / population)
    return 1000 * (weight * rate + (1 - weight) * theta)


def gi_star(w: sparse.csr_matrix, x: np.ndarray) -> np.ndarray:
    """Gi* z-scores of each column of x (towns × years) on binary weights w (no diagonal; self added); 0 for a
    column whose values are all equal."""
    x = np.asarray(x, float)
    n = x.shape[0]
    card = np.asarray(w.sum(1)).ravel() + 1
    local = w @ x + x
    mean = x.mean(0)
    sd = np.sqrt(np.maximum((x**2).mean(0) - mean**2, 0))
    scale = np.sqrt(card * (n - card) / (n - 1))
    with np.errstate(invalid="ignore", divide="ignore"):
        z = (local - np.outer(card, mean)) / np.outer(scale, sd)
    return np.where(sd > 1e-12 * np.maximum(np.abs(mean), 1), z, 0.0)  # equal values: no clustering (as esda)


def permutation_p(w: sparse.csr_matrix, x: np.ndarray, permutations: int, seed: int) -> np.ndarray:
    """Two-sided p-values of Gi* by conditional permutation, column by column.

    For each permutation, k towns are drawn at random without replacement; every town with c neighbours is
    compared with the sums of the first c draws (one set of draws shared by all towns, as in esda's crand; a town
    may, with probability c/N, draw itself, which is negligible at the scale of the country). The observed sum is
    standardised by the mean and spread of its permutation distribution and referred to the normal law (esda's
    `p_z_sim`): unlike the rank p-value, whose floor 1/(permutations + 1) would make FDR control over tens of
    thousands of towns impossible, it can be small enough.
    """
    rng = np.random.default_rng(seed)
    x = np.asarray(x, float)
    n = x.shape[0]
    card = np.diff(w.indptr)
    kmax = max(int(card.max()), 1)
    observed = w @ x
    p = np.ones_like(x)
    for t in range(x.shape[1]):
        draws = np.stack([rng.choice(n, size=kmax, replace=False) for _ in range(permutations)])
        sums = np.cumsum(x[draws, t], axis=1)
        mean, sd = sums.mean(0), sums.std(0)
        for c in np.unique(card[card > 0]):
            members = card == c
            z = (observed[members, t] - mean[c - 1]) / sd[c - 1] if sd[c - 1] > 0 else 0.0
            p[members, t] = normal_p(np.asarray(z))
    return p


def normal_p(z: np.ndarray) -> np.ndarray:
    from scipy.special import ndtr

    return 2 * ndtr(-np.abs(z))


def benjamini_hochberg(p: np.ndarray) -> np.ndarray:
    """BH q-values of each column (Benjamini & Hochberg 1995)."""
    p = np.asarray(p, float)
    n = p.shape[0]
    order = np.argsort(p, axis=0)
    ranked = np.take_along_axis(p, order, 0) * n / np.arange(1, n + 1)[:, None]
    ranked = np.minimum.accumulate(ranked[::-1], axis=0)[::-1]
    q = np.empty_like(p)
    np.put_along_axis(q, order, np.minimum(ranked, 1), 0)
    return q


def mann_kendall(series: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Mann–Kendall S, z and two-sided p of each row (towns × years), with the tie-corrected variance."""
    y = np.asarray(series, float)
    n = y.shape[1]
    i, j = np.triu_indices(n, 1)
    s = np.sign(y[:, j] - y[:, i]).sum(1)
    ordered = np.sort(y, axis=1)
    # sizes of tied groups: runs of equal values in each sorted row
    ties = np.zeros(len(y))
    run = np.ones(len(y))
    for k in range(1, n):
        same = ordered[:, k] == ordered[:, k - 1]
        run = np.where(same, run + 1, run)
        ended = ~same | (k == n - 1)
        closing = np.where(same & (k == n - 1), run, np.where(~same, run, 0))
        ties += np.where(ended & (closing > 1), closing * (closing - 1) * (2 * closing + 5), 0)
        run = np.where(same, run, 1)
    var = (n * (n - 1) * (2 * n + 5) - ties) / 18
    with np.errstate(invalid="ignore", divide="ignore"):
        z = np.where(s > 0, (s - 1) / np.sqrt(var), np.where(s < 0, (s + 1) / np.sqrt(var), 0.0))
    z = np.nan_to_num(z)
    return s, z, normal_p(z)


def significance(z, p, rise_z, rise_p, rate, rise, alpha: float = 0.05):
    """BH q-values of both tests, as one family (two tests of every town and year), and the hot and cold bins.

    A bin is hot when either test finds a significant high *and the town's own value agrees* (its rate above the
    national mean for the level test, its count OWN_RISE standard deviations above its recent level for the rise
    test); cold when either finds a significant low with the town's own rate below the mean or count below its
    recent level, and neither a hot one. Gi* includes the neighbours, so without this a quiet town beside a
    jumping one would be called a hot spot too (the "halo" that LISA's high-high quadrant also rules out). The
    cold rule asks less of the town's own fall (measured: asking one standard deviation there too raised the
    false emergences on all seven synthetic panels, for one more planted cluster found)."""
    q, rise_q = np.split(benjamini_hochberg(np.vstack([p, rise_p])), 2)
    high, rising = rate > rate.mean(0), rise > OWN_RISE
    hot = ((z > 0) & (q <= alpha) & high) | ((rise_z > 0) & (rise_q <= alpha) & rising)
    cold = (((z < 0) & (q <= alpha) & ~high) | ((rise_z < 0) & (rise_q <= alpha) & (rise < 0))) & ~hot
    return q, rise_q, hot, cold


def categories(
    hot: np.ndarray, cold: np.ndarray, mk_z: np.ndarray, mk_p: np.ndarray, alpha: float = 0.05
) -> np.ndarray:
    """The 17 emerging hot-spot categories (module docstring) from per-year significance (towns × years)."""
    out = np.full(len(hot), "no_pattern", dtype=object)
    years = hot.shape[1]
    for kind, sig, other in (("hot_spot", hot, cold), ("cold_spot", cold, hot)):
        final = sig[:, -1]
        share = sig.sum(1) / years
        mostly = share >= 0.9 - 1e-9
        before = sig[:, :-1].any(1)
        run = np.zeros(len(sig), int)  # length of the run of significant bins ending in the final year
        alive = np.ones(len(sig), bool)
        for t in range(years - 1, -1, -1):
            alive &= sig[:, t]
            run += alive
        before_run = (sig & (np.arange(years) < (years - run)[:, None])).any(1)  # any bin before that run
        trend_up = (mk_p <= alpha) & (mk_z > 0)
        trend_down = (mk_p <= alpha) & (mk_z < 0)
        ever_other_before = other[:, :-1].any(1)
        rules = [
            (final & mostly & trend_up, "intensifying"),
            (final & mostly & trend_down, "diminishing"),
            (final & mostly, "persistent"),
            (final & ever_other_before, "oscillating"),
            (final & ~before, "new"),
            (final & (run >= 2) & ~before_run, "consecutive"),
            (final, "sporadic"),
            (~final & mostly, "historical"),
        ]
        # intensifying/diminishing are trends of hot (cold) intensity: for cold spots, "intensifying" means the
        # z-scores fall further, so the trend directions swap
        if kind == "cold_spot":
            rules[0], rules[1] = (
                (final & mostly & trend_down, "intensifying"),
                (final & mostly & trend_up, "diminishing"),
            )
        undecided = out == "no_pattern"
        for mask, name in rules:
            chosen = undecided & mask
            out[chosen] = f"{name}_{kind}"
            undecided &= ~chosen
    return out


@dataclass
class HotspotResult:
    indicator: str
    codes: np.ndarray
    years: np.ndarray
    rate: np.ndarray  # EB-smoothed rate per 1,000 (towns × years)
    z: np.ndarray  # Gi* of the rates (level)
    p: np.ndarray
    q: np.ndarray
    rise_z: np.ndarray  # Gi* of the rise over the town's recent level
    rise_q: np.ndarray
    mk_z: np.ndarray
    mk_p: np.ndarray
    category: np.ndarray
    suppressed: np.ndarray  # towns × years
    weights: Weights
    inference: str
    hidden: list[dict] = field(default_factory=list)  # départements whose suppressed total rose (hidden_rises)
    notes: list[str] = field(default_factory=list)
    # the category each town had as of each year (categories over the years up to it; towns × years): the last
    # column is `category`. `vigie hotspots --year Y` lists that year's column, so categories match the year asked.
    category_by_year: np.ndarray | None = None
    hidden_by_year: dict[int, list[dict]] = field(default_factory=dict)  # hidden_rises as of each year
    follows_rule: bool = True  # the published figures follow the three-year secrecy rule
    alpha: float = 0.05


def categories_by_year(hot: np.ndarray, cold: np.ndarray, z: np.ndarray, alpha: float = 0.05) -> np.ndarray:
    """The emerging hot-spot category of each town as of each year t: the categories of the years up to t (towns ×
    years). The last column equals `categories` over all the years."""
    out = np.empty(hot.shape, dtype=object)
    for t in range(hot.shape[1]):
        _, mk_z, mk_p = mann_kendall(z[:, : t + 1])
        out[:, t] = categories(hot[:, : t + 1], cold[:, : t + 1], mk_z, mk_p, alpha)
    return out


def hidden_rises(counts, expected, suppressed, departements, alpha: float = 0.05) -> list[dict]:
    """Départements whose suppressed towns, taken together, rose well above their recent level in the final year.

    The complement gives the total of a département's suppressed towns exactly, but not where it lies: when that
    total jumps, some of its towns rose and the secrecy rule hides which. The test is the rise test applied to
    that total, against the sum of the same towns' expected counts from their recent past (recent_expectation;
    one overdispersion for all départements, estimated from the earlier years), with Benjamini–Hochberg over
    départements."""
    codes, dep = np.unique(np.asarray(departements), return_inverse=True)
    pool = departement_sums(dep, np.where(suppressed, counts, 0.0))
    hoped = departement_sums(dep, np.where(suppressed, np.nan_to_num(expected), 0.0))
    hoped[:, :RECENT_YEARS] = np.nan
    earlier = overdispersion(pool[:, :-1], hoped[:, :-1], bands=1)  # one φ, from the years before the tested one
    score = rise_scores(pool[:, -1:], hoped[:, -1:], phi=earlier.flat[0] if earlier.size else 0.0)[:, 0]
    q = benjamini_hochberg(normal_p(score)[:, None])[:, 0]
    towns = np.bincount(dep, suppressed[:, -1], len(codes))
    found = np.flatnonzero((score > 0) & (q <= alpha) & (towns > 0))
    return [
        {
            "departement": str(codes[k]),
            "suppressed_total": round(float(pool[k, -1]), 1),
            "expected": round(float(hoped[k, -1]), 1),
            "suppressed_towns": int(towns[k]),
            "q": float(f"{q[k]:.3g}"),
        }
        for k in found[np.argsort(-(pool[found, -1] / hoped[found, -1]))]
    ]


def emerging_hotspots(
    con: duckdb.DuckDBPyConnection,
    indicator: str = "trafic",
    permutations: int = 0,
    seed: int = 2025,
    alpha: float = 0.05,
) -> HotspotResult:
    from vigie.geo.weights import weights_for

    codes, years, counts, population, suppressed = town_panel(con, indicator)
    if len(codes) < 3:
        raise VigieError(
            f"{indicator}: only {len(codes)} town(s) with figures in the commune base; hot spots need a map of towns"
        )
    weights = weights_for(con, codes)
    rate = eb_rates(counts, population)
    departements = [departement_of(c) for c in codes]
    expected = recent_expectation(counts, population, departements)
    rise = rise_scores(counts, expected)
    z, rise_z = gi_star(weights.matrix, rate), gi_star(weights.matrix, rise)
    if permutations:
        p = permutation_p(weights.matrix, rate, permutations, seed)
        rise_p = permutation_p(weights.matrix, rise, permutations, seed + 1)
    else:
        p, rise_p = normal_p(z), normal_p(rise_z)
    q, rise_q, hot, cold = significance(z, p, rise_z, rise_p, rate, rise, alpha)
    _, mk_z, mk_p = mann_kendall(z)
    category = categories(hot, cold, mk_z, mk_p, alpha)
    inference = f"{permutations} conditional permutations (seed {seed})" if permutations else "analytical"
    result = HotspotResult(
        indicator, codes, years, rate, z, p, q, rise_z, rise_q, mk_z, mk_p, category, suppressed, weights, inference
    )
    result.alpha = alpha
    result.category_by_year = categories_by_year(hot, cold, z, alpha)
    result.follows_rule = follows_secrecy_rule(np.where(suppressed, np.nan, counts))
    for t in range(RECENT_YEARS + 1, len(years)):
        result.hidden_by_year[int(years[t])] = hidden_rises(
            counts[:, : t + 1], expected[:, : t + 1], suppressed[:, : t + 1], departements, alpha
        )
    emerging = np.isin(category, ["new_hot_spot", "consecutive_hot_spot"])
    unseen = suppressed[emerging, -1].mean() if emerging.any() else 0.0
    result.notes.append(
        f"{suppressed[:, -1].mean():.0%} of towns have their {years[-1]} figure suppressed by the secrecy rule "
        f"({unseen:.0%} of the new or consecutive hot spots). A suppressed figure is not the town's own: an "
        "emergence in a small town can stay invisible until its figures are published."
    )
    if not result.follows_rule:
        result.notes.append(
            f"The published {indicator} figures do not follow the three-year secrecy rule (a zero and a positive "
            "count published in consecutive years): suppressed figures are estimated without the bounds that "
            "rule would prove."
        )
    result.hidden = result.hidden_by_year.get(int(years[-1]), [])
    if result.hidden:
        listed = ", ".join(
            f"{h['departement']} ({h['suppressed_total']:.0f} cases where {h['expected']:.0f} were expected)"
            for h in result.hidden[:8]
        )
        result.notes.append(
            f"In {len(result.hidden)} département(s) the suppressed towns together rose well above their recent "
            f"level in {years[-1]}: {listed}{', …' if len(result.hidden) > 8 else ''}. Some of their towns rose, "
            "and the secrecy rule hides which: look there beyond the towns listed."
        )
    return result


def frame(result: HotspotResult):
    """The result as the rows of the `hotspot` table (a pyarrow table): one row per town and year, with the town's
    category as of that year."""
    import pyarrow as pa

    towns, years = result.z.shape
    by_year = result.category_by_year
    if by_year is None:
        by_year = np.repeat(result.category[:, None], years, 1)
    return pa.table(
        {
            "indicator": pa.array([result.indicator] * (towns * years)),
            "code": pa.array(np.repeat(result.codes, years).tolist()),
            "year": pa.array(np.tile(result.years, towns).astype(np.int16)),
            "eb_rate": result.rate.ravel(),
            "gi_z": result.z.ravel(),
            "p": result.p.ravel(),
            "q": result.q.ravel(),
            "rise_z": result.rise_z.ravel(),
            "rise_q": result.rise_q.ravel(),
            "suppressed": result.suppressed.ravel(),
            "category": pa.array(by_year.ravel().tolist()),
            "mk_z": np.repeat(result.mk_z, years),
            "mk_p": np.repeat(result.mk_p, years),
            "inference": pa.array([result.inference] * (towns * years)),
        }
    )


def save(con: duckdb.DuckDBPyConnection, result: HotspotResult) -> None:
    """Write the result to the `hotspot` table (replacing the indicator's earlier rows)."""
    con.register("_hotspot", frame(result))
    try:
        with transaction(con):
            con.execute("DELETE FROM hotspot WHERE indicator = ?", [result.indicator])
            con.execute("INSERT INTO hotspot BY NAME SELECT * FROM _hotspot")
    finally:
        con.unregister("_hotspot")

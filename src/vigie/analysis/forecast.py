"""Early warning: the probability that a town's trafficking surges next year, with the reasons, from what is known
at the end of this year (analysis/features.py defines the features and the targets; analysis/backtest.py proves it).

Model: gradient-boosted trees, LightGBM (`lightgbm.train`, binary log-loss), boosted FROM a linear base (the
base's log-odds are LightGBM's `init_score`, so the trees learn corrections to it; Friedman 2001, section 4.6 on
starting values). LightGBM rather than scikit-learn's HistGradientBoosting because it takes a per-row starting
score, gives exact tree SHAP contributions (`pred_contrib=True`, Lundberg et al. 2020, "From local explanations to
global understanding with explainable AI for trees", Nature MI 2) for every town's drivers, handles the missing
values of the first years and of closed services natively, and trains on the national panel in seconds with
`deterministic=True` (same seed, same probabilities).

Why a base: on the real état 4001 (≈ 700 services a year, ≈ 100 surges, two to seven training years) trees grown
from a constant lose to a Poisson GLM on the same features in some years: there is too little data for them to
find the level and the threshold by themselves. The base (`LinearBase`) is a stacking (Wolpert 1992) of two linear
models on the same standardised features: the Poisson GLM's log-odds that next year's count reaches the surge
threshold (it knows the threshold exactly) and a logistic regression of the target itself (it learns what counts
miss); their two weights are fitted on a later year than the one they learned on. For the onset target the base is
the logistic regression alone (the surge threshold says nothing about the onset detector), with shared coefficients
plus, shrunk toward them, coefficients of each publication state of the town's figure (a published zero, a
suppressed figure, a published count: `publication_state`): the detector sees three kinds of series. A town at zero
starts through one case, which the secrecy rule suppresses and the warehouse fills with its département's
complement (features.onset_one_case); a suppressed town when that complement rises; a published one by its own
counts. One set of coefficients for all (the previous model) ranked the towns at zero by what made the published
ones start, and lost the years whose onsets were mostly of the first kind. The onset's trees are small (4 leaves
of at least 200 rows: a few dozen onsets a year), and the onset's base and trees learn from every row, without
sampling rows or features: with a few dozen positives a year, the sampled model's yearly average
precision moved with the seed by more than its margin over the baselines (seeds 2025 / 7 / 1 on the default panel,
2024: 0.020 / 0.056 / 0.030); unsampled, the onset model does not depend on the seed at all. Its labels are
left unknown where the detector cannot see them yet (features.onset_labels: the year before the last read, a
town suppressed the year before): read one year after, a suppressed town's onset is almost never called, and the
previous model, calibrated on that year, put the suppressed towns' onset rate 4 to 16 times too low (2021–2023,
four panels). The onset model alone reads the diffusion front (features.front_hazard, features.ONSET_ONLY: how many
times the onset rate at the town's place relative to a front moving out from the hubs, at a speed chosen on the
past years, exceeds the rate at its distance): inside the towns at a published count, where a wave's onsets
fall, no other feature ranked the onsets well (BENCHMARKS.md, onset sessions 9 and 10) — and whether the
detector, given one more year at this year's level, would call an onset this year (features.onset_hold: a rise
caught in its first year, whose onset the detector later puts in t or, if the rise goes on, in t+1; the town
that decided the lost 2022s, BENCHMARKS.md onset session 12); the surge's and the services' models and the
Poisson GLM (a count model) do not read them, so that their forecasts are unchanged. The
trees then correct the base where the data show it wrong; the number of rounds is chosen on
the later year by the log loss after a Platt map fitted on that year (`_calibrated_log_loss`: proper and smooth,
blind to a shift of a whole year's level), so that where the trees find nothing (the services, some years) the
forecast stays the base's.

Calibration: Platt scaling (Platt 1999) of the base + trees log-odds, fitted on a later fold than the trees. At
origin t the base and the trees are first trained on the target years ≤ t-1 and the logistic map fitted on their
predictions for year t, which they never saw; they are then refitted on all target years ≤ t and the map applied
to their forecast for t+1. Platt rather than isotonic: a strictly increasing map keeps the ranking (isotonic
regression ties whole bins of towns, which costs precision at the top of the list) and is stable on the few
hundred positives of a year. It is solved by Newton–Raphson with step halving: the plain Newton step diverged on
margins spread over tens of log-odds (every town got the same probability: the onset backtest's AUROC 0.500 of
2020 under the previous model).

Baselines (the expert's first tries, scored in the same run by backtest.py): persistence (this year's count), prior
counts (the last three years' sum; Wheeler & Steenbeek 2021), last-year increase, neighbours' lag (their count this
year), and a Poisson GLM on the same features (the probability that next year's count reaches the surge threshold).
"""

from __future__ import annotations

import json
import math
import warnings
from dataclasses import dataclass

import duckdb
import numpy as np

from vigie.errors import VigieError


class _Features:
    """analysis/features.py, imported on first use: reading the stored watchlist (`vigie watchlist`, `vigie
    commune`) needs none of it, and its SciPy imports take seconds on a busy machine."""

    def __getattr__(self, name: str):
        from vigie.analysis import features

        return getattr(features, name)


ft = _Features()

MODEL_VERSION = "lgbm-linear-stack-7"
SEED = 2025
ROUNDS = 500  # at most; the number kept is chosen on the later fold (early stopping on its calibrated log loss)
STOPPING = 50
MIN_ROUNDS = 1
BAGS = 5  # trees of five seeds (seed, seed+1, …) averaged: a year's few hundred surges make one fit noisy
NEGATIVE_SHARE = 0.25
GLM_ROWS = 50_000
LOGIT_C = 0.1  # L2 of the logistic base, on standardised features
DESIGN_BOUND = 8.0  # standardised features held within ±8 in the logistic base
STATE_SHRINK = 0.5  # onset: each publication state's own coefficients, scaled before the L2 (shrunk to the shared)
COMBINE_SCALE = 10.0  # the two log-odds are divided by this before the (L2, C = 1) stacking regression
ONSET_LEAVES, ONSET_LEAF_ROWS = 4, 200  # the onset's trees (_params)
LARGE = 20_000  # rows: above, one bag (the national panel's thousands of surges make one fit stable)
BASELINES = ("persistence", "prior_counts", "last_year_increase", "neighbours_lag", "poisson_glm")
TARGETS = ("surge", "onset")


def _params(n_rows: int, seed: int, rare: bool | str = False) -> dict:
    """Small, regularised trees. Services: a few hundred surges a year, so shallow trees with a slow rate; the
    national commune panel (≈ 35,000 towns a year): deeper trees, a faster rate and half the rows per tree, so
    that the backtest of every origin stays within two minutes on two cores. The onset (a few dozen a year among
    35,000 towns): trees of ONSET_LEAVES leaves of at least ONSET_LEAF_ROWS rows, corrections the few positives
    can support (15-leaf trees found noise: their years swung around the base's)."""
    large = n_rows > LARGE
    onset = rare == "onset"
    return {
        "objective": "binary",
        "learning_rate": 0.06 if large else 0.03,
        "num_leaves": ONSET_LEAVES if onset else 15 if large else 7,
        "min_data_in_leaf": max(ONSET_LEAF_ROWS if onset else 40, n_rows // 2000),
        "feature_fraction": 1.0 if onset else 0.5,  # the onset: every row and feature, nothing drawn
        "bagging_fraction": 1.0 if onset else 0.5 if large else 0.8,
        "bagging_freq": 0 if onset else 1,
        "lambda_l2": 5.0,
        "seed": seed,
        "deterministic": True,
        "force_col_wise": True,
        "num_threads": 1,  # measured: faster than 2 on the shared two-core machine
        "max_bin": 63,
        "bin_construct_sample_cnt": max(n_rows, 200_000) if onset else 200_000,  # onset: bins from every row
        "verbosity": -1,
    }


@dataclass
class Model:
    """Trees boosted from a linear model. `fit(train, calibration)` with (X, y, count) triples: the linear base
    (LinearBase) and the trees learn on `train`, the trees' number of rounds and the Platt map are chosen on
    `calibration` (a later year); base and trees are then refitted on both."""

    seed: int = SEED
    rounds: int = ROUNDS

    def fit(self, train: tuple, calibration: tuple, rare: bool = False) -> Model:
        """`train`, `calibration`: (X, y, count), count being each row's count in the target year (which the
        Poisson part of the base learns from); the calibration fold is a later year than the training one."""
        import lightgbm as lgb

        (x0, y0, n0), (x1, y1, n1) = train, calibration
        if y0.sum() == 0 or y1.sum() == 0:
            raise VigieError("no positive case in the training years: nothing to learn from")
        self.rare_ = rare
        self.width_ = _width(x0.shape[1], rare)
        x0, x1 = x0[:, : self.width_], x1[:, : self.width_]
        base = LinearBase(self.seed).fit(x0, y0, n0, rare).combine(x1, y1)
        m0, m1 = base.margin(x0), base.margin(x1)
        w0 = _negative_weights(y0, self.seed, rare)
        margin, self.rounds_ = np.zeros(len(y1)), []
        bags = 1 if len(y0) > LARGE or rare == "onset" else BAGS  # the onset is unsampled: its bags would be alike
        for bag in range(bags):
            early = lgb.train(
                {**_params(len(y0), self.seed + bag, rare), "metric": "None"},
                lgb.Dataset(x0[w0 > 0], y0[w0 > 0], weight=w0[w0 > 0], init_score=m0[w0 > 0]),
                self.rounds,
                valid_sets=[lgb.Dataset(x1, y1, init_score=m1)],
                feval=_calibrated_log_loss,
                callbacks=[lgb.early_stopping(STOPPING, first_metric_only=True, verbose=False)],
            )
            self.rounds_.append(max(early.best_iteration, MIN_ROUNDS))
            margin += early.predict(x1, raw_score=True, num_iteration=self.rounds_[-1]) / bags
        self.a_, _ = _platt(m1 + margin, y1)  # the slope; the intercept is fitted after the refit (_level)
        x, y, n = np.vstack([x0, x1]), np.concatenate([y0, y1]), np.concatenate([n0, n1])
        self.base_ = LinearBase(self.seed).fit(x, y, n, rare)
        self.base_.weights_ = base.weights_
        m, w = self.base_.margin(x), _negative_weights(y, self.seed, rare)
        self.boosters_ = [
            lgb.train(
                _params(len(y), self.seed + bag, rare),
                lgb.Dataset(x[w > 0], y[w > 0], weight=w[w > 0], init_score=m[w > 0]),
                rounds,
            )
            for bag, rounds in enumerate(self.rounds_)
        ]
        self.b_ = _level(self.a_ * self._margin(x1), y1)
        return self

    def _margin(self, x: np.ndarray) -> np.ndarray:
        x = x[:, : self.width_]
        trees = np.mean([b.predict(x, raw_score=True) for b in self.boosters_], 0)
        return self.base_.margin(x) + trees

    def predict(self, x: np.ndarray) -> np.ndarray:
        return _sigmoid(self.a_ * self._margin(x) + self.b_)

    def contributions(self, x: np.ndarray) -> np.ndarray:
        """Each feature's contribution to each row's log-odds (last column: what no feature explains, so that a
        row sums to its margin): tree SHAP (exact) of the trees' corrections plus the feature's terms in the
        linear base (coefficient × standardised value, the Poisson part's carried to the surge log-odds)."""
        margin, x = self._margin(x), x[:, : self.width_]
        shap = np.mean([b.predict(x, pred_contrib=True) for b in self.boosters_], 0)
        linear = self.base_.terms(x)
        features = shap[:, :-1] + linear
        unread = np.zeros((len(x), len(ft.FEATURES) - self.width_))  # the onset-only columns of a surge model
        return np.column_stack([features, unread, margin - features.sum(1)])


class LinearBase:
    """The trees' starting point (LightGBM's init_score): two linear models on the same design (median-imputed,
    signed log, standardised features), a Poisson GLM's log-odds that next year's count reaches the surge
    threshold and a logistic regression of the target itself (L2, C = LOGIT_C), combined by a logistic regression
    of the target on the two log-odds fitted on a later year (`combine`: stacking, Wolpert 1992). The count model
    knows the threshold exactly; the logistic one learns what the counts miss (an onset, a town's place on the
    diffusion front); which to trust is learned on a year neither saw."""

    def __init__(self, seed: int = SEED):
        self.seed = seed
        self.weights_ = np.array([0.5, 0.5, 0.0])

    def fit(self, x: np.ndarray, y: np.ndarray, count: np.ndarray, rare: bool = False) -> LinearBase:
        from sklearn.linear_model import LogisticRegression
        from threadpoolctl import threadpool_limits

        self.rare_ = rare
        whole = rare == "onset"  # every row: the design's standardisation not drawn either
        self.poisson_ = PoissonBaseline().fit(x, count, self.seed, len(y) if whole else GLM_ROWS)
        w = np.ones(len(y)) if whole else _sample_weights(y, GLM_ROWS, self.seed)
        keep = w > 0
        z = self._logit_design(x[keep])
        with warnings.catch_warnings(), threadpool_limits(1):
            warnings.simplefilter("ignore")
            self.logit_ = LogisticRegression(C=LOGIT_C, max_iter=1000).fit(z, y[keep], sample_weight=w[keep])
        return self

    def combine(self, x: np.ndarray, y: np.ndarray) -> LinearBase:
        """The weights of the two log-odds, learned on (x, y), a later year than the one the parts learned on."""
        from sklearn.linear_model import LogisticRegression

        parts = np.column_stack(self._parts(x))
        use = [1] if self.rare_ == "onset" else [0, 1]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fit = LogisticRegression(C=1.0).fit(parts[:, use] / COMBINE_SCALE, y)
        self.weights_ = np.zeros(3)
        self.weights_[use] = fit.coef_[0] / COMBINE_SCALE
        self.weights_[2] = fit.intercept_[0]
        return self

    def _design(self, x: np.ndarray) -> np.ndarray:
        """The GLM's design, each standardised feature held within ±DESIGN_BOUND: a feature nearly constant in the
        training years cannot throw a later year's log-odds thousands of units away."""
        return np.clip(self.poisson_._design(x), -DESIGN_BOUND, DESIGN_BOUND)

    def _logit_design(self, x: np.ndarray) -> np.ndarray:
        """The logistic part's design. For the onset, the shared coefficients plus each publication state's own
        (`publication_state`: a published zero, a suppressed figure, a published count), shrunk toward the shared
        ones (scaled by STATE_SHRINK before the L2): the detector sees three kinds of series (a town at zero
        starts through one case filled with the département's complement, a suppressed one when that complement
        rises, a published one by its own counts), and a few dozen onsets a year cannot teach separate models."""
        z = self._design(x)
        if self.rare_ != "onset":
            return z
        state = publication_state(x)
        blocks = [z] + [STATE_SHRINK * z * (state == k)[:, None] for k in range(3)]
        return np.hstack(blocks + [(state == k)[:, None].astype(float) for k in range(3)])

    def _logit_coef(self, x: np.ndarray) -> np.ndarray:
        """Each row's coefficient of each standardised feature in the logistic part (shared + its state's own)."""
        coef = self.logit_.coef_[0]
        d = x.shape[1]
        if self.rare_ != "onset":
            return np.broadcast_to(coef[:d], (len(x), d))
        state = publication_state(x)
        own = np.stack([coef[d * (k + 1) : d * (k + 2)] for k in range(3)])
        return coef[None, :d] + STATE_SHRINK * own[state]

    def _parts(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return self.poisson_.log_odds(x, self.rare_), self.logit_.decision_function(self._logit_design(x))

    def margin(self, x: np.ndarray) -> np.ndarray:
        poisson, logit = self._parts(x)
        return self.weights_[0] * poisson + self.weights_[1] * logit + self.weights_[2]

    def terms(self, x: np.ndarray) -> np.ndarray:
        """Each feature's share of the margin (first order for the Poisson part)."""
        poisson = self.poisson_.log_odds_terms(x, self.rare_)
        return self.weights_[0] * poisson + self.weights_[1] * self._design(x) * self._logit_coef(x)


def _width(columns: int, rare: bool | str = False) -> int:
    """How many of the first feature columns a model reads: all for the onset, all but features.ONSET_ONLY (the
    last ones) otherwise, so that the surge's and the services' forecasts do not depend on them."""
    return columns if rare == "onset" else min(columns, len(ft.FEATURES) - len(ft.ONSET_ONLY))


def publication_state(x: np.ndarray) -> np.ndarray:
    """0: this year's figure a published zero; 1: suppressed; 2: a published count (or a service's)."""
    suppressed = np.nan_to_num(_col(x, "suppressed_now")) > 0
    zero = np.nan_to_num(_col(x, "count"), nan=-1) == 0
    return np.where(suppressed, 1, np.where(zero, 0, 2))


def _calibrated_log_loss(probability: np.ndarray, data) -> tuple[str, float, bool]:
    """The early-stopping score of the trees on the later fold: the log loss after the Platt map fitted on that
    fold, as the forecasts will be. A proper score, smooth (unlike the average precision of a hundred surges),
    and blind to a shift of the whole year's level (unlike the raw log loss): only the ranking and the spread
    the trees add count."""
    y = data.get_label()
    p = np.clip(probability, 1e-15, 1 - 1e-15)
    margin = np.log(p) - np.log1p(-p)
    a, b = _platt(margin, y)
    z = a * margin + b
    return "calibrated_log_loss", float(np.mean(np.logaddexp(0, z) - y * z)), False


def _sample_weights(y: np.ndarray, rows: int, seed: int) -> np.ndarray:
    """Above `rows` rows: every positive, and a seeded share of the negatives weighted up by its inverse."""
    negatives = int((y == 0).sum())
    room = rows - int((y > 0).sum())
    if len(y) <= rows or negatives == 0 or room <= 0:
        return np.ones(len(y))
    share = room / negatives
    keep = (y > 0) | (np.random.default_rng(seed).random(len(y)) < share)
    return np.where(keep, np.where(y > 0, 1.0, 1.0 / share), 0.0)


def _negative_weights(y: np.ndarray, seed: int, rare: bool | str = False) -> np.ndarray:
    """Row weights for the trees: above LARGE rows, a random NEGATIVE_SHARE of the negatives is kept, weighted up
    by its inverse (every positive kept), which divides the national panel's training time while the expected
    gradient is unchanged (the Platt map, fitted on a whole later year, absorbs what is left). Not for the onset
    (unsampled): its few dozen positives a year leave the fit at the mercy of which negatives were drawn."""
    if len(y) <= LARGE or rare == "onset":
        return np.ones(len(y))
    keep = (y > 0) | (np.random.default_rng(seed).random(len(y)) < NEGATIVE_SHARE)
    return np.where(keep, np.where(y > 0, 1.0, 1.0 / NEGATIVE_SHARE), 0.0)


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))


def _platt(margin: np.ndarray, y: np.ndarray, weight: np.ndarray | None = None) -> tuple[float, float]:
    """Logistic regression of y on the margin (Platt's target smoothing against overfit; optional row weights), by
    Newton–Raphson with step halving: the log-likelihood never decreases, so margins spread over tens of log-odds
    cannot diverge."""
    w = np.ones(len(y)) if weight is None else np.asarray(weight, float)
    target = _smoothed_targets(y, w)

    def loglik(a, b):
        z = a * margin + b
        return float(np.sum(w * (target * z - np.logaddexp(0, z))))

    a, b = 1.0, 0.0
    current = loglik(a, b)
    for _ in range(100):
        p = _sigmoid(a * margin + b)
        r, v = w * (p - target), w * p * (1 - p) + 1e-12
        g = np.array([(r * margin).sum(), r.sum()])
        h = np.array([[(v * margin * margin).sum(), (v * margin).sum()], [(v * margin).sum(), v.sum()]])
        step = np.linalg.solve(h + 1e-9 * np.eye(2), g)
        for _ in range(30):
            na, nb = a - step[0], b - step[1]
            new = loglik(na, nb)
            if new >= current - 1e-12:
                break
            step = step / 2
        else:
            break
        a, b, gain, current = na, nb, new - current, new
        if np.abs(step).max() < 1e-10 or abs(gain) < 1e-12:
            break
    return float(a), float(b)


def _level(margin: np.ndarray, y: np.ndarray) -> float:
    """The intercept that gives the later year, under the refitted model, the level the Platt map gave it (the
    slope is kept from the out-of-fold margins). The refit on both folds moves the base's level: its logistic
    part now learns the later year's rate, on top of the stacking intercept that had already corrected for it,
    and the first backtest forecast of a panel (one training year) put published towns at 0.95 against a 3 %
    onset rate. A shift of every margin: no ranking changes."""
    from scipy.optimize import brentq

    expected = _smoothed_targets(y, np.ones(len(y))).sum()
    return float(brentq(lambda b: _sigmoid(margin + b).sum() - expected, -60.0, 60.0, xtol=1e-10))


def _smoothed_targets(y: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Platt's targets: (N+ + 1) / (N+ + 2) for a positive, 1 / (N- + 2) for a negative (weighted counts)."""
    n_pos, n_neg = w[y > 0].sum(), w[y == 0].sum()
    return np.where(y > 0, (n_pos + 1) / (n_pos + 2), 1 / (n_neg + 2))


def _col(x: np.ndarray, name: str) -> np.ndarray:
    return x[:, ft.FEATURES.index(name)]


def threshold(x: np.ndarray, rare: bool | str = False) -> np.ndarray:
    """The count next year must reach for a surge, from this year's features; with rare="onset", the count the
    onset detector needs to call an onset next year (features.onset_gap)."""
    if rare == "onset":
        need = np.exp(_col(x, "onset_gap")) * (np.nan_to_num(_col(x, "count")) + 0.5) - 0.5
        return np.where(np.isfinite(need), np.maximum(need, 1.0), np.inf)
    if rare:
        past = np.nan_to_num(_col(x, "count")) + np.nan_to_num(_col(x, "count_1")) + np.nan_to_num(_col(x, "count_2"))
        return np.where(past == 0, 1.0, np.inf)
    return np.maximum(5.0, 2 * np.nan_to_num(_col(x, "mean3")))


def simple_baselines(x: np.ndarray) -> dict[str, np.ndarray]:
    """The baselines that need no fitting, as scores (higher: more likely)."""

    def low(v):
        return np.nan_to_num(v, nan=-1e9)

    prior = np.nansum(np.column_stack([_col(x, f) for f in ("count", "count_1", "count_2")]), 1)
    return {
        "persistence": low(_col(x, "count")),
        "prior_counts": np.where(np.isnan(_col(x, "count")), -1e9, prior),
        "last_year_increase": low(_col(x, "rise_1y")),
        "neighbours_lag": low(_col(x, "neigh_count")),
    }


class PoissonBaseline:
    """A Poisson GLM of next year's count on the same features (median-imputed, signed log, standardised; the count
    columns: not features.ONSET_ONLY, a rate of onsets); its score is the probability that the count reaches the
    surge threshold."""

    def fit(self, x: np.ndarray, count: np.ndarray, seed: int = SEED, rows: int = GLM_ROWS) -> PoissonBaseline:
        from sklearn.linear_model import PoissonRegressor
        from threadpoolctl import threadpool_limits

        keep = np.isfinite(count)
        if keep.sum() > rows:  # 34 coefficients: a seeded sample of the rows estimates them as well, faster
            keep &= np.random.default_rng(seed).random(len(count)) < rows / keep.sum()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a feature unknown in every row (the first years): median 0
            self.median_ = np.nan_to_num(np.nanmedian(np.where(np.isfinite(x[keep]), x[keep], np.nan), 0))
        z = self._design(x[keep], fit=True)
        self.width_ = _width(x.shape[1])  # the count columns: the onset-only ones are not a count's predictors
        with warnings.catch_warnings(), threadpool_limits(1):
            warnings.simplefilter("ignore")
            self.glm_ = PoissonRegressor(alpha=1e-3, solver="newton-cholesky", max_iter=100).fit(
                z[:, : self.width_], count[keep]
            )
        self.rows_ = int(keep.sum())
        return self

    def _mean(self, x: np.ndarray) -> np.ndarray:
        return self.glm_.predict(self._design(x)[:, : self.width_])

    def _design(self, x: np.ndarray, fit: bool = False) -> np.ndarray:
        x = np.where(np.isfinite(x), x, self.median_)
        x = np.sign(x) * np.log1p(np.abs(x))
        if fit:
            self.mean_, self.sd_ = x.mean(0), x.std(0) + 1e-9
        return (x - self.mean_) / self.sd_

    def score(self, x: np.ndarray, rare: bool = False, shift: float | np.ndarray = 0.0) -> np.ndarray:
        from scipy.stats import poisson

        mu = np.clip(self._mean(x) * np.exp(shift), 1e-9, 1e7)
        need = threshold(x, rare)
        return np.where(np.isfinite(need), poisson.sf(np.ceil(need) - 1, mu), 0.0)

    def log_odds(self, x: np.ndarray, rare: bool = False, shift: float | np.ndarray = 0.0) -> np.ndarray:
        """The log-odds of a surge under the GLM, from the log tail probabilities (no rounding to 0 or 1), within
        ± log(rows it learned from): odds the training rows could never have shown are not claimed. Unbounded (it
        was ±30), the Poisson tail made a service whose mean lay above its threshold near certain whatever the
        evidence (Marseille centre at 99 % on the état 4001: its mean 318 against a threshold of 201, log-odds
        +27), and the stacking passed it on."""
        from scipy.stats import poisson

        mu = np.clip(self._mean(x) * np.exp(shift), 1e-9, 1e7)
        need = np.ceil(np.where(np.isfinite(threshold(x, rare)), threshold(x, rare), 1e9)) - 1
        with np.errstate(divide="ignore"):
            odds = poisson.logsf(need, mu) - poisson.logcdf(need, mu)
        bound = math.log(self.rows_)
        return np.clip(np.nan_to_num(odds, nan=-bound), -bound, bound)

    def log_odds_terms(self, x: np.ndarray, rare: bool = False, delta: float = 0.05) -> np.ndarray:
        """Each feature's GLM term (coefficient × standardised value, in log μ) times the slope of the surge
        log-odds in log μ at this row: a first-order share of the GLM's margin."""
        slope = (self.log_odds(x, rare, delta) - self.log_odds(x, rare, -delta)) / (2 * delta)
        coef = np.zeros(x.shape[1])
        coef[: self.width_] = self.glm_.coef_
        return coef[None, :] * self._design(x) * slope[:, None]


# ---------------------------------------------------------------- drivers in words


def _pct(r: float) -> str:
    return f"{(r - 1) * 100:+.0f} %"


def _fr(value: float, decimals: int = 0, signed: bool = False) -> str:
    """A number of the French text: '6,7', '12 345', '+3' (vigie.fr.number, with the sign when asked)."""
    from vigie.fr import number

    return ("+" if signed and round(value, decimals) > 0 else "") + number(value, decimals)


def _pct_fr(r: float) -> str:
    """A change in French: '+12 %', '-8 %', with a non-breaking space (vigie.fr.percent)."""
    from vigie.fr import percent

    change = (r - 1) * 100
    return ("+" if round(change) > 0 else "") + percent(change)


def _percent_fr(value: float, decimals: int = 0) -> str:
    from vigie.fr import percent

    return percent(value, decimals)


def driver_text(name: str, value: float, unit: dict) -> tuple[str, str] | None:
    """(English, French) words for one feature's value, or None when it says nothing readable."""
    if value is None or not math.isfinite(value):
        return None
    year = unit.get("year")
    hub = unit.get("hub") or "the nearest big city"
    hub_fr = unit.get("hub") or "la grande ville la plus proche"
    texts = {
        "count": lambda: (f"{value:.0f} cases in {year}", f"{_fr(value)} faits en {year}"),
        "mean3": lambda: (f"{value:.1f} cases a year over three years", f"{_fr(value, 1)} faits par an sur trois ans"),
        "count_1": lambda: (f"{value:.0f} cases the year before", f"{_fr(value)} faits l'année d'avant"),
        "count_2": lambda: (f"{value:.0f} cases two years before", f"{_fr(value)} faits deux ans avant"),
        "surge_z": lambda: (
            f"{value:.1f} standard deviations from a surge",
            f"à {_fr(value, 1)} écarts-types d'une flambée",
        ),
        "naive_surge_p": lambda: (
            f"a surge {value * 100:.0f} % likely at this year's level alone",
            f"flambée probable à {_fr(value * 100)} % au seul niveau de cette année",
        ),
        "volatility": lambda: (
            f"irregular figures (variation {value:.2f})",
            f"chiffres irréguliers (variation {_fr(value, 2)})",
        ),
        "own_onset_age": lambda: (f"its own onset {value:.0f} years ago", f"installation il y a {_fr(value)} ans"),
        "suppressed_now": lambda: (
            ("this year's figure suppressed", "chiffre de l'année sous secret") if value else None
        ),
        "threshold_gap": lambda: (
            f"this year at {value * 100:.0f} % of a surge's threshold",
            f"cette année à {_fr(value * 100)} % du seuil d'une flambée",
        ),
        "rise_1y": lambda: (
            f"{value:+.0f} cases on the year before",
            f"{_fr(value, 0, True)} faits sur l'année précédente",
        ),
        "ratio_1y": lambda: (f"{_pct(value)} on the year before", f"{_pct_fr(value)} sur un an"),
        "ratio_3y": lambda: (
            f"{_pct(value)} on its three-year level",
            f"{_pct_fr(value)} sur son niveau des trois ans",
        ),
        "slope4": lambda: (f"trend {value:+.1f} cases a year", f"tendance {_fr(value, 1, True)} faits par an"),
        "usage_rise_2y": lambda: (f"drug use {_pct(value)} in two years", f"usage {_pct_fr(value)} en deux ans"),
        "usage_ratio_3y": lambda: (
            f"drug use {_pct(value)} on its recent level",
            f"usage {_pct_fr(value)} sur son niveau récent",
        ),
        "usage": lambda: (f"drug use {value:.1f} per 1,000", f"usage {_fr(value, 1)} pour 1 000"),
        "violence_ratio_3y": lambda: (f"violence {_pct(value)} on its recent level", f"violences {_pct_fr(value)}"),
        "violence_rate": lambda: (f"violence {value:.1f} per 1,000", f"violences {_fr(value, 1)} pour 1 000"),
        "neigh_rising": lambda: (f"{value:.0f} neighbours rose", f"{_fr(value)} voisins en hausse"),
        "neigh_ratio_3y": lambda: (f"neighbours {_pct(value)}", f"voisins {_pct_fr(value)}"),
        "neigh_count": lambda: (f"{value:.0f} cases next door", f"{_fr(value)} faits chez les voisins"),
        "neigh_usage_ratio": lambda: (f"neighbours' drug use {_pct(value)}", f"usage des voisins {_pct_fr(value)}"),
        "gi_rate": lambda: (f"hot neighbourhood (Gi* z {value:.1f})", f"voisinage chaud (Gi* z {_fr(value, 1)})"),
        "gi_rise": lambda: (
            f"rising neighbourhood (Gi* z {value:.1f})",
            f"voisinage en hausse (Gi* z {_fr(value, 1)})",
        ),
        "hub_km": lambda: (f"{value:.0f} km from {hub}", f"à {_fr(value)} km de {hub_fr}"),
        "hub_ratio_3y": lambda: (f"{hub} {_pct(value)}", f"{hub_fr} {_pct_fr(value)}"),
        "dep_ratio_3y": lambda: (f"département {_pct(value)}", f"département {_pct_fr(value)}"),
        "dep_ratio_1y": lambda: (f"département {_pct(value)} on a year", f"département {_pct_fr(value)} sur un an"),
        "onsets_within_25km": lambda: (
            f"{value:.0f} towns within 25 km started lately",
            f"{_fr(value)} communes à moins de 25 km touchées récemment",
        ),
        "front_gap_km": lambda: (
            f"{abs(value):.0f} km {'beyond' if value > 0 else 'inside'} the front of recent onsets around {hub}",
            f"à {_fr(abs(value))} km {'au-delà du' if value > 0 else 'en deçà du'} front des installations récentes "
            f"autour de {hub_fr}",
        ),
        "front_next_km": lambda: (
            f"{abs(value):.0f} km {'beyond' if value > 0 else 'inside'} where the front of onsets should be next year",
            f"à {_fr(abs(value))} km {'au-delà de' if value > 0 else 'en deçà de'} la position attendue du front "
            "des installations l'an prochain",
        ),
        "front_hazard": lambda: (
            (
                f"on the diffusion front's path next year (onset rate x{math.exp(min(value, 30)):.1f} there)",
                "sur le passage du front de diffusion l'an prochain (taux d'installation multiplié par "
                f"{_fr(math.exp(min(value, 30)), 1)} à cet endroit)",
            )
            if value > 0
            else None
        ),
        "onset_gap": lambda: (
            f"an onset would need {math.exp(min(value, 30)):.1f} times this year's count",
            f"une installation demanderait {_fr(math.exp(min(value, 30)), 1)} fois les faits de cette année",
        ),
        "onset_one_case": lambda: (
            (
                f"at zero: one case next year would start it ({value * 100:.1f} % likely)",
                "à zéro : un seul fait l'an prochain suffirait à une installation "
                f"({_percent_fr(value * 100, 1)} de chances)",
            )
            if value
            else None
        ),
        "onset_hold": lambda: (
            (
                "rose this year: if the rise holds one more year, trafficking has settled in",
                "en hausse cette année : si la hausse se maintient un an de plus, le trafic s'est installé",
            )
            if value
            else None
        ),
        "near_rising": lambda: (
            f"{value:.0f} towns within 25 km rose this year",
            f"{_fr(value)} communes à moins de 25 km en hausse cette année",
        ),
        "onsets_near": lambda: (
            f"{value:.0f} nearby towns started lately",
            f"{_fr(value)} communes voisines touchées récemment",
        ),
        "suppressed_years": lambda: (
            f"figures suppressed {value:.0f} of the last 4 years",
            f"chiffres sous secret {_fr(value)} des 4 dernières années",
        ),
        "rate": lambda: (f"{value:.2f} cases per 1,000", f"{_fr(value, 2)} faits pour 1 000"),
        "press_events_20km": lambda: (
            (
                f"{value:.0f} press events within 20 km in {year}",
                f"{_fr(value)} faits de presse à moins de 20 km en {year}",
            )
            if value
            else None
        ),
        "log_population": lambda: (
            # the commune base's population of that year, which may differ from the reference shown beside it
            f"{math.expm1(min(value, 30)):,.0f} inhabitants in {year}",
            f"{_fr(math.expm1(min(value, 30)))} habitants en {year}",
        ),
    }
    make = texts.get(name)
    return make() if make else None


def drivers(x_row: np.ndarray, contribution: np.ndarray, unit: dict, top: int = 3) -> list[dict]:
    """The features that pushed this unit's probability up most (tree SHAP), in words."""
    out = []
    for k in np.argsort(-contribution[:-1]):
        if contribution[k] <= 0 or len(out) == top:
            break
        name = ft.FEATURES[k]
        words = driver_text(name, float(x_row[k]), unit)
        if words:
            out.append(
                {
                    "feature": name,
                    "value": float(x_row[k]) if math.isfinite(x_row[k]) else None,
                    "contribution": round(float(contribution[k]), 4),
                    "text": words[0],
                    "texte": words[1],
                }
            )
    return out


# ---------------------------------------------------------------- the watchlist


@dataclass
class Forecast:
    source: str
    indicator: str
    target: str
    target_year: int
    training_years: str
    seed: int
    rows: list[dict]  # unit, code, name, departement, probability, rank, drivers
    synthetic: bool
    notes: list[str]


def training_rows(panel: ft.Panel, feats: list[np.ndarray], target: str, first: int, last: int, until: int):
    """(X, y) of the target years first..last (columns), labels read with the years ≤ until."""
    onset = ft.onsets_until(panel, until) if target == "onset" else None
    counts = panel.counts(until)
    xs, ys, ns = [], [], []
    for s in range(first, last + 1):
        if target == "onset":
            y = ft.onset_labels(panel, s, until, onset)
        else:
            y = ft.surge_labels(panel, s, until, min_past=2)
        keep = np.isfinite(y) & panel.known[:, s - 1] & np.isfinite(counts[:, s])
        xs.append(feats[s - 1][keep])
        ys.append(y[keep])
        ns.append(counts[keep, s])
    if not xs:
        return np.empty((0, len(ft.FEATURES))), np.empty(0), np.empty(0)
    return np.vstack(xs), np.concatenate(ys), np.concatenate(ns)


def fit_origin(panel: ft.Panel, feats: list[np.ndarray], origin: int, target: str = "surge", seed: int = SEED):
    """The model to forecast year column origin+1 from the years ≤ origin: trees on the target years ≤ origin-1
    (≤ origin-2 for onsets, which need two years to be seen), Platt on the last labelled year."""
    last = origin - 1 if target == "onset" else origin
    first = 1 if target == "onset" else 2  # an onset needs one year before it; a surge, two years of past to learn
    if last - 1 < first:
        raise VigieError("too few years to train on: a forecast needs at least five years of data")
    train = training_rows(panel, feats, target, first, last - 1, origin)
    calibration = training_rows(panel, feats, target, last, last, origin)
    return Model(seed=seed).fit(train, calibration, "onset" if target == "onset" else panel.rare)


def check_years(panel: ft.Panel) -> None:
    n = len(panel.years)
    if n < 5:
        span = f"{panel.years[0]}–{panel.years[-1]}" if n > 1 else (str(panel.years[0]) if n else "no year")
        raise VigieError(
            f"the {panel.source} data cover {n} year{'s' if n != 1 else ''} ({span}): a forecast needs at least five "
            "(three years of past to define a surge, one to learn from, one to calibrate on)"
        )


def watchlist(
    con: duckdb.DuckDBPyConnection,
    source: str = "commune",
    indicator: str = "trafic",
    target: str = "surge",
    seed: int = SEED,
) -> Forecast:
    """Probabilities for the year after the last one in the warehouse, every unit ranked, with its drivers."""
    from vigie.warehouse import commune_base_is_synthetic

    if target not in TARGETS or (target == "onset" and source != "commune"):
        raise VigieError(f"--target {target!r}: choose surge, or onset on the commune base")
    panel = ft.load_panel(con, source, indicator)
    check_years(panel)
    origin = len(panel.years) - 1
    feats = [ft.features_at(panel, c) for c in range(origin + 1)]
    model = fit_origin(panel, feats, origin, target, seed)
    x = feats[origin]
    live = panel.known[:, origin]
    if target == "onset":
        live &= np.isnan(ft.onsets_until(panel, origin))
    p = np.where(live, model.predict(x), np.nan)
    order = np.argsort(-np.nan_to_num(p, nan=-1), kind="stable")
    ranked = [i for i in order if live[i]]
    contrib = model.contributions(x[ranked]) if ranked else np.empty((0, len(ft.FEATURES) + 1))
    year = int(panel.years[origin])
    rows = []
    for r, (i, c) in enumerate(zip(ranked, contrib, strict=True), 1):
        unit = {"year": year, "hub": panel.hub_names[i]}
        rows.append(
            {
                "unit": str(panel.units[i]),
                "code": str(panel.towns[i]),
                "name": str(panel.names[i]),
                "departement": str(panel.departements[panel.dep[i]]),
                "probability": float(p[i]),
                "rank": r,
                "of": len(ranked),
                "drivers": drivers(x[i], c, unit),
            }
        )
    synthetic = source == "commune" and commune_base_is_synthetic(con)
    notes = []
    if source == "commune" and not panel.follows_rule:
        notes.append("the published figures do not follow the three-year secrecy rule: no proof read from them")
    return Forecast(
        source,
        indicator,
        target,
        year + 1,
        f"{int(panel.years[0])}-{year}",
        seed,
        rows,
        synthetic,
        notes,
    )


def save(con: duckdb.DuckDBPyConnection, result: Forecast) -> None:
    """Replace the stored forecast of this source, indicator and target, all or nothing."""
    from vigie.warehouse import facts_version, insert_rows, transaction

    version = facts_version(con)
    rows = [
        (
            result.source,
            result.indicator,
            result.target,
            result.target_year,
            r["unit"],
            r["code"],
            r["probability"],
            r["rank"],
            r["of"],
            json.dumps(r["drivers"], ensure_ascii=False),
            MODEL_VERSION,
            result.training_years,
            result.seed,
            version,
            result.synthetic,
        )
        for r in result.rows
    ]
    columns = [
        "source",
        "indicator",
        "target",
        "target_year",
        "unit",
        "code",
        "probability",
        "rank",
        "of_total",
        "drivers",
        "model_version",
        "training_years",
        "seed",
        "data_version",
        "synthetic",
    ]
    with transaction(con):
        con.execute(
            "DELETE FROM forecast WHERE source = ? AND indicator = ? AND target = ?",
            [result.source, result.indicator, result.target],
        )
        insert_rows(con, "forecast", rows, columns)


def stored(
    con: duckdb.DuckDBPyConnection,
    source: str = "commune",
    indicator: str = "trafic",
    target: str = "surge",
    year: int | None = None,
    departement: str | None = None,
    top: int | None = 50,
) -> dict:
    """The stored watchlist (read-only): {target_year, training_years, computed_at, model_version, rows}."""
    from vigie.warehouse import literal  # literals, not bound parameters: binding imports pandas (seconds)

    has = con.execute("SELECT 1 FROM duckdb_tables() WHERE table_name = 'forecast'").fetchone()
    where = f"source = {literal(source)} AND indicator = {literal(indicator)} AND target = {literal(target)}"
    meta = (
        con.execute(
            f"""SELECT target_year, training_years, computed_at, model_version, seed, data_version,
                       any_value(synthetic) FROM forecast WHERE {where} GROUP BY ALL"""
        ).fetchone()
        if has
        else None
    )
    if not meta:
        raise VigieError(
            f"no forecast stored for {indicator} ({source}, {target}): run `vigie build` or `vigie watchlist --compute`"
        )
    target_year = meta[0]
    if year is not None and year != target_year:
        first, last = meta[1].split("-")
        if year > target_year:
            raise VigieError(f"--year {year}: the data end in {last}, so Vigie forecasts {target_year} at most")
        raise VigieError(
            f"--year {year}: the stored forecast is for {target_year}; past years are scored by `vigie backtest`"
        )
    if departement:
        from vigie.analysis.spread import departement_code

        dep = departement_code(departement)
        where += f" AND (CASE WHEN code LIKE '97%' THEN left(code, 3) ELSE left(code, 2) END) = {literal(dep)}"
    rows = con.execute(
        f"""SELECT f.unit, f.code, coalesce(c.name, f.unit), c.departement, f.probability, f.rank, f.of_total, f.drivers
            FROM forecast f LEFT JOIN commune c USING (code) WHERE {where} ORDER BY f.rank
            {f"LIMIT {int(top)}" if top else ""}"""
    ).fetchall()
    if departement and not rows:
        raise VigieError(f"--departement {departement}: no town of that département in the stored forecast")
    return {
        "source": source,
        "indicator": indicator,
        "target": target,
        "target_year": target_year,
        "training_years": meta[1],
        "computed_at": str(meta[2]),
        "model_version": meta[3],
        "seed": meta[4],
        "data_version": meta[5],
        "synthetic_commune_figures": bool(meta[6]),
        "rows": [
            {
                "unit": r[0],
                "code": r[1],
                "name": r[2],
                "departement": r[3],
                "probability": round(r[4], 4),
                "rank": r[5],
                "of": r[6],
                "drivers": json.loads(r[7]) if r[7] else [],
            }
            for r in rows
        ],
    }


def for_commune(con: duckdb.DuckDBPyConnection, code: str, indicator: str = "trafic") -> dict | None:
    """The stored surge forecast of one town (for `vigie commune`), or None."""
    if not con.execute("SELECT 1 FROM duckdb_tables() WHERE table_name = 'forecast'").fetchone():
        return None
    from vigie.warehouse import literal

    row = con.execute(
        f"""SELECT target_year, probability, rank, of_total, drivers, synthetic FROM forecast
           WHERE source = 'commune' AND indicator = {literal(indicator)} AND target = 'surge'
           AND code = {literal(code)}"""
    ).fetchone()
    if not row:
        return None
    return {
        "target_year": row[0],
        "probability": row[1],
        "rank": row[2],
        "of": row[3],
        "drivers": json.loads(row[4]) if row[4] else [],
        "synthetic": bool(row[5]),
    }


def analyse_step(con: duckdb.DuckDBPyConnection, indicator: str) -> tuple[dict, dict]:
    """The `vigie analyse` step (analysis/analyse.py): the commune watchlist of next year, stored in `forecast`.
    Trafficking only: the early warning is about trafficking; drug use is one of its features."""
    if indicator != "trafic":
        raise VigieError("the early warning forecasts trafficking only")
    result = watchlist(con, "commune", indicator, "surge", SEED)
    save(con, result)
    return {}, {
        "target_year": result.target_year,
        "training_years": result.training_years,
        "seed": result.seed,
        "model_version": MODEL_VERSION,
        "ranked": len(result.rows),
    }

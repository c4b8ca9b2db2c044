"""The MCDA methods, one table (METHODS), and rank-agreement coefficients, in vectorised NumPy.

Each method has two forms. Its *score* takes a raw decision matrix (alternatives x indicators), weights and types
(1 benefit, -1 cost) and returns a score where higher is better (VIKOR's Q, where lower is better, is returned
negated), so that :func:`porteval.mcda.rank_descending` ranks every method alike (the robustness analysis "other
methods", config ``robustness.methods``). Its *utility* takes a batch of matrices normalised by the multiverse's
normalisations (..., m, n), weights (..., n) and the cost indicators, and returns degrees of utility (..., m) with
the best at 1 (:mod:`porteval.multiverse`, config ``robustness.multiverse``). Both configs run every method of the
table unless they list some (docs/extending.md, "A new MCDA method").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .mcda import copras, q_and_utility, rank_descending

VIKOR_V = 0.5  # VIKOR's strategy weight v (Opricovic & Tzeng 2004)
WASPAS_LAMBDA = 0.5  # WASPAS's share of the weighted sum (Zavadskas et al. 2012)


def _prepare(matrix, weights, types):
    x = np.asarray(matrix, dtype=float)
    w = np.asarray(weights, dtype=float)
    cost = np.asarray(types) == -1
    return x, w / w.sum(), cost


def topsis(matrix, weights, types) -> np.ndarray:
    """Closeness to the ideal solution (Hwang & Yoon 1981), vector normalisation."""
    x, w, cost = _prepare(matrix, weights, types)
    v = w * x / np.sqrt((x**2).sum(axis=0))
    best = np.where(cost, v.min(axis=0), v.max(axis=0))
    worst = np.where(cost, v.max(axis=0), v.min(axis=0))
    d_best = np.sqrt(((v - best) ** 2).sum(axis=1))
    d_worst = np.sqrt(((v - worst) ** 2).sum(axis=1))
    return d_worst / (d_best + d_worst)


def vikor_scores(matrix, weights, types, v: float = VIKOR_V):
    """VIKOR's S (group utility), R (individual regret) and Q (Opricovic & Tzeng 2004, steps 1-3); lower is better."""
    x, w, cost = _prepare(matrix, weights, types)
    best = np.where(cost, x.min(axis=0), x.max(axis=0))
    worst = np.where(cost, x.max(axis=0), x.min(axis=0))
    span = best - worst
    regret = np.divide(w * (best - x), span, out=np.zeros_like(x), where=span != 0)  # a constant indicator adds nothing
    s, r = regret.sum(axis=1), regret.max(axis=1)

    def scaled(a):
        spread = a.max() - a.min()
        return (a - a.min()) / spread if spread > 0 else np.zeros_like(a)

    return s, r, v * scaled(s) + (1 - v) * scaled(r)


def vikor(matrix, weights, types, v: float = VIKOR_V) -> np.ndarray:
    """VIKOR (Opricovic & Tzeng 2004): returns -Q (Q lower is better), with strategy weight ``v``."""
    return -vikor_scores(matrix, weights, types, v)[2]


def vikor_compromise(s, r, q) -> dict:
    """Step 5 of VIKOR (Opricovic & Tzeng 2004): the two conditions on the best alternative by Q, and the
    compromise set.

    C1, acceptable advantage: Q(A2) - Q(A1) >= DQ = 1 / (m - 1), A2 second by Q. C2, acceptable stability: A1 is
    also best by S or by R. Both hold: {A1}. Only C2 fails: {A1, A2}. C1 fails: A1 ... AM, M the largest with
    Q(AM) - Q(A1) < DQ. Returns dq, c1, c2 and ``compromise`` (a boolean per alternative).
    """
    s, r, q = (np.asarray(a, dtype=float) for a in (s, r, q))
    m = q.size
    order = np.argsort(q, kind="stable")
    dq = 1.0 / (m - 1)
    first = order[0]
    c1 = bool(q[order[1]] - q[first] >= dq - 1e-12)
    c2 = bool(s[first] <= s.min() + 1e-12 or r[first] <= r.min() + 1e-12)
    compromise = np.zeros(m, dtype=bool)
    if c1 and c2:
        compromise[first] = True
    elif c1:
        compromise[order[:2]] = True
    else:
        compromise[q - q[first] < dq - 1e-12] = True
    return {"dq": dq, "c1": c1, "c2": c2, "compromise": compromise}


def vikor_ranks(matrix, weights, types, v: float = VIKOR_V) -> np.ndarray:
    """VIKOR as a ranking for agreement: the compromise set shares the first places (tied, average rank), the
    others follow by Q."""
    s, r, q = vikor_scores(matrix, weights, types, v)
    compromise = vikor_compromise(s, r, q)["compromise"]
    return rank_descending(np.where(compromise, np.inf, -q), "average")


def edas(matrix, weights, types) -> np.ndarray:
    """Evaluation based on Distance from Average Solution (Keshavarz Ghorabaee et al. 2015): appraisal score."""
    x, w, cost = _prepare(matrix, weights, types)
    average = x.mean(axis=0)
    above = np.where(cost, average - x, x - average) / average
    sp = (w * np.clip(above, 0, None)).sum(axis=1)
    sn = (w * np.clip(-above, 0, None)).sum(axis=1)
    nsp = sp / sp.max() if sp.max() > 0 else np.zeros_like(sp)
    nsn = 1 - sn / sn.max() if sn.max() > 0 else np.ones_like(sn)
    return (nsp + nsn) / 2


def _linear(x, cost):
    """Linear normalisation: x / max for benefit, min / x for cost."""
    return np.where(cost, x.min(axis=0) / x, x / x.max(axis=0))


def wsm(matrix, weights, types) -> np.ndarray:
    """Weighted sum of linearly normalised values."""
    x, w, cost = _prepare(matrix, weights, types)
    return (w * _linear(x, cost)).sum(axis=1)


def waspas(matrix, weights, types, lam: float = WASPAS_LAMBDA) -> np.ndarray:
    """WASPAS (Zavadskas et al. 2012): lam * weighted sum + (1 - lam) * weighted product, linear normalisation."""
    x, w, cost = _prepare(matrix, weights, types)
    r = _linear(x, cost)
    return lam * (w * r).sum(axis=1) + (1 - lam) * np.prod(r**w, axis=1)


def copras_utility(matrix, weights, types) -> np.ndarray:
    return copras(matrix, weights, types).utility


# ------------------------------------------------------------------ on normalised matrices (the multiverse's)
# Each takes r (..., m, n), w (..., n) and cost (n,) under np.errstate (porteval.multiverse.utilities) and gives a
# score (..., m), higher is better; COPRAS gives its degree of utility itself.
def _copras_utility(r, w, cost):
    v = r * w[..., None, :]
    has_cost = bool(((w > 0) & cost).any())
    return q_and_utility(np.where(cost, 0, v).sum(-1), np.where(cost, v, 0).sum(-1), has_cost)[1]


def _topsis_score(r, w, cost):
    v = r * w[..., None, :]
    best = np.where(cost, v.min(axis=-2, keepdims=True), v.max(axis=-2, keepdims=True))
    worst = np.where(cost, v.max(axis=-2, keepdims=True), v.min(axis=-2, keepdims=True))
    d_best = np.sqrt(((v - best) ** 2).sum(-1))
    d_worst = np.sqrt(((v - worst) ** 2).sum(-1))
    return d_worst / (d_best + d_worst)


def _vikor_score(r, w, cost):
    best = np.where(cost, r.min(axis=-2, keepdims=True), r.max(axis=-2, keepdims=True))
    worst = np.where(cost, r.max(axis=-2, keepdims=True), r.min(axis=-2, keepdims=True))
    span = best - worst
    regret = np.where(span != 0, w[..., None, :] * (best - r) / np.where(span != 0, span, 1), 0.0)
    s, rr = regret.sum(-1), regret.max(-1)

    def scaled(a):
        spread = a.max(-1, keepdims=True) - a.min(-1, keepdims=True)
        return np.where(spread > 0, (a - a.min(-1, keepdims=True)) / np.where(spread > 0, spread, 1), 0.0)

    return 1 - (VIKOR_V * scaled(s) + (1 - VIKOR_V) * scaled(rr))


def _edas_score(r, w, cost):
    wm = w[..., None, :]
    average = r.mean(axis=-2, keepdims=True)
    away = np.where(cost, average - r, r - average) / average
    sp = (wm * np.clip(away, 0, None)).sum(-1)
    sn = (wm * np.clip(-away, 0, None)).sum(-1)
    top_p, top_n = sp.max(-1, keepdims=True), sn.max(-1, keepdims=True)
    nsp = np.where(top_p > 0, sp / np.where(top_p > 0, top_p, 1), 0.0)
    nsn = np.where(top_n > 0, 1 - sn / np.where(top_n > 0, top_n, 1), 1.0)
    return (nsp + nsn) / 2


def _waspas_score(r, w, cost):
    wm = w[..., None, :]
    linear = np.where(cost, r.min(axis=-2, keepdims=True) / r, r / r.max(axis=-2, keepdims=True))
    return WASPAS_LAMBDA * (wm * linear).sum(-1) + (1 - WASPAS_LAMBDA) * np.prod(linear**wm, axis=-1)


def best_at_one(score):
    """Scores (..., m) as degrees of utility: over the best (NaN where no score is above 0)."""
    top = score.max(axis=-1, keepdims=True)
    return np.where(top > 0, score / top, np.nan)


@dataclass(frozen=True)
class Method:
    score: Callable  # on a raw matrix: (matrix, weights, types) -> score, higher is better
    # On normalised matrices (r, w, cost) -> degree of utility (..., m), best at 1; None: not in the multiverse
    utility: Callable | None
    source: str  # what it is and where it is defined (docs/robustness.md)
    not_in_multiverse: str = ""  # why it has no utility form, where it has none


METHODS = {
    "COPRAS": Method(copras_utility, _copras_utility, "the paper's method (Zavadskas & Kaklauskas 1996)"),
    "TOPSIS": Method(
        topsis, lambda r, w, c: best_at_one(_topsis_score(r, w, c)), "closeness to the ideal solution (Hwang & Yoon 1981)"
    ),
    "VIKOR": Method(
        vikor,
        lambda r, w, c: best_at_one(_vikor_score(r, w, c)),
        f"compromise ranking, v = {VIKOR_V} (Opricovic & Tzeng 2004); 1 - Q in the multiverse",
    ),
    "EDAS": Method(
        edas, lambda r, w, c: best_at_one(_edas_score(r, w, c)), "distance from the average (Keshavarz Ghorabaee et al. 2015)"
    ),
    "WASPAS": Method(
        waspas,
        lambda r, w, c: best_at_one(_waspas_score(r, w, c)),
        f"weighted sum and product, λ = {WASPAS_LAMBDA} (Zavadskas et al. 2012)",
    ),
    "WSM": Method(
        wsm,
        None,
        "weighted sum of linearly normalised values",
        not_in_multiverse=f"it is WASPAS with λ = 1; the multiverse runs WASPAS with λ = {WASPAS_LAMBDA}",
    ),
}


def method_names(setting, multiverse: bool = False) -> list[str]:
    """The methods a config setting names (``robustness.methods.names`` or ``robustness.multiverse.methods``): its
    list, or every method of METHODS (those with a multiverse form, for the multiverse) for ``all``."""
    if setting == "all":
        return [name for name, method in METHODS.items() if method.utility or not multiverse]
    return list(setting)


def weighted_spearman(rank_x, rank_y) -> float:
    """r_w (Pinto da Costa & Soares 2005): rank differences at the top weigh more."""
    x, y = np.asarray(rank_x, dtype=float), np.asarray(rank_y, dtype=float)
    n = x.size
    return 1 - 6 * ((x - y) ** 2 * ((n - x + 1) + (n - y + 1))).sum() / (n**4 + n**3 - n**2 - n)


def ws_coefficient(rank_reference, rank_other) -> float:
    """WS similarity (Sałabun & Urbaniak 2020); asymmetric: the first ranking is the reference."""
    x, y = np.asarray(rank_reference, dtype=float), np.asarray(rank_other, dtype=float)
    n = x.size
    return 1 - (2.0 ** (-x) * np.abs(x - y) / np.maximum(np.abs(x - 1), np.abs(x - n))).sum()


def spearman(rank_x, rank_y) -> float:
    """Spearman's rho as the Pearson correlation of the ranks; give tied alternatives their average rank
    (``rank_descending(scores, "average")``), which makes this the tie-corrected rho."""
    x, y = np.asarray(rank_x, dtype=float), np.asarray(rank_y, dtype=float)
    if x.std() == 0 or y.std() == 0:
        return float("nan")
    return float(np.corrcoef(x, y)[0, 1])

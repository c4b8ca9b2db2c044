"""Other MCDA methods with the same weights, and rank-agreement coefficients, in vectorised NumPy.

Each method takes a raw decision matrix (alternatives x indicators), weights and types (1 benefit, -1 cost)
and returns a score where higher is better (VIKOR's Q, where lower is better, is returned negated), so that
:func:`porteval.mcda.rank_descending` ranks every method alike.
"""

from __future__ import annotations

import numpy as np

from .mcda import copras, rank_descending


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


def vikor_scores(matrix, weights, types, v: float = 0.5):
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


def vikor(matrix, weights, types, v: float = 0.5) -> np.ndarray:
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


def vikor_ranks(matrix, weights, types, v: float = 0.5) -> np.ndarray:
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


def waspas(matrix, weights, types, lam: float = 0.5) -> np.ndarray:
    """WASPAS (Zavadskas et al. 2012): lam * weighted sum + (1 - lam) * weighted product, linear normalisation."""
    x, w, cost = _prepare(matrix, weights, types)
    r = _linear(x, cost)
    return lam * (w * r).sum(axis=1) + (1 - lam) * np.prod(r**w, axis=1)


def copras_utility(matrix, weights, types) -> np.ndarray:
    return copras(matrix, weights, types).utility


METHODS = {"COPRAS": copras_utility, "TOPSIS": topsis, "VIKOR": vikor, "EDAS": edas, "WASPAS": waspas, "WSM": wsm}


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

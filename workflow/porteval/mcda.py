"""Entropy weighting and COPRAS scoring, as in Zeng et al. (2022), section 4.

The public maths API of porteval. Every function takes a decision matrix with one row per
alternative (a year, a port) and one column per indicator, and is vectorised: no Python loop
runs over cells. The formulas are those of ``docs/method.md``:

* sum-normalisation ``x_ij = I_ij / sum_i I_ij`` for every indicator, whatever its direction;
* entropy ``e_j = -(1/ln m) sum_i x_ij ln x_ij`` with ``0 ln 0 = 0``; ``w_j = (1-e_j)/sum_k(1-e_k)``;
* COPRAS ``S+_i``, ``S-_i``, ``Q_i = S+_i + sum_k S-_k / (S-_i sum_k 1/S-_k)``, ``U_i = Q_i/max Q``.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

BENEFIT = 1
COST = -1


class ConstantIndicatorWarning(UserWarning):
    """An indicator takes the same value for every alternative and so carries no information."""


def _column_name(names: Sequence[str] | None, j: int) -> str:
    return f"{names[j]!r}" if names is not None else f"column {j}"


CHUNK_ROWS = 65_536  # rows per block where a temporary the size of the matrix is avoided


def _validated(matrix, names: Sequence[str] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The matrix as a 2-D float array and its column totals, or ValueError naming the problem.

    Values must be finite and non-negative, and no column may be all zeros (or sum to less than the smallest
    normal float). The check costs two reductions; only when it fails is the offending cell looked for.
    """
    arr = np.asarray(matrix, dtype=float)
    if arr.ndim != 2:
        raise ValueError(f"decision matrix must be 2-D (alternatives x indicators), got shape {arr.shape}")
    if arr.shape[0] < 2:
        raise ValueError(f"need at least 2 alternatives to compare, got {arr.shape[0]}")
    if arr.shape[1] < 1:
        raise ValueError("decision matrix has no indicator column")
    totals = arr.sum(axis=0)
    if not (np.isfinite(totals).all() and arr.min() >= 0):  # a NaN fails both comparisons
        bad = ~np.isfinite(arr)
        if bad.any():
            i, j = np.argwhere(bad)[0]
            raise ValueError(f"{_column_name(names, j)} holds a missing or infinite value at row {i}")
        i, j = np.argwhere(arr < 0)[0]
        raise ValueError(
            f"{_column_name(names, j)} holds a negative value ({arr[i, j]:g}) at row {i}; "
            "entropy and COPRAS need non-negative data"
        )
    zero = totals == 0
    if zero.any():
        raise ValueError(f"{_column_name(names, int(np.argmax(zero)))} is zero for every alternative")
    tiny = totals < np.finfo(float).tiny  # w / total would overflow
    if tiny.any():
        j = int(np.argmax(tiny))
        raise ValueError(f"{_column_name(names, j)} sums to {totals[j]:g}, too small for floating point: rescale its unit")
    return arr, totals


def sum_normalize(matrix, names: Sequence[str] | None = None) -> np.ndarray:
    """Divide every column by its sum: ``x_ij = I_ij / sum_i I_ij`` (Zeng et al. eq. 1).

    A column that sums to zero (all zeros) cannot be normalised and raises ValueError.
    """
    arr, totals = _validated(matrix, names)
    return arr / totals


def entropy_weights(matrix, names: Sequence[str] | None = None) -> np.ndarray:
    """Entropy weights of the indicators of an m x n decision matrix of raw non-negative data.

    Returns n weights that sum to 1. Zeros are allowed (``0 ln 0 = 0``). A constant indicator
    has entropy 1, so weight 0, and a :class:`ConstantIndicatorWarning` names it. A negative
    value raises ValueError naming the column; so does a matrix whose every column is constant,
    for which entropy weighting is undefined.
    """
    arr, totals = _validated(matrix, names)
    a_ln_a = np.zeros(arr.shape[1])
    for start in range(0, arr.shape[0], CHUNK_ROWS):  # blocks of rows: no temporary as large as the matrix
        block = arr[start : start + CHUNK_ROWS]
        a_ln_a += xlogx(block).sum(axis=0)
    divergence = _divergence(a_ln_a, totals, arr.shape[0])
    # Rounding leaves ~1e-16 instead of 0 for a constant column; treat an exactly constant one as constant.
    suspects = np.flatnonzero(divergence < 1e-9)
    constant = suspects[np.ptp(arr[:, suspects], axis=0) == 0]
    divergence[constant] = 0.0
    if constant.size:
        which = ", ".join(_column_name(names, j) for j in constant)
        warnings.warn(f"constant indicator(s) {which} get weight 0", ConstantIndicatorWarning, stacklevel=2)
    total = divergence.sum()
    if total == 0:
        raise ValueError("every indicator is constant (or equal to rounding): entropy weights are undefined")
    return divergence / total


def _divergence(a_ln_a, totals, m: int):
    """``d_j = 1 - e_j`` from the column sums of ``a ln a`` and of ``a``.

    With ``x = a / T``: ``sum_i x ln x = (sum_i a ln a) / T - ln T``, so ``e_j = (ln T - sum a ln a / T) / ln m``;
    this needs no normalised copy of the matrix. Clipped at 0 against rounding.
    """
    entropy = (np.log(totals) - a_ln_a / totals) / np.log(m)
    return np.clip(1.0 - entropy, 0.0, None)


def entropy_divergence(matrices):
    """``d_j = 1 - e_j`` of raw non-negative data over axis -2 (alternatives); leading axes are batches."""
    a = np.asarray(matrices, dtype=float)
    return _divergence(xlogx(a).sum(axis=-2), a.sum(axis=-2), a.shape[-2])


@dataclass(frozen=True)
class CoprasResult:
    """COPRAS scores, each a numpy array over the alternatives (rows of the matrix)."""

    benefit: np.ndarray  # S+_i, weighted normalised sum over benefit indicators
    cost: np.ndarray  # S-_i, weighted normalised sum over cost indicators
    q: np.ndarray  # relative significance Q_i
    utility: np.ndarray  # U_i = Q_i / max Q, in (0, 1]

    @cached_property
    def rank(self) -> np.ndarray:
        """1 = best (highest utility); ties share the best rank. Computed when first asked for (a sort)."""
        return rank_descending(self.utility)


def copras(matrix, weights, types, names: Sequence[str] | None = None, alternatives=None) -> CoprasResult:
    """COPRAS scores of the alternatives (rows) of a raw non-negative decision matrix.

    ``weights`` holds one weight per indicator (any positive scale: they are used as given,
    and U does not depend on their scale); ``types`` holds 1 for a benefit and -1 for a cost
    indicator. The matrix is sum-normalised inside: ``S+_i = sum_benefit w_j I_ij / T_j`` is computed as a
    matrix-vector product with ``w_j / T_j``, without a normalised copy of the matrix.

    With no cost indicator, ``Q = S+`` (the second term of Q is undefined and is dropped).
    When cost indicators exist, an alternative whose S- is 0 makes Q undefined and raises
    ValueError naming it.
    """
    arr, totals = _validated(matrix, names)
    w = np.asarray(weights, dtype=float)
    t = np.asarray(types)
    n = arr.shape[1]
    if w.shape != (n,):
        raise ValueError(f"expected {n} weights, got shape {w.shape}")
    if t.shape != (n,):
        raise ValueError(f"expected {n} indicator types, got shape {t.shape}")
    if not np.isin(t, (BENEFIT, COST)).all():
        raise ValueError("indicator types must be 1 (benefit) or -1 (cost)")
    if (w < 0).any() or not np.isfinite(w).all():
        raise ValueError("weights must be finite and non-negative")
    is_cost = t == COST
    scale = w / totals
    s_plus = arr @ np.where(is_cost, 0.0, scale)
    s_minus = arr @ np.where(is_cost, scale, 0.0) if is_cost.any() else np.zeros(arr.shape[0])
    if is_cost.any():
        zero = s_minus == 0
        if zero.any():
            i = int(np.argmax(zero))
            label = repr(alternatives[i]) if alternatives is not None else f"row {i}"
            raise ValueError(f"alternative {label} has S- = 0 while cost indicators exist: Q is undefined")
    q, utility = q_and_utility(s_plus, s_minus, bool(is_cost.any()))
    if not np.isfinite(utility).all():
        raise ValueError("every alternative has Q = 0 (all weights on empty columns): utility is undefined")
    return CoprasResult(s_plus, s_minus, q, utility)


def q_and_utility(s_plus, s_minus, has_cost: bool):
    """COPRAS Q and U from S+ and S-, over the last axis (alternatives); leading axes are batches (e.g. draws).

    ``Q = S+ + sum(S-) / (S- * sum(1/S-))`` (the classic form with min S- cancels to this), or Q = S+ without
    cost indicators; ``U = Q / max Q``. Computed as ``sum(S-) * r / sum(r)`` with ``r = min S- / S-`` in (0, 1], the
    same quantity, so that a tiny S- cannot overflow 1/S-. Undefined values (S- = 0, max Q = 0) come out as nan.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        if has_cost:
            r = s_minus.min(axis=-1, keepdims=True) / s_minus
            q = s_plus + s_minus.sum(axis=-1, keepdims=True) * r / r.sum(axis=-1, keepdims=True)
        else:
            q = np.array(s_plus, dtype=float, copy=True)
        q_max = q.max(axis=-1, keepdims=True)
        utility = np.where(q_max > 0, q / q_max, np.nan)
    return q, utility


def rank_descending(scores, ties: str = "min") -> np.ndarray:
    """Ranks along the last axis, 1 for the highest score; leading axes are batches (e.g. draws).

    ``ties``: "min", equal scores share the best of their ranks (competition ranking, as the paper's tables);
    "average", they share the mean of their ranks (Kendall 1948: the ranks Spearman's rho needs); "ordinal", they
    are ranked in the order they come (for continuous draws, where ties have probability 0).
    """
    s = -np.asarray(scores, dtype=float)
    order = np.argsort(s, axis=-1, kind="stable")
    ordinal = np.empty(s.shape, dtype=int)
    np.put_along_axis(ordinal, order, np.arange(1, s.shape[-1] + 1) * np.ones(s.shape, dtype=int), axis=-1)
    if ties == "ordinal":
        return ordinal
    ordered = np.take_along_axis(s, order, axis=-1)
    starts = np.ones(s.shape, dtype=bool)
    starts[..., 1:] = ordered[..., 1:] != ordered[..., :-1]  # where a run of equal scores begins
    position = np.arange(s.shape[-1]) * np.ones(s.shape, dtype=int)
    first = np.maximum.accumulate(np.where(starts, position, 0), axis=-1)
    if ties == "min":
        ranked = first + 1
    elif ties == "average":
        last = np.ones(s.shape, dtype=bool)
        last[..., :-1] = starts[..., 1:]  # a run of equal scores ends where the next begins
        ends = np.flip(np.minimum.accumulate(np.flip(np.where(last, position, s.shape[-1]), -1), axis=-1), -1)
        ranked = (first + ends) / 2 + 1
    else:
        raise ValueError(f"unknown ties {ties!r} (min, average or ordinal)")
    out = np.empty(s.shape, dtype=float if ties == "average" else int)
    np.put_along_axis(out, order, ranked, axis=-1)
    return out


def xlogx(a: np.ndarray) -> np.ndarray:
    """``a ln a`` elementwise with ``0 ln 0 = 0``, for a >= 0 (NumPy only: importing SciPy costs every job ~0.5 s).

    ``a ln max(a, tiny)`` is exactly 0 at a = 0 and needs no masked log, which is slower; only subnormal a
    (< 2.2e-308) are affected, by less than 1e-305.
    """
    out = np.maximum(np.asarray(a, dtype=float), np.finfo(float).tiny)
    np.log(out, out=out)
    out *= a
    return out

"""How stable are the rankings: weight uncertainty (SMAA), data uncertainty, leave-out, entropy inputs, other methods.

Every function works on one comparison's raw decision matrix (alternatives x indicators). Draws are batched
in NumPy arrays: no Python loop runs per draw.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .mcda import copras, entropy_divergence, entropy_weights, q_and_utility, rank_descending, sum_normalize
from .methods import METHODS, spearman, weighted_spearman, ws_coefficient

ENTROPY_INPUTS = ("sum", "minmax", "reciprocal")


def ranks_of(utilities: np.ndarray) -> np.ndarray:
    """Ranks (1 = best) along the last axis, for every row of a batch; ties broken by order (draws are continuous)."""
    order = np.argsort(-utilities, axis=-1, kind="stable")
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(1, utilities.shape[-1] + 1), axis=-1)
    return ranks


def copras_utilities(x: np.ndarray, weights: np.ndarray, is_cost: np.ndarray) -> np.ndarray:
    """COPRAS U of every alternative for a batch of weight vectors: x is sum-normalised (m x n), weights k x n."""
    s_plus = weights[:, ~is_cost] @ x[:, ~is_cost].T
    s_minus = weights[:, is_cost] @ x[:, is_cost].T
    return q_and_utility(s_plus, s_minus, bool(is_cost.any()))[1]


def sample_weights(rng: np.random.Generator, centre: np.ndarray, draws: int, concentration: float | None) -> np.ndarray:
    """Weight vectors on the simplex: Dirichlet(concentration * centre) around ``centre``, or uniform if None.

    Indicators whose central weight is 0 (constant ones) stay at 0 in both samplings.
    """
    active = centre > 0
    alpha = np.ones(active.sum()) if concentration is None else concentration * centre[active]
    out = np.zeros((draws, centre.size))
    out[:, active] = rng.dirichlet(alpha, size=draws)
    return out


def smaa(matrix, centre, types, draws: int, concentration: float, seed, chunk: int = 0, chunks: int = 1):
    """Rank acceptability indices and central weights, for Dirichlet draws around ``centre`` and uniform draws.

    Returns (acceptability, central): acceptability has sampling, alternative (index), rank, probability;
    central has sampling, alternative, indicator (index), weight (mean weights of the draws where the
    alternative ranks first; empty if it never does) and n_first (how many draws those were).
    ``chunk`` of ``chunks`` draws ``draws / chunks`` vectors from its own stream of the seed's
    SeedSequence, so that chunks can run as separate jobs and be merged by :func:`merge_smaa`.
    """
    x = sum_normalize(matrix)
    m = x.shape[0]
    is_cost = np.asarray(types) == -1
    rng = np.random.default_rng(np.random.SeedSequence(seed).spawn(chunks)[chunk])
    draws = draws // chunks
    acc_rows, central_rows = [], []
    for sampling, conc in (("dirichlet", concentration), ("uniform", None)):
        w = sample_weights(rng, np.asarray(centre, dtype=float), draws, conc)
        ranks = ranks_of(copras_utilities(x, w, is_cost))
        counts = np.bincount((np.arange(m) * m + ranks - 1).ravel(), minlength=m * m).reshape(m, m)
        prob = counts / draws
        first = ranks == 1
        n_first = first.sum(axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            central = (first.T @ w) / n_first[:, None]
        for i in range(m):
            acc_rows += [{"sampling": sampling, "alternative": i, "rank": r + 1, "probability": prob[i, r]} for r in range(m)]
            central_rows += [
                {"sampling": sampling, "alternative": i, "indicator": j, "weight": central[i, j], "n_first": int(n_first[i])}
                for j in range(w.shape[1])
            ]
    return pd.DataFrame(acc_rows), pd.DataFrame(central_rows)


def merge_smaa(acceptability: list[pd.DataFrame], central: list[pd.DataFrame]):
    """Merge equal-sized SMAA chunks: probabilities are averaged, central weights weighted by their n_first."""
    keys = ["sampling", "alternative", "rank"]
    acc = pd.concat(acceptability).groupby(keys, sort=False, as_index=False)["probability"].mean()
    cen = pd.concat(central)
    cen = cen.assign(weighted=cen["weight"].fillna(0) * cen["n_first"])
    merged = cen.groupby(["sampling", "alternative", "indicator"], sort=False, as_index=False)[["weighted", "n_first"]].sum()
    merged["weight"] = merged["weighted"] / merged["n_first"].where(merged["n_first"] > 0)
    return acc, merged[["sampling", "alternative", "indicator", "weight", "n_first"]]


def batch_entropy_copras(matrices: np.ndarray, is_cost: np.ndarray) -> np.ndarray:
    """Entropy weights and COPRAS U for a batch of raw matrices (k x m x n) -> U (k x m)."""
    d = entropy_divergence(matrices)
    w = d / d.sum(axis=-1, keepdims=True)
    v = matrices / matrices.sum(axis=1, keepdims=True) * w[:, None, :]
    return q_and_utility(v[..., ~is_cost].sum(-1), v[..., is_cost].sum(-1), bool(is_cost.any()))[1]


def data_uncertainty(matrices: dict[str, np.ndarray], baseline_ranks, types, relative_error: float, draws: int, seed: int):
    """Each cell multiplied by an independent uniform factor in [1-e, 1+e], for the matrix of each imputation
    method; weights recomputed by entropy in every draw. How often each alternative's rank changes."""
    rng = np.random.default_rng(seed)
    is_cost = np.asarray(types) == -1
    rows = []
    for method, matrix in matrices.items():
        noise = rng.uniform(1 - relative_error, 1 + relative_error, size=(draws, *matrix.shape))
        ranks = ranks_of(batch_entropy_copras(matrix[None] * noise, is_cost))
        unperturbed = rank_descending(batch_entropy_copras(matrix[None], is_cost)[0])
        for i, base in enumerate(baseline_ranks):
            rows.append(
                {
                    "imputation": method,
                    "alternative": i,
                    "baseline_rank": int(base),
                    "unperturbed_rank": int(unperturbed[i]),
                    "p_rank_changed": float((ranks[:, i] != base).mean()),
                    "p_first": float((ranks[:, i] == 1).mean()),
                    "rank_min": int(ranks[:, i].min()),
                    "rank_max": int(ranks[:, i].max()),
                }
            )
    return pd.DataFrame(rows)


def entropy_input(matrix, types, variant: str) -> np.ndarray:
    """The data the entropy is computed on: the raw values (the paper's), min-max standardised with cost
    indicators reversed, or with cost indicators replaced by their reciprocals."""
    x = np.asarray(matrix, dtype=float)
    cost = np.asarray(types) == -1
    if variant == "sum":
        return x
    if variant == "minmax":
        span = np.ptp(x, axis=0)
        scaled = np.where(cost, x.max(axis=0) - x, x - x.min(axis=0))
        return np.divide(scaled, span, out=np.zeros_like(x), where=span > 0)
    if variant == "reciprocal":
        return np.where(cost, 1.0 / x, x)
    raise ValueError(f"unknown entropy input {variant!r} (one of {', '.join(ENTROPY_INPUTS)})")


def _entropy_or_none(data):
    try:
        return entropy_weights(data)
    except ValueError:  # e.g. min-max of a two-alternative comparison: every column is 0 or 1 alike
        return None


def entropy_variants(matrix, types, codes) -> pd.DataFrame:
    """Weights and COPRAS ranks for each entropy input (COPRAS itself always on the raw data)."""
    rows = []
    for variant in ENTROPY_INPUTS:
        w = _entropy_or_none(entropy_input(matrix, types, variant))
        if w is None:
            continue
        ranks = copras(matrix, w, types).rank
        rows += [{"variant": variant, "kind": "weight", "item": code, "value": w[j]} for j, code in enumerate(codes)]
        rows += [{"variant": variant, "kind": "rank", "item": i, "value": r} for i, r in enumerate(ranks)]
    return pd.DataFrame(rows)


def leave_out(matrix, types, codes, subsystem_of: dict[str, str]) -> pd.DataFrame:
    """Ranks when one indicator, or one subsystem, is left out (entropy weights recomputed on the rest)."""
    base = copras(matrix, entropy_weights(matrix), types).rank
    groups = [("indicator", c, [c]) for c in codes]
    groups += [("subsystem", s, [c for c in codes if subsystem_of[c] == s]) for s in sorted(set(subsystem_of[c] for c in codes))]
    rows = []
    for kind, name, drop in groups:
        keep = [j for j, c in enumerate(codes) if c not in drop]
        if not keep:
            continue
        sub = np.asarray(matrix)[:, keep]
        w = _entropy_or_none(sub)
        if w is None:
            continue
        ranks = copras(sub, w, np.asarray(types)[keep]).rank
        rows += [
            {
                "kind": kind,
                "left_out": name,
                "alternative": i,
                "baseline_rank": int(base[i]),
                "rank": int(r),
                "moved": bool(r != base[i]),
                "spearman": spearman(base, ranks),
            }
            for i, r in enumerate(ranks)
        ]
    return pd.DataFrame(rows)


def method_ranks(matrix, weights, types, names) -> pd.DataFrame:
    """Ranks of the alternatives by each method with the same weights."""
    return pd.DataFrame({name: rank_descending(METHODS[name](matrix, weights, types)) for name in names})


def agreement(ranks: pd.DataFrame) -> pd.DataFrame:
    """Spearman, weighted Spearman r_w and WS coefficient for every ordered pair of methods (WS: the first is the reference)."""
    rows = []
    for a in ranks.columns:
        for b in ranks.columns:
            rows.append(
                {
                    "method_a": a,
                    "method_b": b,
                    "spearman": spearman(ranks[a], ranks[b]),
                    "rw": weighted_spearman(ranks[a], ranks[b]),
                    "ws": ws_coefficient(ranks[a], ranks[b]),
                }
            )
    return pd.DataFrame(rows)

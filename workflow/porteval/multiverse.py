"""The multiverse of defensible analyses: every combination of the choices another analyst could make.

Steegen, Tuerlinckx, Gelman & Vanpaemel (2016) run every reasonable combination of processing choices and report
the whole set; Simonsohn, Simmons & Nelson (2020) sort the specifications by their result and show which choices
each made (a specification curve). For an MCDA index the choices are (config ``robustness.multiverse``):

- **imputation** of the missing cells: linear (the paper's), nearest, PCHIP, log-linear (:mod:`porteval.impute`);
- **normalisation** of the decision matrix over the alternatives: sum (the paper's), vector, min-max, max; each
  keeps the direction of an indicator (a cost indicator stays "lower is better" and each method treats it so);
- **weighting**: entropy (the paper's), equal, CRITIC (Diakoulaki, Mavrotas & Papayannakis 1995), standard
  deviation, and the published weights where the study reproduces a paper that prints them;
- **method** on the normalised matrix: each method of :data:`porteval.methods.METHODS` with a form on normalised
  matrices (COPRAS is the paper's).

Every method gives a degree of utility with the best alternative at 1 (its score over the best score; for VIKOR the
score is 1 - Q),
overall and per subsystem (the weights restricted to the subsystem's indicators, as the paper's subsystem
utilities). S+ and S- are COPRAS's own: under another method they are not defined. Every method is evaluated at once for
every normalisation and weighting of a matrix (a loop runs per imputation, scope and method, never per
specification).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .catalogue import study_window
from .impute import impute_observations
from .mcda import entropy_divergence, rank_descending
from .methods import METHODS, method_names, spearman
from .robustness import year_cells
from .study import study_cells


@dataclass(frozen=True)
class Comparison:
    """How a comparison's matrix (m x n) is summed from the study's cells."""

    name: str
    alternatives: list[str]
    cells: np.ndarray  # indices of the study's cells it uses, ordered by their place in the matrix
    starts: np.ndarray  # where each matrix entry's run of cells starts in ``cells`` (np.add.reduceat)


def comparisons_of(cells: pd.DataFrame, names: list[str], window: str, alternatives: list[str], codes: list[str]):
    """The comparisons of a study over its cells (alternative, indicator, year, ...): the window sums every
    year, a year comparison takes that year's cells."""
    out = []
    col = cells["indicator"].map({c: j for j, c in enumerate(codes)}).to_numpy()
    for name in names:
        use = np.ones(len(cells), dtype=bool) if name == window else (cells["year"] == int(name)).to_numpy()
        present = [a for a in alternatives if a in set(cells.loc[use, "alternative"])]
        row = cells["alternative"].map({a: i for i, a in enumerate(present)}).to_numpy()
        idx = np.flatnonzero(use)
        target = row[idx] * len(codes) + col[idx]
        order = np.argsort(target, kind="stable")
        sorted_target = target[order]
        starts = np.flatnonzero(np.r_[True, sorted_target[1:] != sorted_target[:-1]])
        if len(starts) != len(present) * len(codes):
            raise ValueError(f"comparison {name}: some (alternative, indicator) entry has no cell")
        out.append(Comparison(name, present, idx[order], starts))
    return out


def matrices(values: np.ndarray, comp: Comparison, n: int) -> np.ndarray:
    """(draws, m, n) matrices of one comparison from a batch of cell values (draws x cells)."""
    summed = np.add.reduceat(values[:, comp.cells], comp.starts, axis=1)
    return summed.reshape(values.shape[0], len(comp.alternatives), n)


NORMALISATIONS = ("sum", "vector", "minmax", "max")
WEIGHTINGS = ("entropy", "equal", "CRITIC", "std", "published")
CHOICES = ("imputation", "normalisation", "weighting", "method")
PAPER_SPEC = {"imputation": "linear", "normalisation": "sum", "weighting": "entropy", "method": "COPRAS"}


def normalise(x: np.ndarray, scheme: str) -> np.ndarray:
    """A batch of matrices (..., m, n) normalised over the alternatives (axis -2), direction kept."""
    with np.errstate(invalid="ignore", divide="ignore"):
        if scheme == "sum":
            return x / x.sum(axis=-2, keepdims=True)
        if scheme == "vector":
            return x / np.sqrt((x**2).sum(axis=-2, keepdims=True))
        if scheme == "max":
            return x / x.max(axis=-2, keepdims=True)
        if scheme == "minmax":
            low, span = x.min(axis=-2, keepdims=True), np.ptp(x, axis=-2, keepdims=True)
            return np.where(span > 0, (x - low) / np.where(span > 0, span, 1), 0.0)
    raise ValueError(f"unknown normalisation {scheme!r} (one of {', '.join(NORMALISATIONS)})")


def _oriented(x: np.ndarray, cost: np.ndarray) -> np.ndarray:
    """Min-max scaled with cost indicators reversed (1 = best), a constant indicator 0."""
    low, high, span = x.min(axis=-2, keepdims=True), x.max(axis=-2, keepdims=True), np.ptp(x, axis=-2, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        scaled = np.where(cost, high - x, x - low) / np.where(span > 0, span, 1)
    return np.where(span > 0, scaled, 0.0)


def weights(x: np.ndarray, scheme: str, cost: np.ndarray, published: np.ndarray | None = None) -> np.ndarray:
    """Weights (..., n) of a batch of raw matrices (..., m, n). CRITIC: the standard deviation of each oriented
    min-max column times the sum of its (1 - correlation) with the others (Diakoulaki et al. 1995); std: the
    standard deviations alone; published: the given weights renormalised (NaN without them)."""
    n = x.shape[-1]
    if scheme == "entropy":
        d = entropy_divergence(x)
        return d / d.sum(axis=-1, keepdims=True)
    if scheme == "equal":
        return np.full(x.shape[:-2] + (n,), 1.0 / n)
    if scheme == "published":
        if published is None:
            return np.full(x.shape[:-2] + (n,), np.nan)
        return np.broadcast_to(published / published.sum(), x.shape[:-2] + (n,)).copy()
    r = _oriented(x, cost)
    sd = r.std(axis=-2, ddof=1)
    if scheme == "std":
        return sd / sd.sum(axis=-1, keepdims=True)
    if scheme == "CRITIC":
        centred = r - r.mean(axis=-2, keepdims=True)
        cov = np.einsum("...mi,...mj->...ij", centred, centred) / (x.shape[-2] - 1)
        with np.errstate(invalid="ignore", divide="ignore"):
            corr = cov / (sd[..., :, None] * sd[..., None, :])
        corr = np.where(np.isfinite(corr), corr, 0.0)  # a constant column correlates with nothing
        c = sd * (1 - corr).sum(axis=-1)
        return c / c.sum(axis=-1, keepdims=True)
    raise ValueError(f"unknown weighting {scheme!r} (one of {', '.join(WEIGHTINGS)})")


def utilities(r: np.ndarray, w: np.ndarray, cost: np.ndarray, method: str) -> np.ndarray:
    """Degrees of utility (..., m) of normalised matrices r (..., m, n) with weights w (..., n) by a method of
    porteval.methods.METHODS: the best is 1; NaN where the method is not defined (e.g. COPRAS with a cost part of 0)."""
    if method not in method_names("all", multiverse=True):
        raise ValueError(f"unknown method {method!r} (one of {', '.join(method_names('all', multiverse=True))})")
    with np.errstate(invalid="ignore", divide="ignore"):
        return METHODS[method].utility(r, w, cost)


def specifications(settings: dict, published: bool) -> pd.DataFrame:
    """Every specification (one row each: imputation, normalisation, weighting, method), the published weights
    only where the study has them; in a fixed order, the paper's own first."""
    levels = {c: list(settings[c + "s"]) for c in CHOICES}
    levels["method"] = method_names(settings["methods"], multiverse=True)
    if not published:
        levels["weighting"] = [w for w in levels["weighting"] if w != "published"]
    for choice, level in PAPER_SPEC.items():  # the paper's choice first, where it is configured
        if level in levels[choice]:
            levels[choice].remove(level)
            levels[choice].insert(0, level)
    rows = list(itertools.product(*(levels[c] for c in CHOICES)))
    return pd.DataFrame(rows, columns=list(CHOICES)).rename_axis("spec").reset_index()


def comparison_utilities(x: dict[str, np.ndarray | None], specs: pd.DataFrame, cost, subsystems, published=None) -> dict:
    """Degrees of utility of one comparison under every specification, batched over normalisation x weighting.

    ``x``: per imputation, the raw matrix (m x n), or None where that imputation cannot fill every cell;
    ``subsystems``: per indicator; ``published``: the published weights of the indicators (or None). Returns
    {scope: (specs x m)} for "overall" and each subsystem, NaN where a specification is not defined.
    """
    cost = np.asarray(cost, dtype=bool)
    sub = np.asarray(subsystems)
    scopes = {"overall": np.ones(sub.size, dtype=bool), **{s: sub == s for s in dict.fromkeys(subsystems)}}
    m = max((v.shape[0] for v in x.values() if v is not None), default=0)
    out = {scope: np.full((len(specs), m), np.nan) for scope in scopes}
    for imputation, matrix in x.items():
        rows = specs[specs["imputation"] == imputation]
        if matrix is None or not len(rows):
            continue
        norms, schemes = list(dict.fromkeys(rows["normalisation"])), list(dict.fromkeys(rows["weighting"]))
        r = np.stack([normalise(matrix, n) for n in norms])[:, None]  # normalisations x 1 x m x n
        w = np.stack([weights(matrix, s, cost, published) for s in schemes])  # weightings x n
        at = (rows["normalisation"].map(norms.index).to_numpy(), rows["weighting"].map(schemes.index).to_numpy())
        for scope, cols in scopes.items():
            ws = np.where(cols, w, 0.0)
            total = ws.sum(axis=-1, keepdims=True)
            ws = np.where(total > 0, ws / np.where(total > 0, total, 1), np.nan)[None]  # 1 x weightings x n
            for method in dict.fromkeys(rows["method"]):
                u = utilities(r[..., cols], ws[..., cols], cost[cols], method)  # normalisations x weightings x m
                pick = (rows["method"] == method).to_numpy()
                out[scope][rows.index[pick]] = u[at[0][pick], at[1][pick]]
    return out


def study_multiverse(usable, study, catalogue, codes, alternatives, names, settings: dict, imputation: dict, published=None):
    """The degrees of utility of every comparison of a study under every specification, in one wide table: spec,
    the four choices, comparison, scope, then one column per alternative (NaN where a specification is not
    defined, e.g. an imputation that cannot fill every cell).

    ``usable``: the study's usable observations; ``codes``, ``alternatives``, ``names``: its indicators,
    alternatives and comparisons as the study has them; ``settings``: the config's ``robustness.multiverse``;
    ``imputation``: the config's imputation settings (min_observed, max_extrapolation); ``published``: the
    published weights by indicator (a Series), or None.
    """

    window = study_window(study)
    given = published.reindex(codes).to_numpy(dtype=float) if published is not None else None
    specs = specifications(settings, given is not None and not np.isnan(given).any())
    grid = study_cells(study, catalogue)[["entity", "indicator", "year"]].drop_duplicates()
    cost = np.asarray(catalogue.types(codes)) == -1
    subsystems = list(catalogue.indicators.loc[codes, "subsystem"])
    by_comparison = {name: {} for name in names}
    for method in settings["imputations"]:
        filled = impute_observations(usable, grid, method, imputation["min_observed"], imputation["max_extrapolation"])
        cells = year_cells(filled, study, catalogue, codes)
        complete = cells["value"].notna().all()
        comps = comparisons_of(cells, names, window, alternatives, codes) if complete else []
        for comp in comps:
            by_comparison[comp.name][method] = matrices(cells["value"].to_numpy(dtype=float)[None], comp, len(codes))[0]
        for name in names if not complete else []:
            by_comparison[name][method] = None
    frames = []
    for name in names:
        for scope, u in comparison_utilities(by_comparison[name], specs, cost, subsystems, given).items():
            frames.append(specs.assign(comparison=name, scope=scope).join(pd.DataFrame(u, columns=alternatives)))
    return pd.concat(frames, ignore_index=True)


def values_of(table: pd.DataFrame) -> dict:
    """A study's multiverse table (:func:`study_multiverse`) as claim values: {(comparison, scope, "utility"):
    (alternatives, specifications x alternatives)}, the specifications in the order of the "spec" column."""
    alternatives = [c for c in table.columns if c not in ("spec", *CHOICES, "comparison", "scope")]
    out = {}
    for (comparison, scope), part in table.groupby(["comparison", "scope"], sort=False):
        out[(comparison, scope, "utility")] = (alternatives, part.sort_values("spec")[alternatives].to_numpy(dtype=float))
    return out


def ranking_outcomes(table: pd.DataFrame, window: str) -> pd.DataFrame:
    """Per specification, how its ranking of the whole window compares with the paper's specification (the first):
    Spearman's rho between the two rankings, and whether the paper's leader is still first (NaN where the
    specification is not defined)."""

    part = table[(table["comparison"] == window) & (table["scope"] == "overall")].sort_values("spec")
    alternatives = [c for c in table.columns if c not in ("spec", *CHOICES, "comparison", "scope")]
    u = part[alternatives].to_numpy(dtype=float)
    base = rank_descending(u[0], "average")
    defined = np.isfinite(u).all(axis=1)
    ranks = rank_descending(np.where(defined[:, None], u, 0), "average")
    rho = np.array([spearman(base, r) if ok else np.nan for r, ok in zip(ranks, defined, strict=True)])
    leader = np.where(defined, ranks[:, int(np.argmin(base))] == 1, np.nan)
    return part[["spec", *CHOICES]].reset_index(drop=True).assign(spearman=rho, leader_first=leader)

"""How stable are the rankings: weight uncertainty (SMAA), data uncertainty, leave-out, entropy inputs, other methods.

Every function works on one comparison's raw decision matrix (alternatives x indicators). Draws are batched
in NumPy arrays: no Python loop runs per draw.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .error_model import LEVEL_BREAK, anchors, calibration_pools, cell_class, pool_residuals
from .mcda import copras, entropy_divergence, entropy_weights, q_and_utility, rank_descending, sum_normalize
from .methods import (
    METHODS,
    spearman,
    vikor_compromise,
    vikor_ranks,
    vikor_scores,
    weighted_spearman,
    ws_coefficient,
)

ENTROPY_INPUTS = ("sum", "minmax", "reciprocal")


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


SMAA_BLOCK = 500  # draws per random stream: a draw's stream depends on the seed and its index only
SMAA_BATCH = 100 * SMAA_BLOCK  # draws evaluated at once; a multiple of SMAA_BLOCK, so no stream is drawn twice


def _block_weights(seed: int, sampling: int, centre, concentration, first: int, last: int) -> np.ndarray:
    """Weight vectors for draws ``first`` to ``last`` - 1: each block of SMAA_BLOCK draws has its own stream,
    spawned from the seed by (sampling, block), so any split of the draws into chunks gives the same vectors."""
    blocks = range(first // SMAA_BLOCK, (last - 1) // SMAA_BLOCK + 1)
    parts = []
    for b in blocks:
        rng = np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(sampling, b)))
        w = sample_weights(rng, centre, SMAA_BLOCK, concentration)
        lo, hi = max(first - b * SMAA_BLOCK, 0), min(last - b * SMAA_BLOCK, SMAA_BLOCK)
        parts.append(w[lo:hi])
    return np.concatenate(parts)


def chunk_range(draws: int, chunk: int, chunks: int) -> tuple[int, int]:
    """The draws ``[first, last)`` of one chunk: contiguous, as equal as possible, covering all ``draws``."""
    edges = np.linspace(0, draws, chunks + 1).round().astype(int)
    return int(edges[chunk]), int(edges[chunk + 1])


def smaa(matrix, centre, types, draws: int, concentration: float, seed, chunk: int = 0, chunks: int = 1):
    """Rank acceptability counts and central weights, for Dirichlet draws around ``centre`` and uniform draws.

    Returns (acceptability, central): acceptability has sampling, alternative (index), rank, count, draws;
    central has sampling, alternative, indicator (index), weight (mean weights of the draws where the
    alternative ranks first; empty if it never does) and n_first (how many draws those were). ``chunk`` of
    ``chunks`` computes its own range of the draws; each draw's weights depend only on the seed and the draw's
    index (:func:`_block_weights`), so merging the chunks (:func:`merge_smaa`) gives the same result however
    the draws are split.
    """
    x = sum_normalize(matrix)
    m, n = x.shape
    is_cost = np.asarray(types) == -1
    first, last = chunk_range(draws, chunk, chunks)
    acc_rows, central_rows = [], []
    for k, (sampling, conc) in enumerate((("dirichlet", concentration), ("uniform", None))):
        # Accumulated SMAA_BATCH draws at a time: memory stays that of one batch however many draws there are
        # (1e6 draws of a 30 x 40 problem held about 2 GiB at once).
        counts, n_first, first_weights = np.zeros(m * m, dtype=np.int64), np.zeros(m, dtype=np.int64), np.zeros((m, n))
        for start in range(first, last, SMAA_BATCH):
            w = _block_weights(seed, k, np.asarray(centre, dtype=float), conc, start, min(start + SMAA_BATCH, last))
            ranks = rank_descending(copras_utilities(x, w, is_cost), "ordinal")
            counts += np.bincount((np.arange(m) * m + ranks - 1).ravel(), minlength=m * m)
            first_place = ranks == 1
            n_first += first_place.sum(axis=0)
            first_weights += first_place.T @ w
        counts = counts.reshape(m, m)
        with np.errstate(invalid="ignore", divide="ignore"):
            central = first_weights / n_first[:, None]
        for i in range(m):
            acc_rows += [
                {"sampling": sampling, "alternative": i, "rank": r + 1, "count": int(counts[i, r]), "draws": last - first}
                for r in range(m)
            ]
            central_rows += [
                {"sampling": sampling, "alternative": i, "indicator": j, "weight": central[i, j], "n_first": int(n_first[i])}
                for j in range(n)
            ]
    return pd.DataFrame(acc_rows), pd.DataFrame(central_rows)


def merge_smaa(acceptability: list[pd.DataFrame], central: list[pd.DataFrame]):
    """Merge SMAA chunks: counts added (probability = count / draws), central weights weighted by n_first."""
    keys = ["sampling", "alternative", "rank"]
    acc = pd.concat(acceptability).groupby(keys, sort=False, as_index=False)[["count", "draws"]].sum()
    acc["probability"] = acc["count"] / acc["draws"]
    cen = pd.concat(central)
    cen = cen.assign(weighted=cen["weight"].fillna(0) * cen["n_first"])
    merged = cen.groupby(["sampling", "alternative", "indicator"], sort=False, as_index=False)[["weighted", "n_first"]].sum()
    merged["weight"] = merged["weighted"] / merged["n_first"].where(merged["n_first"] > 0)
    return acc[[*keys, "probability"]], merged[["sampling", "alternative", "indicator", "weight", "n_first"]]


def dominance(matrix, types) -> pd.DataFrame:
    """For every ordered pair (a, b) of alternatives, whether a dominates b: at least as good on every indicator
    in the direction that counts (higher for a benefit, lower for a cost) and better on one. With non-negative
    weights COPRAS then never ranks b above a. Columns: a, b, dominates (indices)."""
    x = np.asarray(matrix, dtype=float) * np.where(np.asarray(types) == -1, -1.0, 1.0)
    geq = (x[:, None, :] >= x[None, :, :]).all(axis=2)
    gt = (x[:, None, :] > x[None, :, :]).any(axis=2)
    a, b = np.nonzero(~np.eye(x.shape[0], dtype=bool))
    return pd.DataFrame({"a": a, "b": b, "dominates": (geq & gt)[a, b]})


def fixed_by_dominance(pairs: pd.DataFrame) -> bool:
    """True when dominance orders every pair of alternatives one way or the other: the ranking holds for any
    non-negative weights."""
    either = pairs.assign(key=[tuple(sorted(p)) for p in zip(pairs["a"], pairs["b"], strict=True)])
    return bool(either.groupby("key")["dominates"].any().all())


def batch_entropy_copras(matrices: np.ndarray, is_cost: np.ndarray) -> np.ndarray:
    """Entropy weights and COPRAS U for a batch of raw matrices (k x m x n) -> U (k x m)."""
    d = entropy_divergence(matrices)
    w = d / d.sum(axis=-1, keepdims=True)
    v = matrices / matrices.sum(axis=1, keepdims=True) * w[:, None, :]
    return q_and_utility(v[..., ~is_cost].sum(-1), v[..., is_cost].sum(-1), bool(is_cost.any()))[1]


def cells_to_matrix(cells: pd.DataFrame, alternatives, codes):
    """The map that sums a comparison's year-cells into its matrix, as a sparse matrix: one row per cell, one
    column per entry of the alternatives x indicators matrix (row-major), 1 where the cell belongs (held dense,
    it grew with cells x entries: 230 MB at 30 ports x 40 indicators x 20 years)."""
    from scipy.sparse import csr_array

    n = len(codes)
    row = cells["alternative"].map({a: i for i, a in enumerate(alternatives)}).to_numpy()
    col = cells["indicator"].map({c: j for j, c in enumerate(codes)}).to_numpy()
    return csr_array((np.ones(len(cells)), (np.arange(len(cells)), row * n + col)), shape=(len(cells), len(alternatives) * n))


DRAW_BATCH = 256  # rows of cell values summed into matrices at once: memory of a batch, not of every draw


def cell_ranks(values, to_matrix, shape, is_cost) -> np.ndarray:
    """Ranks (batch x m) of the comparisons that the rows of ``values`` (batch x cells) sum into, with entropy
    weights recomputed for each; callers pass at most DRAW_BATCH rows."""
    matrices = (np.atleast_2d(values) @ to_matrix).reshape(-1, *shape)
    return rank_descending(batch_entropy_copras(matrices, is_cost), "ordinal")


def _one_at_a_time(values, errors, to_matrix, shape, is_cost):
    """Ranks with each cell alone at the low end of its range (first block of rows) and then at the high end:
    built DRAW_BATCH cells at a time (the whole cells x cells table grew with the square of the cells: 9 GB at
    24,000 cells)."""
    parts = {}
    for side, factor in (("low", 1 - errors), ("high", 1 + errors)):
        ranks = []
        for i in range(0, len(values), DRAW_BATCH):
            k = np.arange(i, min(i + DRAW_BATCH, len(values)))
            rows = np.tile(values, (len(k), 1))
            rows[np.arange(len(k)), k] = values[k] * factor[k]
            ranks.append(cell_ranks(rows, to_matrix, shape, is_cost))
        parts[side] = np.concatenate(ranks) if ranks else np.zeros((0, shape[0]), dtype=int)
    return parts["low"], parts["high"]


def status_uncertainty(cells: pd.DataFrame, alternatives, codes, types, factors: np.ndarray) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Data uncertainty by cell: the ranks when every year-cell is multiplied by its factor of each draw
    (``factors``, draws x cells: :func:`draw_factors`), and the drivers, the cells that alone move a rank when set
    to either end of their range ``[1 - error, 1 + error]``.

    ``cells``: alternative, indicator, value, error, label (one row per year-cell, summed into the comparison's
    matrix). Returns (per alternative: baseline rank, probability its rank changes, rank range; drivers: cell,
    alternative, rank at the low and the high end).
    """
    shape = (len(alternatives), len(codes))
    to_matrix = cells_to_matrix(cells, alternatives, codes)
    values, errors = cells["value"].to_numpy(dtype=float), cells["error"].to_numpy(dtype=float)
    is_cost = np.asarray(types) == -1
    base = cell_ranks(values, to_matrix, shape, is_cost)[0]
    ranks = np.concatenate(
        [cell_ranks(factors[i : i + DRAW_BATCH] * values, to_matrix, shape, is_cost) for i in range(0, len(factors), DRAW_BATCH)]
    )
    summary = pd.DataFrame(
        {
            "alternative": list(alternatives),
            "baseline_rank": base,
            "p_rank_changed": (ranks != base).mean(axis=0),
            "p_first": (ranks == 1).mean(axis=0),
            "rank_min": ranks.min(axis=0),
            "rank_max": ranks.max(axis=0),
        }
    )
    low, high = _one_at_a_time(values, errors, to_matrix, shape, is_cost)
    moved = (low != base) | (high != base)
    c, i = np.nonzero(moved)
    drivers = pd.DataFrame(
        {
            "cell": cells["label"].to_numpy()[c],
            "error": errors[c],
            "alternative": np.asarray(alternatives, dtype=object)[i],
            "baseline_rank": base[i],
            "rank_at_low_end": low[c, i],
            "rank_at_high_end": high[c, i],
        }
    )
    return summary, drivers


def year_cells(imputed: pd.DataFrame, study: dict, catalogue, codes) -> pd.DataFrame:
    """The study's year-cells of the indicators ``codes`` with their filled values and the alternative each belongs
    to, in the study's order (the same order whatever the imputation that filled them)."""
    from .study import study_cells, with_alternative

    cells = study_cells(study, catalogue)
    return with_alternative(cells[cells["indicator"].isin(codes)].merge(imputed, on=["entity", "indicator", "year"]), study)


def comparison_cells(imputed, breaks, study: dict, comparison: str, codes, catalogue, errors, usable, residuals=None):
    """The year-cells of one comparison with their error model.

    ``class``: observed, interpolated or extrapolated by distance from the nearest usable observation of the
    series (:func:`porteval.error_model.cell_class`), or ``level break`` for a cell from one observation of a break
    to the other; ``pool``: the calibration residuals its error is drawn from (``residuals``: class, indicator,
    residual; :func:`porteval.error_model.calibration_residuals`): its own indicator's of its class where they are at
    least MIN_CASES, else the class's over every indicator (``all``) where those are, else none (``uncalibrated``:
    its error is the configured one of its status, ``errors``; a level-break cell always, with the larger of that
    and the level-break error); ``error``: the pool's 90th percentile of absolute residuals, or the configured
    error; ``group``: the cells that share one error draw, filled from the same two observations (an observed cell
    is its own group).
    Columns: alternative, entity, indicator, year, value, status, class, pool, error, group, label.
    """
    from .catalogue import study_window

    cells = year_cells(imputed, study, catalogue, codes)
    if comparison != study_window(study):
        cells = cells[cells["year"] == int(comparison)]
    observed_years = usable.groupby(["entity", "indicator"])["year"].apply(lambda y: np.unique(y.to_numpy()))
    series_years = [observed_years.get((r.entity, r.indicator), np.array([r.year])) for r in cells.itertuples()]
    distance = [int(np.abs(o - r.year).min()) for o, r in zip(series_years, cells.itertuples(), strict=True)]
    classes = [cell_class(st, d) for st, d in zip(cells["status"], distance, strict=True)]
    pools = calibration_pools(classes, cells["indicator"], residuals)
    sizes = {k: float(pool_residuals(residuals, k).abs().quantile(0.9)) for k in set(filter(None, pools))}
    error = np.array([sizes[k] if k else errors[st] for k, st in zip(pools, cells["status"], strict=True)])
    near = np.zeros(len(cells), dtype=bool)
    for b in breaks.itertuples():
        near |= (
            (cells["entity"] == b.entity) & (cells["indicator"] == b.indicator) & cells["year"].between(b.year_before, b.year)
        ).to_numpy()
    cells["class"] = np.where(near, LEVEL_BREAK, classes)
    cells["pool"] = ["uncalibrated" if nb or k is None else f"{k[0]} / {k[1]}" for k, nb in zip(pools, near, strict=True)]
    cells["error"] = np.where(near, np.maximum(error, errors["level_break"]), error)
    cells["group"] = [
        f"{r.entity} {r.indicator} {r.year}"
        if r.status == "observed"
        else f"{r.entity} {r.indicator} from {'/'.join(map(str, anchors(r.year, o)))}"
        for r, o in zip(cells.itertuples(), series_years, strict=True)
    ]
    cells["label"] = [
        f"{r.entity} {r.indicator} {r.year} ({r.status}{', level break' if nb else ''})"
        for r, nb in zip(cells.itertuples(), near, strict=True)
    ]
    columns = ["alternative", "entity", "indicator", "year", "value", "status", "class", "pool", "error", "group", "label"]
    return cells[columns].reset_index(drop=True)


def draw_factors(cells: pd.DataFrame, residuals: pd.DataFrame | None, draws: int, seed: int) -> np.ndarray:
    """Multiplicative factors (draws x cells) that take each filled or observed value to a draw of the truth.

    The residuals are measured as r = filled / true - 1 (:func:`porteval.error_model.calibration_residuals`), so the truth is
    filled / (1 + r): a cell with a calibration pool gets ``1 / (1 + r)``, r drawn from its pool
    (:func:`comparison_cells`); an uncalibrated one a factor uniform in ``[1 - error, 1 + error]``. The cells of one
    ``group`` (filled from the same two observations) share one uniform draw u per draw, each reading it through
    its own pool's quantiles (or its own range): their errors move together, as errors of one fill do. Drawn
    DRAW_BATCH draws at a time, so that memory holds the factors and one batch, not several draws x cells arrays."""
    rng = np.random.default_rng(seed)
    _, index = np.unique(cells["group"].to_numpy(dtype=str), return_inverse=True)
    error = cells["error"].to_numpy(dtype=float)
    pools = {}
    if residuals is not None:
        for pool in sorted(set(cells["pool"]) - {"uncalibrated"}):
            values = np.sort(pool_residuals(residuals, tuple(pool.split(" / "))).to_numpy(dtype=float))
            pools[pool] = (np.flatnonzero((cells["pool"] == pool).to_numpy()), values)
    factors = np.empty((draws, len(cells)))
    for start in range(0, draws, DRAW_BATCH):
        u = rng.random((min(DRAW_BATCH, draws - start), index.max() + 1 if index.size else 0))[:, index]
        block = 1 - error + 2 * error * u
        for idx, values in pools.values():
            r = values[np.minimum((u[:, idx] * values.size).astype(int), values.size - 1)]  # the empirical quantile of u
            block[:, idx] = 1 / (1 + r)
        factors[start : start + len(block)] = block
    return factors


BREAK_READINGS = ("on the earlier source's level", "on the later source's level")


def break_imputations(usable: pd.DataFrame, imputed: pd.DataFrame, breaks: pd.DataFrame, imputation: dict):
    """Each level break read as a change of definition only: the series' *observations* on one side of the break
    rescaled to the other side's level (from the break on by before / after, "on the earlier source's level"; up
    to it by after / before, "on the later source's level"), and the series imputed again from them, so that a
    filled cell follows its observations. Yields (break label, reading, the study's imputed cells with that
    series replaced). A bound: part of a break may be a real change.

    ``usable``: the usable observations; ``imputed``: the study's filled cells (entity, indicator, year, value,
    status); ``imputation``: the config's imputation settings (method, min_observed, max_extrapolation).
    """
    from .impute import impute_observations

    for b in breaks.itertuples():
        in_series = (imputed["entity"] == b.entity) & (imputed["indicator"] == b.indicator)
        obs = usable[(usable["entity"] == b.entity) & (usable["indicator"] == b.indicator)]
        label = f"{b.entity} {b.indicator} {b.year_before}->{b.year} ({100 * b.change:+.1f}%)"
        sides = (obs["year"] >= b.year, obs["year"] <= b.year_before)
        factors = (b.value_before / b.value, b.value / b.value_before)
        for reading, side, factor in zip(BREAK_READINGS, sides, factors, strict=True):
            if not side.any():
                continue
            rescaled = obs.assign(value=np.where(side, obs["value"] * factor, obs["value"]))
            grid = imputed.loc[in_series, ["entity", "indicator", "year"]]
            again = impute_observations(
                rescaled, grid, imputation["method"], imputation["min_observed"], imputation["max_extrapolation"]
            ).set_index("year")["value"]
            out = imputed.copy()
            out.loc[in_series, "value"] = again.reindex(grid["year"]).to_numpy()
            yield label, reading, out


def cells_and_readings(inputs: dict, study: dict, comparison: str, codes, catalogue, errors, imputation):
    """A comparison's year-cells with their error class (:func:`comparison_cells`) and the same cells under each
    level-break reading (:func:`break_imputations`): (cells, [(break, reading, cells), ...]). ``inputs``: usable
    observations, the study's imputed cells, its breaks and the calibration residuals, and optionally the
    ``readings`` break_imputations gives for them (the same for every comparison of a study: made once)."""
    usable, imputed, breaks, residuals = inputs["usable"], inputs["imputed"], inputs["breaks"], inputs["residuals"]
    imputed_readings = inputs.get("readings")  # the study's, when its comparisons share them
    if imputed_readings is None:
        imputed_readings = break_imputations(usable, imputed, breaks, imputation)
    base = comparison_cells(imputed, breaks, study, comparison, codes, catalogue, errors, usable, residuals)
    keys = ["entity", "indicator", "year"]

    def with_values(again):
        """The base cells with a reading's values: a reading changes one series' values, never a cell's status,
        so its class, error and label are the base cell's (finding them again for every reading took seconds)."""
        values = base[keys].merge(again[[*keys, "value"]], on=keys, how="left", validate="many_to_one")["value"]
        return base.assign(value=values.to_numpy())

    return base, [(label, reading, with_values(again)) for label, reading, again in imputed_readings]


def break_scenarios(base: pd.DataFrame, scenarios, alternatives, codes, types) -> pd.DataFrame:
    """Ranks of one comparison under each level-break reading. ``base``: the comparison's cells
    (:func:`comparison_cells`); ``scenarios``: (break, reading, cells in the same order) from
    :func:`break_imputations`. Rows: break, scenario, alternative, baseline_rank, rank."""
    is_cost = np.asarray(types) == -1
    shape, to_matrix = (len(alternatives), len(codes)), cells_to_matrix(base, alternatives, codes)

    def ranks_of(cells):
        return cell_ranks(cells["value"].to_numpy(dtype=float), to_matrix, shape, is_cost)[0]

    baseline = ranks_of(base)
    rows = []
    for label, reading, cells in scenarios:
        ranks = ranks_of(cells)
        rows += [
            {"break": label, "scenario": reading, "alternative": a, "baseline_rank": baseline[i], "rank": ranks[i]}
            for i, a in enumerate(alternatives)
        ]
    return pd.DataFrame(rows, columns=["break", "scenario", "alternative", "baseline_rank", "rank"])


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
    base = rank_descending(copras(matrix, entropy_weights(matrix), types).utility, "average")
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
        ranks = rank_descending(copras(sub, w, np.asarray(types)[keep]).utility, "average")
        rows += [
            {
                "kind": kind,
                "left_out": name,
                "alternative": i,
                "baseline_rank": base[i],
                "rank": r,
                "moved": bool(r != base[i]),
                "spearman": spearman(base, ranks),
            }
            for i, r in enumerate(ranks)
        ]
    return pd.DataFrame(rows)


WORSE = 0.9  # a dominated alternative: every benefit value times WORSE, every cost value divided by it


def rank_reversal(matrix, types, alternatives) -> pd.DataFrame:
    """Rank reversal tests of one comparison (Wang & Triantaphyllou 2008; Aires & Ferreira 2019), each with the
    entropy weights and the sum-normalisation recomputed on the new set of alternatives:

    - ``leave out``: one alternative removed; does the order of the others change?
    - ``add copy``: a copy of one alternative added; does the order of the originals change?
    - ``add dominated``: a copy of one alternative made worse on every indicator (benefits x WORSE, costs / WORSE)
      added; does the order of the originals change?

    Rows: test, alternative, order_before and order_after (the originals that remain, best first, names joined by
    " > "), reordered, best_changed.
    """
    x = np.asarray(matrix, dtype=float)
    cost = np.asarray(types) == -1
    names = np.asarray(alternatives, dtype=object)

    def order(data, keep):
        u = copras(data, entropy_weights(data), types).utility[: len(keep)]
        return list(names[keep][np.argsort(-u, kind="stable")])

    everyone = np.arange(len(names))
    before = order(x, everyone)
    rows = []
    for i, name in enumerate(names):
        others = everyone[everyone != i]
        worse = np.where(cost, x[i] / WORSE, x[i] * WORSE)
        cases = (("leave out", x[others], others), ("add copy", np.vstack([x, x[i]]), everyone))
        cases += (("add dominated", np.vstack([x, worse]), everyone),)
        for test, data, keep in cases:
            if len(data) < 2:
                continue
            try:
                after = order(data, keep)
            except ValueError:  # e.g. every indicator constant once an alternative is removed
                continue
            kept = [a for a in before if a in after]
            rows.append(
                {
                    "test": test,
                    "alternative": name,
                    "order_before": " > ".join(kept),
                    "order_after": " > ".join(after),
                    "reordered": after != kept,
                    "best_changed": after[0] != kept[0],
                }
            )
    return pd.DataFrame(rows, columns=["test", "alternative", "order_before", "order_after", "reordered", "best_changed"])


def method_ranks(matrix, weights, types, names) -> pd.DataFrame:
    """Ranks of the alternatives by each method with the same weights; ties share their average rank, and
    VIKOR's compromise set shares the first places (:func:`porteval.methods.vikor_ranks`)."""
    return pd.DataFrame(
        {
            name: vikor_ranks(matrix, weights, types)
            if name == "VIKOR"
            else rank_descending(METHODS[name].score(matrix, weights, types), "average")
            for name in names
        }
    )


def vikor_table(matrix, weights, types) -> pd.DataFrame:
    """VIKOR's S, R, Q per alternative, with both acceptance conditions and the compromise set."""
    s, r, q = vikor_scores(matrix, weights, types)
    result = vikor_compromise(s, r, q)
    return pd.DataFrame(
        {
            "alternative": range(len(q)),
            "S": s,
            "R": r,
            "Q": q,
            "dq": result["dq"],
            "c1_acceptable_advantage": result["c1"],
            "c2_acceptable_stability": result["c2"],
            "in_compromise_set": result["compromise"],
        }
    )


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


# A best alternative counts as robust when it keeps first place in at least this share of the draws or cases of
# every analysis. A convention, stated, not a law: SMAA's rank acceptability under uniform weights is a
# no-preference benchmark (Lahdelma, Hokkanen & Salminen 1998), and 0.9 is this project's line on it and the rest.
HOLDS_FIRST = 0.9
FIXED, ROBUST, FRAGILE, BORDERLINE = "fixed by dominance", "robust", "fragile", "borderline"
# The analyses a result is asked to survive, in the order the verdicts and the claims name them; the ranking's best
# is also asked to stay first by the other methods.
ANALYSES = (
    "uniform weights",
    "Dirichlet weights",
    "data",
    "level breaks",
    "leave one indicator out",
    "leave one alternative out",
)
BEST_FIRST = (*ANALYSES, "other methods")
# Analyses that sample (their share has a Monte Carlo error); the others enumerate every case (exact shares).
SAMPLED = ("uniform weights", "Dirichlet weights", "data")
Z95 = 1.959963984540054  # the normal quantile of a two-sided 95 % interval


def p_column(analysis: str) -> str:
    return "p_best_first_" + analysis.lower().replace(" ", "_")


def interval(p, n, sampled: bool = True) -> tuple[float, float]:
    """The 95 % interval of a share ``p`` of ``n`` cases: Wilson's score interval (Wilson 1927) for a share of
    random draws, which stays inside [0, 1] and is not empty at p = 0 or 1; the share itself for an exact share
    over every case (nothing was sampled). NaN without cases."""
    if not n or pd.isna(p):
        return np.nan, np.nan
    if not sampled:
        return float(p), float(p)
    centre = (p + Z95**2 / (2 * n)) / (1 + Z95**2 / n)
    half = Z95 / (1 + Z95**2 / n) * np.sqrt(p * (1 - p) / n + Z95**2 / (4 * n**2))
    return float(max(centre - half, 0.0)), float(min(centre + half, 1.0))


def threshold_verdict(intervals, threshold: float = HOLDS_FIRST) -> str:
    """Robust when every interval lies at or above the threshold, fragile when one lies wholly below it,
    borderline when one straddles it (its share is on neither side); ``intervals``: (low, high) pairs, NaN ones
    skipped."""
    known = [(lo, hi) for lo, hi in intervals if not (pd.isna(lo) or pd.isna(hi))]
    if any(hi < threshold for _, hi in known):
        return FRAGILE
    if any(lo < threshold for lo, _ in known):
        return BORDERLINE
    return ROBUST


def _share(flags) -> float:
    flags = np.asarray(flags, dtype=float)
    return float(flags.mean()) if flags.size else np.nan


def best_first_probabilities(best: str, tables: dict[str, pd.DataFrame], draws: dict[str, int]) -> dict[str, tuple]:
    """(P(the best alternative stays first), cases) under each analysis whose table is present: the share of weight
    draws, of data draws pooled over every imputation method (each method the same number of draws), of
    level-break readings, of indicators left out, of *other* alternatives left out, of methods. ``draws``: the
    draws of each sampled analysis per method (uniform and Dirichlet weights, data)."""
    p = {}
    if "rank_acceptability" in tables:
        acc = tables["rank_acceptability"]
        for sampling, analysis in (("uniform", "uniform weights"), ("dirichlet", "Dirichlet weights")):
            hit = acc[(acc["sampling"] == sampling) & (acc["alternative"] == best) & (acc["rank"] == 1)]["probability"]
            p[analysis] = (float(hit.iloc[0]) if len(hit) else np.nan, draws.get(analysis, 0))
    if "data_uncertainty" in tables:
        data = tables["data_uncertainty"]
        first = data.loc[data["alternative"] == best, "p_first"]
        p["data"] = (float(first.mean()), draws.get("data", 0) * len(first))
    if "break_scenarios" in tables:
        sc = tables["break_scenarios"]
        flags = sc.loc[sc["alternative"] == best, "rank"] == 1
        p["level breaks"] = (_share(flags), len(flags))
    if "leave_out" in tables:
        lo = tables["leave_out"]
        flags = lo.loc[(lo["kind"] == "indicator") & (lo["alternative"] == best), "rank"] == 1
        p["leave one indicator out"] = (_share(flags), len(flags))
    if "rank_reversal" in tables:
        rr = tables["rank_reversal"]
        flags = ~rr.loc[(rr["test"] == "leave out") & (rr["alternative"] != best), "best_changed"].astype(bool)
        p["leave one alternative out"] = (_share(flags), len(flags))
    if "method_ranks" in tables:
        ranks = tables["method_ranks"].set_index("alternative").drop(columns=["study", "comparison"], errors="ignore")
        flags = ranks.loc[best] == ranks.min()
        p["other methods"] = (_share(flags), len(flags))
    return p


def sampled_draws(settings: dict) -> dict[str, int]:
    """The draws of each sampled analysis (per imputation method for the data), from the config's robustness
    settings."""
    return {
        "uniform weights": settings["smaa"]["draws"],
        "Dirichlet weights": settings["smaa"]["draws"],
        "data": settings["data"]["draws"],
    }


REORDERINGS = (("leave out", "rank_reversals"), ("add copy", "copies_reordering"), ("add dominated", "dominated_reordering"))


def comparison_verdict(best: str, tables: dict[str, pd.DataFrame], draws: dict[str, int], weights: pd.Series) -> dict:
    """What is robust in one comparison, and why, as numbers first: P(best first) under each analysis present, with
    its cases and 95 % interval (:func:`best_first_probabilities`, :func:`interval`), the rank reversals, the
    effective number of indicators (1 / sum w^2) and the best alternative without the heaviest indicator.
    ``tables``: the comparison's robustness tables by name (any may be absent); ``draws``: see
    :func:`best_first_probabilities`; ``weights``: its weights by indicator.

    Two verdicts, for two questions. ``verdict_first``, the leader: ``robust`` when every analysis's interval lies
    at or above HOLDS_FIRST, ``fragile`` when one lies below it, ``borderline`` when one straddles it.
    ``verdict_order``, the whole order: ``fragile`` when leaving an alternative out, adding a copy or adding a
    dominated copy reorders the others (a rank reversal), ``robust`` otherwise. Both are ``fixed by dominance`` when
    dominance orders every pair (no weights can change the ranking). ``why`` is written from the row's own numbers
    (:func:`verdict_sentence`).
    """
    out = {"best": best}
    if "dominance" in tables:
        dom = tables["dominance"]
        out["dominance_relations"] = int(dom["dominates"].sum())
        out["pairs"] = len(dom) // 2
        out["ranking_fixed_by_dominance"] = bool(dom["ranking_fixed_by_dominance"].iloc[0])
    p = best_first_probabilities(best, tables, draws)
    for a in BEST_FIRST:
        if a in p:
            share, cases = p[a]
            low, high = interval(share, cases, a in SAMPLED)
            col = p_column(a)
            out.update({col: share, f"{col}_low": low, f"{col}_high": high, col.replace("p_", "n_", 1): cases})
    if "rank_reversal" in tables:
        rr = tables["rank_reversal"]
        for test, column in REORDERINGS:
            part = rr[(rr["test"] == test) & rr["reordered"].astype(bool)]
            out[column] = len(part)
            out[f"{column}_by"] = ", ".join(part["alternative"])
    w = weights.to_numpy(dtype=float)
    out["effective_indicators"] = float(1 / (w**2).sum())
    out["heaviest_indicator"] = weights.idxmax()
    out["heaviest_weight"] = float(weights.max())
    if "leave_out" in tables:
        lo = tables["leave_out"]
        without = lo[(lo["kind"] == "indicator") & (lo["left_out"] == out["heaviest_indicator"])]
        out["best_without_heaviest"] = " ".join(without.loc[without["rank"] == 1, "alternative"]) if len(without) else ""
    if "data_uncertainty" in tables:
        data = tables["data_uncertainty"]
        out["max_p_rank_changed_data"] = float(data["p_rank_changed"].max())
    if "vikor" in tables:
        vik = tables["vikor"]
        out["vikor_compromise_set"] = " ".join(map(str, vik.loc[vik["in_compromise_set"], "alternative"]))
    if out.get("ranking_fixed_by_dominance"):
        out["verdict_first"] = out["verdict_order"] = FIXED
    else:
        col = [p_column(a) for a in BEST_FIRST if a in p]
        out["verdict_first"] = threshold_verdict([(out[f"{c}_low"], out[f"{c}_high"]) for c in col])
        out["verdict_order"] = FRAGILE if any(out.get(c, 0) for _, c in REORDERINGS) else ROBUST
    out["why"] = verdict_sentence(out)
    return out


def verdict_sentence(row: dict) -> str:
    """The verdicts' reasons in words, from the numbers of its own row only (a test holds each sentence to them)."""
    if row.get("ranking_fixed_by_dominance"):
        return "every pair is ordered by dominance: no weights can change the ranking"
    parts = []
    shares = [a for a in BEST_FIRST if p_column(a) in row and not pd.isna(row[p_column(a)])]
    if shares:

        def share(a):
            c = p_column(a)
            if a in SAMPLED and not pd.isna(row.get(f"{c}_low")):
                return f"{row[c]:.1%} {a} ({row[f'{c}_low']:.1%}–{row[f'{c}_high']:.1%})"
            return f"{row[c]:.0%} {a}"

        parts.append(
            f"{row['best']} stays first in: {', '.join(share(a) for a in shares)} "
            f"(threshold {HOLDS_FIRST:.0%}; 95% intervals of the sampled shares)"
        )
    reorders = [(c, t) for t, c in REORDERINGS if row.get(c)]
    if reorders:
        listed = "; ".join(f"{t}: {row[c]} ({row[f'{c}_by']})" for c, t in reorders)
        parts.append(f"the order of the others changes with {listed}")
    if "dominance_relations" in row and row["dominance_relations"]:
        parts.append(f"{row['dominance_relations']} of {row['pairs']} pairs are ordered by dominance")
    if "effective_indicators" in row:
        parts.append(
            f"{row['effective_indicators']:.1f} effective indicators; {row['heaviest_indicator']} carries "
            f"{row['heaviest_weight']:.0%} of the weight"
            + (f", and without it {row['best_without_heaviest']} is first" if row.get("best_without_heaviest") else "")
        )
    return "; ".join(parts)

"""porteval.robustness: batched computations agree with the one-at-a-time maths, and the summaries are distributions."""

import warnings

import numpy as np
import pandas as pd
import pytest

from porteval import robustness as rb
from porteval.mcda import ConstantIndicatorWarning, copras, entropy_weights, rank_descending, sum_normalize

RNG = np.random.default_rng(7)
X = RNG.uniform(1, 100, (6, 5))
TYPES = np.array([1, 1, -1, 1, -1])
W = entropy_weights(X)


def test_batched_copras_equals_copras_for_every_draw():
    draws = rb.sample_weights(np.random.default_rng(0), W, 50, None)
    utilities = rb.copras_utilities(sum_normalize(X), draws, TYPES == -1)
    for k in range(0, 50, 7):
        np.testing.assert_allclose(utilities[k], copras(X, draws[k], TYPES).utility, rtol=1e-12)


def test_batched_entropy_copras_equals_the_maths_api():
    stack = X[None] * np.random.default_rng(1).uniform(0.9, 1.1, (5, *X.shape))
    batch = rb.batch_entropy_copras(stack, TYPES == -1)
    for k in range(5):
        np.testing.assert_allclose(batch[k], copras(stack[k], entropy_weights(stack[k]), TYPES).utility, rtol=1e-12)


def test_sampled_weights_lie_on_the_simplex_and_keep_zero_weights_at_zero():
    centre = np.array([0.5, 0.0, 0.3, 0.2])
    for conc in (None, 50.0):
        w = rb.sample_weights(np.random.default_rng(2), centre, 1000, conc)
        np.testing.assert_allclose(w.sum(axis=1), 1)
        assert (w[:, 1] == 0).all() and (w >= 0).all()
    near = rb.sample_weights(np.random.default_rng(3), centre, 1000, 1e6)
    np.testing.assert_allclose(near.mean(axis=0), centre, atol=1e-3)


def _probabilities(acc):
    return acc.assign(probability=acc["count"] / acc["draws"])


def test_rank_acceptability_is_a_doubly_stochastic_matrix():
    acc, central = rb.smaa(X, W, TYPES, 4000, 100, seed=4)
    for _, part in _probabilities(acc).groupby("sampling"):
        table = part.pivot(index="alternative", columns="rank", values="probability")
        np.testing.assert_allclose(table.sum(axis=1), 1)
        np.testing.assert_allclose(table.sum(axis=0), 1)
    firsts = central.dropna().groupby(["sampling", "alternative"])["weight"].sum()
    np.testing.assert_allclose(firsts, 1)


def test_with_a_huge_concentration_the_baseline_ranking_is_certain():
    acc, _ = rb.smaa(X, W, TYPES, 2000, 1e9, seed=5)
    base = copras(X, W, TYPES).rank
    dirichlet = _probabilities(acc[acc["sampling"] == "dirichlet"])
    for i, r in enumerate(base):
        assert dirichlet[(dirichlet.alternative == i) & (dirichlet["rank"] == r)]["probability"].item() == pytest.approx(1)


def _cells(errors):
    """The cells of X as a comparison's year-cells (one per matrix entry)."""
    rows = [(i, f"I{j}", X[i, j]) for i in range(X.shape[0]) for j in range(X.shape[1])]
    cells = pd.DataFrame(rows, columns=["alternative", "indicator", "value"])
    return cells.assign(error=errors, label=[f"{a} {c}" for a, c, _ in rows])


def test_no_error_means_no_rank_change_and_no_driver():
    codes = [f"I{j}" for j in range(X.shape[1])]
    summary, drivers = rb.status_uncertainty(_cells(0.0), range(6), codes, TYPES, 100, seed=6)
    assert (summary["p_rank_changed"] == 0).all() and drivers.empty
    noisy, _ = rb.status_uncertainty(_cells(0.5), range(6), codes, TYPES, 500, seed=6)
    assert noisy["p_rank_changed"].gt(0).any()


def test_only_cells_with_an_error_can_drive_a_rank_change():
    codes = [f"I{j}" for j in range(X.shape[1])]
    errors = np.zeros(X.size)
    errors[7] = 0.9  # one cell, with a large error
    summary, drivers = rb.status_uncertainty(_cells(errors), range(6), codes, TYPES, 300, seed=8)
    assert set(drivers["cell"]) <= {_cells(errors)["label"][7]}


def test_a_break_read_as_a_change_of_definition_can_reorder_the_alternatives():
    cells = pd.DataFrame(
        {
            "alternative": ["A", "A", "B", "B"],
            "entity": ["A", "A", "B", "B"],
            "indicator": ["C21", "C22", "C21", "C22"],
            "year": [2018, 2018, 2018, 2018],
            "value": [130.0, 50.0, 100.0, 60.0],
        }
    )
    breaks = pd.DataFrame(
        [
            {
                "entity": "A",
                "indicator": "C21",
                "year_before": 2017,
                "year": 2018,
                "value_before": 80.0,
                "value": 130.0,
                "change": 0.625,
            }
        ]
    )
    out = rb.break_scenarios(cells, breaks, ["A", "B"], ["C21", "C22"], [1, 1]).set_index(["scenario", "alternative"])
    assert out.loc[("on the earlier source's level", "A"), "baseline_rank"] == 1
    assert out.loc[("on the earlier source's level", "A"), "rank"] == 2  # 130 -> 80: A falls behind B
    assert ("on the later source's level", "A") not in out.index  # nothing of the comparison lies before 2018


def test_minmax_entropy_input_reverses_cost_indicators():
    z = rb.entropy_input(X, TYPES, "minmax")
    assert z.min() == 0 and z.max() == 1
    assert z[np.argmin(X[:, 2]), 2] == 1  # the lowest cost is the best
    np.testing.assert_allclose(rb.entropy_input(X, TYPES, "reciprocal")[:, 2], 1 / X[:, 2])
    with pytest.raises(ValueError, match="unknown entropy input"):
        rb.entropy_input(X, TYPES, "log")


def test_leaving_out_a_constant_indicator_moves_nothing():
    x = np.column_stack([X, np.full(6, 3.0)])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConstantIndicatorWarning)
        out = rb.leave_out(x, np.append(TYPES, 1), ["A", "B", "C", "D", "E", "K"], dict(zip("ABCDEK", "XXYYZK", strict=True)))
    assert not out[out["left_out"] == "K"]["moved"].any()
    assert set(out["kind"]) == {"indicator", "subsystem"}


def test_method_agreement_has_a_unit_diagonal():
    ranks = rb.method_ranks(X, W, TYPES, ["COPRAS", "TOPSIS", "VIKOR"])
    agreement = rb.agreement(ranks)
    diagonal = agreement[agreement.method_a == agreement.method_b]
    assert (diagonal[["spearman", "rw", "ws"]] == 1).all().all()


@pytest.mark.parametrize("chunks", [2, 3, 7])
def test_smaa_does_not_depend_on_how_the_draws_are_split(chunks):
    """Each draw's weights come from the seed and the draw's index (issue #13), so any split gives one result."""
    one = rb.merge_smaa(*[[part] for part in rb.smaa(X, W, TYPES, 2500, 100, seed=9)])
    parts = [rb.smaa(X, W, TYPES, 2500, 100, seed=9, chunk=c, chunks=chunks) for c in range(chunks)]
    split = rb.merge_smaa([p[0] for p in parts], [p[1] for p in parts])
    pd.testing.assert_frame_equal(one[0], split[0])
    np.testing.assert_allclose(one[1]["weight"], split[1]["weight"], rtol=1e-12)
    assert (split[1].drop_duplicates(["sampling", "alternative"]).groupby("sampling")["n_first"].sum() == 2500).all()


def test_a_dominated_alternative_never_outranks_its_dominator_under_any_sampled_weights():
    x = RNG.uniform(1, 100, (7, 5))
    x[3] = x[1] * np.where(TYPES == 1, 0.97, 1.03)  # 1 dominates 3, on every indicator in its direction
    pairs = rb.dominance(x, TYPES)
    assert pairs.query("dominates")[["a", "b"]].values.tolist() == [[1, 3]]
    assert not rb.fixed_by_dominance(pairs)
    for concentration in (None, 5.0):
        w = rb.sample_weights(np.random.default_rng(10), entropy_weights(x), 20000, concentration)
        ranks = rank_descending(rb.copras_utilities(sum_normalize(x), w, TYPES == -1), "ordinal")
        assert (ranks[:, 1] < ranks[:, 3]).all()


def test_a_chain_of_dominance_fixes_the_ranking():
    x = np.array([[1.0, 5.0], [2.0, 4.0], [3.0, 3.0]])
    assert rb.fixed_by_dominance(rb.dominance(x, [1, -1]))
    assert not rb.fixed_by_dominance(rb.dominance(x, [1, 1]))

"""porteval.robustness: batched computations agree with the one-at-a-time maths, and the summaries are distributions."""

import warnings

import numpy as np
import pytest

from porteval import robustness as rb
from porteval.mcda import ConstantIndicatorWarning, copras, entropy_weights, sum_normalize

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


def test_rank_acceptability_is_a_doubly_stochastic_matrix():
    acc, central = rb.smaa(X, W, TYPES, 4000, 100, seed=4)
    for _, part in acc.groupby("sampling"):
        table = part.pivot(index="alternative", columns="rank", values="probability")
        np.testing.assert_allclose(table.sum(axis=1), 1)
        np.testing.assert_allclose(table.sum(axis=0), 1)
    firsts = central.dropna().groupby(["sampling", "alternative"])["weight"].sum()
    np.testing.assert_allclose(firsts, 1)


def test_with_a_huge_concentration_the_baseline_ranking_is_certain():
    acc, _ = rb.smaa(X, W, TYPES, 2000, 1e9, seed=5)
    base = copras(X, W, TYPES).rank
    dirichlet = acc[acc["sampling"] == "dirichlet"]
    for i, r in enumerate(base):
        assert dirichlet[(dirichlet.alternative == i) & (dirichlet["rank"] == r)]["probability"].item() == pytest.approx(1)


def test_no_perturbation_means_no_rank_change():
    base = copras(X, W, TYPES).rank
    out = rb.data_uncertainty({"linear": X}, base, TYPES, 0.0, 100, seed=6)
    assert (out["p_rank_changed"] == 0).all()
    noisy = rb.data_uncertainty({"linear": X}, base, TYPES, 0.5, 500, seed=6)
    assert noisy["p_rank_changed"].gt(0).any()


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


def test_smaa_chunks_merge_into_one_distribution():
    parts = [rb.smaa(X, W, TYPES, 4000, 100, seed=9, chunk=c, chunks=4) for c in range(4)]
    acc, central = rb.merge_smaa([p[0] for p in parts], [p[1] for p in parts])
    for _, part in acc.groupby("sampling"):
        table = part.pivot(index="alternative", columns="rank", values="probability")
        np.testing.assert_allclose(table.sum(axis=1), 1)
        np.testing.assert_allclose(table.sum(axis=0), 1)
    firsts = central.drop_duplicates(["sampling", "alternative"]).groupby("sampling")["n_first"].sum()
    assert (firsts == 4000).all()  # every draw has exactly one first-ranked alternative
    single = rb.smaa(X, W, TYPES, 4000, 100, seed=9)
    merged_single = rb.merge_smaa([single[0]], [single[1]])[0]
    np.testing.assert_allclose(merged_single["probability"], single[0]["probability"])

"""porteval.robustness: batched computations agree with the one-at-a-time maths, and the summaries are distributions."""

import warnings

import numpy as np
import pandas as pd
import pytest

from porteval import error_model as em
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
    labels = [f"{a} {c}" for a, c, _ in rows]
    return cells.assign(error=errors, label=labels, group=labels, pool="uncalibrated", **{"class": "observed"})


def _uncertainty(cells, draws, seed, residuals=None):
    codes = [f"I{j}" for j in range(X.shape[1])]
    return rb.status_uncertainty(cells, range(6), codes, TYPES, rb.draw_factors(cells, residuals, draws, seed))


def test_no_error_means_no_rank_change_and_no_driver():
    summary, drivers = _uncertainty(_cells(0.0), 100, 6)
    assert (summary["p_rank_changed"] == 0).all() and drivers.empty
    noisy, _ = _uncertainty(_cells(0.5), 500, 6)
    assert noisy["p_rank_changed"].gt(0).any()


def test_a_pool_with_enough_residuals_is_drawn_from_and_a_thin_one_falls_back_to_its_error():
    exact = pd.DataFrame({"class": "observed", "indicator": "I1", "residual": [0.0] * em.MIN_CASES})
    thin = exact.head(em.MIN_CASES - 1)
    assert em.calibration_pools(["observed"], ["I1"], exact) == [("observed", "I1")]
    assert em.calibration_pools(["observed"], ["I2"], exact) == [("observed", em.POOLED)]  # the class over all
    assert em.calibration_pools(["observed"], ["I1"], thin) == [None]
    assert em.calibration_pools(["interpolated 1"], ["I1"], exact) == [None]
    cells = _cells(0.5)
    assert (rb.draw_factors(cells.assign(pool="observed / I1"), exact, 50, 1) == 1).all()  # the residuals, not the band
    factors = rb.draw_factors(cells, thin, 50, 1)  # uncalibrated: uniform within the error
    assert factors.min() >= 0.5 and factors.max() <= 1.5 and (factors != 1).all()


def test_the_truth_is_the_filled_value_divided_by_one_plus_the_residual():
    """r = filled / true - 1: a fill that ran 25 % high (r = 0.25) is drawn back to 0.8 of itself, one that ran
    20 % low (r = -0.2) up to 1.25 of itself; the mirror (1 + r) would push each further the wrong way."""
    heavy = pd.DataFrame({"class": "observed", "indicator": "I0", "residual": [0.25, -0.2] * em.MIN_CASES})
    factors = rb.draw_factors(_cells(0.0).assign(pool="observed / I0"), heavy, 200, 1)
    assert set(np.round(factors.ravel(), 6)) == {0.8, 1.25}


def test_cells_filled_from_the_same_observations_share_one_error_draw():
    cells = _cells(0.3).assign(group=["same"] * 2 + [f"own {k}" for k in range(X.size - 2)])
    factors = rb.draw_factors(cells, None, 500, 2)
    np.testing.assert_array_equal(factors[:, 0], factors[:, 1])
    assert np.corrcoef(factors[:, 2], factors[:, 3])[0, 1] < 0.2  # independent groups
    residuals = pd.DataFrame({"class": "c", "indicator": em.POOLED, "residual": np.linspace(-0.2, 0.3, 40)})
    # Two cells of one group with different pools read the same quantile of each: they move together.
    mixed = cells.assign(pool=["c / all", "uncalibrated", *["uncalibrated"] * (X.size - 2)])
    f = rb.draw_factors(mixed, residuals, 500, 2)
    assert np.corrcoef(f[:, 0], f[:, 1])[0, 1] < -0.9  # a high r (low truth) with a high uniform factor


def test_calibration_measures_interpolation_and_extrapolation_by_distance():
    years = np.arange(2010, 2021)
    obs = pd.DataFrame({"entity": "P", "indicator": "C21", "year": years, "value": 100.0 + 10 * (years - 2010)}).assign(
        qualifier="exact", reason="series source", decision="kept"
    )
    residuals = em.calibration_residuals(obs)
    assert set(residuals["class"]) == {"interpolated 1", "interpolated 2", "interpolated 3", "extrapolated 1", "extrapolated 2"}
    assert residuals["residual"].abs().max() < 1e-12  # a straight line is filled back exactly
    curved = obs.assign(value=100.0 * 1.3 ** (years - 2010))
    table = em.error_calibration(em.calibration_residuals(curved))
    assert set(table["indicator"]) == {em.POOLED, "C21"}
    sizes = table[table["indicator"] == em.POOLED].set_index("class")["median"]
    assert em.calibration_residuals(None).empty  # no dossier: every cell moves within its configured error
    assert sizes["extrapolated 2"] > sizes["extrapolated 1"] > sizes["interpolated 1"] > 0


def test_only_cells_with_an_error_can_drive_a_rank_change():
    errors = np.zeros(X.size)
    errors[7] = 0.9  # one cell, with a large error
    summary, drivers = _uncertainty(_cells(errors), 300, 8)
    assert set(drivers["cell"]) <= {_cells(errors)["label"][7]}


IMPUTATION = {"method": "linear", "min_observed": 2, "max_extrapolation": 2}


def _series(entity, values: dict, source="s"):
    return pd.DataFrame(
        {"entity": entity, "indicator": "C63", "year": list(values), "value": list(values.values()), "source_id": source}
    )


def _sea_rail_break():
    """A series observed in 2014, 2016 and 2019 (with a break 2016 -> 2019), imputed over 2014-2020."""
    from porteval.impute import impute_observations

    usable = _series("P", {2014: 10.0, 2016: 12.0, 2019: 40.0})
    grid = pd.DataFrame({"entity": "P", "indicator": "C63", "year": range(2014, 2021)})
    imputed = impute_observations(usable, grid, **IMPUTATION)
    breaks = pd.DataFrame(
        [
            {
                "entity": "P",
                "indicator": "C63",
                "year_before": 2016,
                "year": 2019,
                "value_before": 12.0,
                "value": 40.0,
                "change": 2.33,
            }
        ]
    )
    return usable, imputed, breaks


def test_a_break_reading_rescales_the_observations_and_the_filled_cells_follow_them():
    usable, imputed, breaks = _sea_rail_break()
    readings = {r: out.set_index("year")["value"] for _, r, out in rb.break_imputations(usable, imputed, breaks, IMPUTATION)}
    earlier, later = readings[rb.BREAK_READINGS[0]], readings[rb.BREAK_READINGS[1]]
    # On the earlier level 2019 becomes 12, and the interpolated 2017-2018 follow it (12), instead of keeping the
    # 21.3 and 30.7 filled between 12 and 40, which built a false peak when only 2019-2020 were scaled.
    assert earlier[2019] == pytest.approx(12.0)
    assert earlier[[2017, 2018]].tolist() == pytest.approx([12.0, 12.0])
    assert imputed.set_index("year").loc[2017, "value"] == pytest.approx(12 + 28 / 3)
    # On the later level 2016 becomes 40 and 2017-2018 lie between 40 and 40, not scaled up to 71 and 102.
    assert later[2016] == pytest.approx(40.0)
    assert later[[2017, 2018]].tolist() == pytest.approx([40.0, 40.0])
    assert (np.diff(earlier.to_numpy()) >= -1e-9).all() and (np.diff(later.to_numpy()) >= -1e-9).all()


def test_a_break_read_as_a_change_of_definition_can_reorder_the_alternatives():
    usable, imputed, breaks = _sea_rail_break()
    q = _series("Q", {2020: 30.0}).assign(status="observed")

    def in_2020(cells):  # the 2020 comparison of P (the series with the break) and Q (30)
        return pd.concat([cells, q])[lambda c: c["year"] == 2020].assign(alternative=lambda c: c["entity"]).reset_index()

    readings = [(label, r, in_2020(out)) for label, r, out in rb.break_imputations(usable, imputed, breaks, IMPUTATION)]
    out = rb.break_scenarios(in_2020(imputed), readings, ["P", "Q"], ["C63"], [1]).set_index(["scenario", "alternative"])
    assert out.loc[(rb.BREAK_READINGS[0], "P"), "baseline_rank"] == 1  # 2020: P extrapolated to about 49, Q 30
    assert out.loc[(rb.BREAK_READINGS[0], "P"), "rank"] == 2  # on the earlier level P is 12: behind Q
    assert out.loc[(rb.BREAK_READINGS[1], "P"), "rank"] == 1  # on the later level P stays at 40


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


REVERSAL = np.array([[84.0, 93.0], [43.0, 25.0], [83.0, 15.0]])  # A > B > C; without A, C is ahead of B


def test_leaving_an_alternative_out_can_reorder_the_others_and_the_test_says_which():
    out = rb.rank_reversal(REVERSAL, [1, 1], ["A", "B", "C"]).set_index(["test", "alternative"])
    assert out.loc[("leave out", "A"), "reordered"] and out.loc[("leave out", "A"), "order_after"] == "C > B"
    assert not out.loc[("leave out", "C"), "reordered"]
    one_indicator = rb.rank_reversal(np.array([[3.0], [2.0], [1.0]]), [1], ["A", "B", "C"])
    assert not one_indicator["reordered"].any()  # a single indicator: every subset keeps its order


def _tables(p_uniform=0.95, reversal=False):
    acc = pd.DataFrame(
        [
            {"sampling": s, "alternative": "A", "rank": 1, "probability": p}
            for s, p in (("uniform", p_uniform), ("dirichlet", 1.0))
        ]
    )
    rr = pd.DataFrame(
        [{"test": "leave out", "alternative": "B", "reordered": reversal, "best_changed": False}]
        + [{"test": "leave out", "alternative": "C", "reordered": False, "best_changed": False}]
    )
    dom = pd.DataFrame({"a": ["A", "B"], "b": ["B", "A"], "dominates": [True, False], "ranking_fixed_by_dominance": False})
    return {"rank_acceptability": acc, "rank_reversal": rr, "dominance": dom}


WEIGHTS = pd.Series({"C21": 0.7, "C22": 0.3})


def _numbers_quoted(sentence: str) -> tuple[list[float], list[float]]:
    import re

    percents = [float(p) for p in re.findall(r"(\d+(?:\.\d+)?)%", sentence)]
    decimals = [float(d) for d in re.findall(r"(?<![\d.])(\d+\.\d+)(?![\d.]*%)", sentence)]
    return percents, decimals


@pytest.mark.parametrize(
    ("p_uniform", "draws", "reversal", "first", "order"),
    [
        (0.95, 10000, False, "robust", "robust"),
        (0.85, 10000, False, "fragile", "robust"),
        (0.95, 10000, True, "robust", "fragile"),
        (0.905, 2000, False, "borderline", "robust"),  # 95 % interval 0.892-0.917 straddles 0.9
        (0.905, 100000, False, "robust", "robust"),  # 0.903-0.907: clear of it
    ],
)
def test_the_verdicts_read_intervals_and_reversals_and_the_sentence_quotes_only_its_row(p_uniform, draws, reversal, first, order):
    draws_of = {"uniform weights": draws, "Dirichlet weights": draws}
    row = rb.comparison_verdict("A", _tables(p_uniform, reversal), draws_of, WEIGHTS)
    assert (row["verdict_first"], row["verdict_order"]) == (first, order)
    assert row["n_best_first_uniform_weights"] == draws
    assert row["p_best_first_uniform_weights_low"] < p_uniform < row["p_best_first_uniform_weights_high"]
    assert row["rank_reversals"] == int(reversal)
    assert row["effective_indicators"] == pytest.approx(1 / (0.7**2 + 0.3**2))
    percents, decimals = _numbers_quoted(row["why"])
    quoted = [v for c, v in row.items() if c.startswith("p_best_first_") or c == "heaviest_weight"]
    shares = {round(100 * v, k) for v in quoted for k in (0, 1)}
    assert percents and set(percents) <= shares | {round(100 * rb.HOLDS_FIRST), 95}  # and "95% intervals"
    assert decimals == [round(row["effective_indicators"], 1)]
    # Moving a number in the row moves the sentence: it is written from the row, not beside it.
    assert rb.verdict_sentence({**row, "p_best_first_uniform_weights": 0.123}) != row["why"]


def test_wilson_interval_of_a_sampled_share_and_none_for_an_exact_one():
    low, high = rb.interval(0.5, 100)
    assert (round(low, 4), round(high, 4)) == (0.4038, 0.5962)  # Wilson (1927); Newcombe (1998), method 3
    assert rb.interval(1.0, 2000)[0] < 1 and rb.interval(1.0, 2000)[1] == pytest.approx(1)  # not empty at the edge
    assert rb.interval(6 / 7, 7, sampled=False) == (6 / 7, 6 / 7)  # every case counted: no sampling error
    assert all(np.isnan(rb.interval(0.5, 0)))
    assert rb.threshold_verdict([(0.91, 0.95), (0.95, 1)]) == rb.ROBUST
    assert rb.threshold_verdict([(0.89, 0.93), (0.95, 1)]) == rb.BORDERLINE
    assert rb.threshold_verdict([(0.89, 0.93), (0.80, 0.85)]) == rb.FRAGILE


def _year_cells(years=3, seed=11):
    """X spread over ``years`` year-cells per matrix entry (their sum is the entry), with errors."""
    rng = np.random.default_rng(seed)
    rows = [
        (i, f"I{j}", X[i, j] * share, 0.3 * rng.random())
        for i in range(X.shape[0])
        for j in range(X.shape[1])
        for share in rng.dirichlet(np.ones(years))
    ]
    cells = pd.DataFrame(rows, columns=["alternative", "indicator", "value", "error"])
    labels = [f"cell {k}" for k in range(len(cells))]
    return cells.assign(label=labels, group=labels, pool="uncalibrated", **{"class": "observed"})


def test_the_data_draws_in_batches_give_what_every_draw_and_cell_at_once_gives(monkeypatch):
    """The draws and the one-cell-at-a-time ends are evaluated a batch at a time (memory of a batch, not of
    cells x cells): any batch size gives the same ranks, and they are those of the matrices summed directly."""
    cells = _year_cells()
    codes = [f"I{j}" for j in range(X.shape[1])]
    factors = rb.draw_factors(cells, None, 40, 3)
    whole = rb.status_uncertainty(cells, range(6), codes, TYPES, factors)
    monkeypatch.setattr(rb, "DRAW_BATCH", 7)  # neither the draws nor the cells a multiple of it
    batched = rb.status_uncertainty(cells, range(6), codes, TYPES, factors)
    for a, b in zip(whole, batched, strict=True):
        pd.testing.assert_frame_equal(a, b)
    matrices = np.zeros((len(factors), *X.shape))  # the direct sum, draw by draw
    for k, r in enumerate(cells.itertuples()):
        matrices[:, r.alternative, int(r.indicator[1:])] += factors[:, k] * r.value
    direct = np.array([copras(m, entropy_weights(m), TYPES).rank for m in matrices])
    base = copras(X, entropy_weights(X), TYPES).rank
    np.testing.assert_array_equal(whole[0]["p_rank_changed"], (direct != base).mean(axis=0))


def test_smaa_in_batches_counts_every_draw_once(monkeypatch):
    one = rb.smaa(X, W, TYPES, 1700, 100, seed=4)
    monkeypatch.setattr(rb, "SMAA_BATCH", rb.SMAA_BLOCK)  # 4 batches, the last one short
    batched = rb.smaa(X, W, TYPES, 1700, 100, seed=4)
    pd.testing.assert_frame_equal(one[0], batched[0])
    np.testing.assert_allclose(one[1]["weight"], batched[1]["weight"], rtol=1e-12)
    assert one[0].groupby("sampling")["count"].sum().eq(1700 * X.shape[0]).all()

"""porteval.mcda against published worked examples, peer libraries, and the properties of the methods."""

import warnings

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from porteval.mcda import ConstantIndicatorWarning, copras, entropy_weights, q_and_utility, rank_descending, sum_normalize

# --- published worked examples: entropy -------------------------------------------------------------


def test_entropy_xu_2004():
    """Xu, X. (2004). A note on the subjective and objective integrated approach to determine attribute
    weights. European Journal of Operational Research 156(2), 530-532. doi:10.1016/S0377-2217(03)00146-2"""
    matrix = [[30, 30, 38, 29], [19, 54, 86, 29], [19, 15, 85, 28.9], [68, 70, 60, 29]]
    np.testing.assert_array_equal(np.round(entropy_weights(matrix), 4), [0.4630, 0.3992, 0.1378, 0.0000])


def test_entropy_zavadskas_podvezko_2016():
    """Zavadskas, E. K., & Podvezko, V. (2016). Integrated determination of objective criteria weights in MCDM.
    International Journal of Information Technology & Decision Making 15(02), 267-283."""
    matrix = [[3.0, 100, 10, 7], [2.5, 80, 8, 5], [1.8, 50, 20, 11], [2.2, 70, 12, 9]]
    np.testing.assert_array_equal(np.round(entropy_weights(matrix), 4), [0.1146, 0.1981, 0.4185, 0.2689])


def test_entropy_lee_chang_2018():
    """Lee, H. C., & Chang, C. T. (2018). Comparative analysis of MCDM methods for ranking renewable energy
    sources in Taiwan. Renewable and Sustainable Energy Reviews 92, 883-896. doi:10.1016/j.rser.2018.05.007"""
    matrix = [
        [4550, 30, 6.74, 20, 15, 5, 85, 150, 0.87, 4.76],
        [3005, 60.86, 2.4, 35, 27, 4, 26, 200, 0.17, 4.51],
        [2040, 14.85, 1.7, 90, 25, 5, 26, 500, 0.27, 4.19],
        [3370, 99.4, 3.25, 25.3, 54, 3, 45, 222, 0.21, 3.78],
        [3920, 112.6, 4.93, 11.4, 71.7, 2, 50, 100, 0.25, 4.11],
    ]
    expected = [0.026, 0.154, 0.089, 0.199, 0.115, 0.04, 0.08, 0.123, 0.172, 0.002]
    np.testing.assert_array_equal(np.round(entropy_weights(matrix), 3), expected)


# --- published worked examples: COPRAS --------------------------------------------------------------


def test_copras_uysal_inan_2022():
    """Uysal, Ö., & İnan, T. (2022). Performance evaluation of research assistants by COPRAS method.
    International Journal of Social Science and Economic Research. Equal weights; C5 (duration) is a cost."""
    matrix = [
        [3.57, 4.00, 4.00, 83.75, 3, 9, 1],
        [3.07, 3.95, 4.00, 83.00, 3, 1, 3],
        [3.23, 3.54, 3.46, 66.00, 4, 0, 2],
        [3.42, 3.96, 4.00, 70.00, 5, 5, 7],
        [2.56, 3.37, 3.79, 82.00, 4, 4, 5],
    ]
    res = copras(matrix, np.full(7, 1 / 7), [1, 1, 1, 1, -1, 1, 1])
    np.testing.assert_allclose(res.utility * 100, [100.0000, 78.8501, 63.3837, 98.6506, 86.8878], atol=1e-4)
    np.testing.assert_array_equal(res.rank, [1, 4, 5, 2, 3])


def test_copras_wieckowski_szyjewski_2022():
    """Więckowski, J., & Szyjewski, Z. (2022). Practical study of selected multi-criteria methods comparison.
    Procedia Computer Science 207, 4565-4573. doi:10.1016/j.procs.2022.09.520 (the last two criteria are costs)."""
    matrix = [
        [3.5, 6.0, 1256.0, 4.0, 16.0, 3.0, 17.3, 8.0, 2.82, 4100.0],
        [3.1, 4.0, 1000.0, 2.0, 8.0, 1.0, 15.6, 5.0, 3.08, 3800.0],
        [3.6, 6.0, 2000.0, 4.0, 16.0, 3.0, 17.3, 5.0, 2.90, 4000.0],
        [3.0, 4.0, 1000.0, 2.0, 8.0, 2.0, 17.3, 5.0, 2.60, 3500.0],
        [3.3, 6.0, 1008.0, 4.0, 12.0, 3.0, 15.6, 8.0, 2.30, 3800.0],
        [3.6, 6.0, 1000.0, 2.0, 16.0, 3.0, 15.6, 5.0, 2.80, 4000.0],
        [3.5, 6.0, 1256.0, 2.0, 16.0, 1.0, 15.6, 6.0, 2.90, 4000.0],
    ]
    weights = [0.297, 0.025, 0.035, 0.076, 0.154, 0.053, 0.104, 0.017, 0.025, 0.214]
    res = copras(matrix, weights, [1] * 8 + [-1, -1])
    np.testing.assert_array_equal(res.rank, [2, 7, 1, 6, 3, 4, 5])


def test_copras_zeng_table4_identity():
    """Zeng et al. (2022) Table 4: Q follows from the published S+ and S- by the simplified formula (docs/method.md).
    The published S+/S- are rounded to 3 decimals, so Q agrees to within that rounding."""
    s_plus = np.array([0.084, 0.075, 0.098, 0.114, 0.143, 0.181, 0.209])
    s_minus = np.array([0.014, 0.019, 0.009, 0.013, 0.014, 0.014, 0.014])
    q = s_plus + s_minus.sum() / (s_minus * (1 / s_minus).sum())
    np.testing.assert_allclose(q, [0.097, 0.084, 0.118, 0.128, 0.156, 0.194, 0.221], atol=2e-3)


# --- defined behaviour at the edges ------------------------------------------------------------------


def test_entropy_zero_is_allowed_with_0ln0():
    """pyrepo-mcda handles zeros as 0 ln 0 = 0 (docs/peer_libraries.md), so it is the oracle here."""
    from pyrepo_mcda import weighting_methods

    matrix = np.array([[5, 3, 8, 0], [7, 4, 6, 3], [6, 5, 7, 4], [9, 2, 5, 5]], dtype=float)
    w = entropy_weights(matrix)
    assert np.isfinite(w).all()
    np.testing.assert_allclose(w, weighting_methods.entropy_weighting(matrix), rtol=1e-12)
    assert w.argmax() == 3  # the column with the zero is the most divergent


def test_entropy_negative_names_the_column():
    with pytest.raises(ValueError, match="'C2'.*negative"):
        entropy_weights([[1, 2], [3, -1]], names=["C1", "C2"])


def test_entropy_constant_indicator_gets_zero_weight_and_a_warning():
    with pytest.warns(ConstantIndicatorWarning, match="'C4'"):
        w = entropy_weights([[5, 3, 8, 2], [7, 4, 6, 2], [6, 5, 7, 2], [9, 2, 5, 2]], names=["C1", "C2", "C3", "C4"])
    np.testing.assert_allclose(w, [0.2589, 0.5773, 0.1638, 0.0], atol=1e-4)


def test_entropy_all_constant_raises():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConstantIndicatorWarning)
        with pytest.raises(ValueError, match="every indicator is constant"):
            entropy_weights([[1, 2], [1, 2]])


def test_copras_without_cost_indicator_is_q_equals_s_plus():
    m = [[5, 3, 8, 2], [7, 4, 6, 3], [6, 5, 7, 4], [9, 2, 5, 5]]
    res = copras(m, [0.25] * 4, [1, 1, 1, 1])
    np.testing.assert_array_equal(res.q, res.benefit)
    np.testing.assert_allclose(res.utility, [0.7494, 0.8728, 1.0, 0.9042], atol=1e-4)


def test_copras_only_cost_indicators():
    res = copras([[5, 3, 8, 2], [7, 4, 6, 3], [6, 5, 7, 4], [9, 2, 5, 5]], [0.25] * 4, [-1, -1, -1, -1])
    np.testing.assert_allclose(res.utility, [1, 0.8586, 0.7494, 0.8288], atol=1e-4)


def test_copras_one_cost_indicator():
    res = copras([[5, 3, 8, 2], [7, 4, 6, 3], [6, 5, 7, 4], [9, 2, 5, 5]], [0.25] * 4, [1, 1, 1, -1])
    np.testing.assert_allclose(res.utility, [1, 0.9441, 0.9513, 0.7516], atol=1e-4)


def test_copras_zero_cost_sum_names_the_alternative():
    with pytest.raises(ValueError, match="'2016' has S- = 0"):
        copras([[5, 0], [7, 3], [6, 4]], [0.5, 0.5], [1, -1], alternatives=["2016", "2017", "2018"])


def test_sum_normalize_rejects_missing_values():
    with pytest.raises(ValueError, match="'C1'.*missing"):
        sum_normalize([[1.0], [np.nan]], names=["C1"])


def test_rank_ties_share_the_best_rank():
    np.testing.assert_array_equal(rank_descending([0.5, 1.0, 0.5, 0.2]), [2, 1, 2, 4])


# --- cross-check against correct peer libraries (test-only dependencies) -----------------------------


@pytest.mark.parametrize("seed", range(5))
def test_matches_pyrepo_mcda(seed):
    from pyrepo_mcda import weighting_methods
    from pyrepo_mcda.mcda_methods import COPRAS

    rng = np.random.default_rng(seed)
    matrix = rng.uniform(1, 100, (7, 19))
    types = np.ones(19, dtype=int)
    types[[14, 15]] = -1  # C61, C62 are the paper's cost indicators
    w = entropy_weights(matrix)
    np.testing.assert_allclose(w, weighting_methods.entropy_weighting(matrix), rtol=1e-12)
    np.testing.assert_allclose(copras(matrix, w, types).utility, COPRAS()(matrix, w, types), rtol=1e-12)


@pytest.mark.parametrize("seed", range(5))
def test_matches_scikit_criteria(seed):
    import skcriteria
    from skcriteria.agg.copras import COPRAS
    from skcriteria.preprocessing.scalers import SumScaler

    rng = np.random.default_rng(100 + seed)
    matrix = rng.uniform(1, 100, (9, 6))
    types = np.array([1, 1, -1, 1, -1, 1])
    w = entropy_weights(matrix)
    dm = skcriteria.mkdm(matrix, [max if t == 1 else min for t in types], weights=w)
    result = COPRAS().evaluate(SumScaler(target="matrix").transform(dm))
    np.testing.assert_allclose(copras(matrix, w, types).utility * 100, result.e_.score, rtol=1e-10)
    np.testing.assert_array_equal(copras(matrix, w, types).rank, result.rank_)


# --- properties ---------------------------------------------------------------------------------------

positive_matrices = st.integers(2, 8).flatmap(
    lambda m: st.integers(2, 6).flatmap(
        lambda n: arrays(np.float64, (m, n), elements=st.floats(0.5, 1e4, allow_nan=False, allow_infinity=False))
    )
)


def _types(n):
    return np.array([-1 if j % 3 == 2 else 1 for j in range(n)])


@settings(max_examples=200, deadline=None)
@given(positive_matrices)
def test_weights_are_a_distribution(matrix):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConstantIndicatorWarning)
        try:
            w = entropy_weights(matrix)
        except ValueError:  # only a (numerically) all-constant matrix may refuse
            assert (np.ptp(matrix, axis=0) <= 1e-6 * matrix.max()).all()
            return
    assert np.all(w >= 0)
    assert w.sum() == pytest.approx(1.0)


@settings(max_examples=200, deadline=None)
@given(positive_matrices, st.floats(0.01, 100))
def test_utility_unchanged_when_weights_are_scaled(matrix, factor):
    n = matrix.shape[1]
    w = np.linspace(1, 2, n)
    a = copras(matrix, w, _types(n)).utility
    b = copras(matrix, w * factor, _types(n)).utility
    np.testing.assert_allclose(a, b, rtol=1e-9)


@settings(max_examples=200, deadline=None)
@given(positive_matrices, st.randoms(use_true_random=False))
def test_permuting_alternatives_permutes_results(matrix, rnd):
    n = matrix.shape[1]
    perm = list(range(matrix.shape[0]))
    rnd.shuffle(perm)
    w = np.linspace(1, 2, n)
    base = copras(matrix, w, _types(n))
    shuffled = copras(matrix[perm], w, _types(n))
    np.testing.assert_allclose(shuffled.utility, base.utility[perm], rtol=1e-9)
    assume((np.ptp(matrix, axis=0) > 1e-6).any())  # (near-)constant data has no entropy weights (tested above)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConstantIndicatorWarning)
        # atol: a weight near 0 is a difference of near-equal sums, whose order changes with the permutation
        # (Hypothesis found 1.3e-12); 1e-10 is still seven orders below the three decimals the paper prints
        np.testing.assert_allclose(entropy_weights(matrix[perm]), entropy_weights(matrix), rtol=1e-9, atol=1e-10)


@settings(max_examples=200, deadline=None)
@given(positive_matrices, st.integers(0, 7), st.floats(1.01, 10))
def test_raising_a_cost_value_never_raises_utility(matrix, row, factor):
    n = matrix.shape[1]
    row %= matrix.shape[0]
    types = np.array([-1] + [1] * (n - 1))
    w = np.linspace(1, 2, n)
    before = copras(matrix, w, types)
    raised = matrix.copy()
    raised[row, 0] *= factor
    after = copras(raised, w, types)
    assert after.q[row] <= before.q[row] * (1 + 1e-12)
    assert after.utility[row] <= before.utility[row] * (1 + 1e-12)


@settings(max_examples=200, deadline=None)
@given(arrays(np.float64, st.integers(1, 30), elements=st.sampled_from([0.0, 1.0, 2.5, 2.5, 7.0, 1e6])))
def test_ranks_and_xlogx_match_scipy(scores):
    from scipy.special import xlogy
    from scipy.stats import rankdata

    from porteval.mcda import xlogx

    np.testing.assert_array_equal(rank_descending(scores), rankdata(-scores, method="min"))
    np.testing.assert_array_equal(xlogx(scores), xlogy(scores, scores))


def test_q_is_right_when_one_s_minus_is_so_small_that_its_reciprocal_overflows():
    """Q_i = S+_i + sum(S-) / (S-_i * sum(1/S-)): with S- = (1e-310, 1, 2), 1/S- overflows a float, yet
    Q_1 = 3 / (1 + 1.5e-310) = 3 and Q_2 = 3 / (1e310 + 1.5) ~ 3e-310 (computed as sum(S-) r / sum(r), r = min S- / S-)."""
    q, utility = q_and_utility(np.zeros(3), np.array([1e-310, 1.0, 2.0]), has_cost=True)
    assert q[0] == pytest.approx(3.0, rel=1e-12) and q[1] == pytest.approx(3e-310, rel=1e-6)
    assert utility[0] == 1.0


def test_a_column_summing_below_the_smallest_normal_float_is_refused_by_name():
    """w / total would overflow: the refusal names the column and the reason, not "every Q is 0"."""
    with pytest.raises(ValueError, match=r"'C11' sums to [0-9.]+e-320, too small for floating point"):
        copras(np.array([[1e-320, 5.0], [2e-320, 6.0]]), [0.5, 0.5], [1, 1], names=["C11", "C21"])

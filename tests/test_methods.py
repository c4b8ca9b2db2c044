"""porteval.methods against published worked examples and pyrepo-mcda."""

from pathlib import Path

import numpy as np
import pytest

from porteval import methods
from porteval.mcda import rank_descending

ERSOY = np.array(
    [
        [256, 8, 41, 1.6, 1.77, 7347.16],
        [256, 8, 32, 1.0, 1.8, 6919.99],
        [256, 8, 53, 1.6, 1.9, 8400],
        [256, 8, 41, 1.0, 1.75, 6808.9],
        [512, 8, 35, 1.6, 1.7, 8479.99],
        [256, 4, 35, 1.6, 1.7, 7499.99],
    ]
)
ERSOY_W = np.array([0.405, 0.221, 0.134, 0.199, 0.007, 0.034])
ERSOY_T = np.array([1, 1, 1, 1, -1, -1])


def test_topsis_ersoy_2021():
    """Ersoy, Y. (2021). Equipment selection for an e-commerce company using entropy-based TOPSIS, EDAS and
    CODAS methods during the COVID-19. LogForum 17(3). doi:10.17270/J.LOG.2021.603"""
    np.testing.assert_allclose(methods.topsis(ERSOY, ERSOY_W, ERSOY_T), [0.308, 0.254, 0.327, 0.263, 0.857, 0.192], atol=5e-3)


def test_edas_ersoy_2021():
    """Ersoy (2021), as above: EDAS appraisal scores."""
    np.testing.assert_allclose(methods.edas(ERSOY, ERSOY_W, ERSOY_T), [0.414, 0.130, 0.461, 0.212, 0.944, 0.043], atol=5e-4)


def test_vikor_papathanasiou_ploskas_2018():
    """Papathanasiou, J., & Ploskas, N. (2018). VIKOR. In Multiple Criteria Decision Aid, pp. 31-55. Springer."""
    matrix = [[8, 7, 2, 1], [5, 3, 7, 5], [7, 5, 6, 4], [9, 9, 7, 3], [11, 10, 3, 7], [6, 9, 5, 4]]
    q = -methods.vikor(matrix, [0.4, 0.3, 0.1, 0.2], [1, 1, 1, 1], v=0.625)
    np.testing.assert_allclose(q, [0.640, 1.000, 0.693, 0.271, 0.000, 0.694], atol=5e-4)


def test_waspas_tus_aytac_adali_2019():
    """Tuş, A., & Aytaç Adalı, E. (2019). The new combination with CRITIC and WASPAS methods for the time and
    attendance software selection problem. Opsearch 56(2), 528-538 (CRITIC weights as published, 3 decimals)."""
    matrix = [[5000, 3, 3, 4, 3, 2], [680, 5, 3, 2, 2, 1], [2000, 3, 2, 3, 4, 3], [600, 4, 3, 1, 2, 2], [800, 2, 4, 3, 3, 4]]
    weights = [0.157, 0.249, 0.168, 0.121, 0.154, 0.151]
    scores = methods.waspas(matrix, weights, [-1, 1, 1, 1, 1, 1])
    np.testing.assert_allclose(scores, [0.5622, 0.6575, 0.6192, 0.6409, 0.722], atol=2e-3)
    np.testing.assert_array_equal(rank_descending(scores), [5, 2, 4, 3, 1])


@pytest.mark.parametrize("seed", range(4))
def test_methods_match_pyrepo_mcda(seed):
    from pyrepo_mcda import normalizations as norms
    from pyrepo_mcda.mcda_methods import EDAS, TOPSIS, VIKOR, WASPAS

    rng = np.random.default_rng(seed)
    x = rng.uniform(1, 100, (9, 6))
    t = np.array([1, -1, 1, 1, -1, 1])
    w = rng.dirichlet(np.ones(6))
    np.testing.assert_allclose(methods.topsis(x, w, t), TOPSIS(normalization_method=norms.vector_normalization)(x, w, t))
    np.testing.assert_allclose(-methods.vikor(x, w, t), VIKOR()(x, w, t))
    np.testing.assert_allclose(methods.edas(x, w, t), EDAS()(x, w, t))
    np.testing.assert_allclose(methods.waspas(x, w, t), WASPAS(normalization_method=norms.linear_normalization)(x, w, t))


def test_rank_correlations_match_pyrepo_mcda():
    from pyrepo_mcda import correlations

    a, b = np.array([1, 2, 3, 4, 5]), np.array([2, 1, 3, 5, 4])
    assert methods.weighted_spearman(a, b) == pytest.approx(correlations.weighted_spearman(a, b))
    assert methods.ws_coefficient(a, b) == pytest.approx(correlations.WS_coeff(a, b))
    assert methods.spearman(a, b) == pytest.approx(0.8)
    assert methods.ws_coefficient(a, a) == 1 and methods.weighted_spearman(a, a) == 1


def test_vikor_ignores_a_constant_indicator():
    x = np.array([[1.0, 5.0], [2.0, 5.0], [3.0, 5.0]])
    np.testing.assert_array_equal(rank_descending(methods.vikor(x, [0.5, 0.5], [1, 1])), [3, 2, 1])


def test_vikor_conditions_on_the_published_example():
    """Papathanasiou & Ploskas (2018) example (Q published above). Step 5 of Opricovic & Tzeng (2004), EJOR 156,
    445-455: C1 acceptable advantage Q(A2) - Q(A1) >= DQ = 1/(m - 1); C2 acceptable stability, A1 also best by S
    or R; compromise set {A1} if both hold, {A1, A2} if only C2 fails, A1..AM with Q(AM) - Q(A1) < DQ if C1 fails."""
    matrix = [[8, 7, 2, 1], [5, 3, 7, 5], [7, 5, 6, 4], [9, 9, 7, 3], [11, 10, 3, 7], [6, 9, 5, 4]]
    s, r, q = methods.vikor_scores(matrix, [0.4, 0.3, 0.1, 0.2], [1, 1, 1, 1], v=0.625)
    result = methods.vikor_compromise(s, r, q)
    assert result["dq"] == pytest.approx(0.2)
    assert result["c1"]  # published Q: 0.271 (A4) - 0.000 (A5) >= 0.2
    assert result["c2"] and s.argmin() == 4  # A5 is also best by S
    assert list(np.flatnonzero(result["compromise"])) == [4]


def test_vikor_compromise_set_when_a_condition_fails():
    q = np.array([0.0, 0.1, 0.15, 0.6, 1.0])  # DQ = 0.25: A2 and A3 are within it
    both = methods.vikor_compromise(s=[0.1, 0.2, 0.3, 0.4, 0.5], r=[0.1, 0.2, 0.3, 0.4, 0.5], q=q)
    assert not both["c1"] and list(np.flatnonzero(both["compromise"])) == [0, 1, 2]
    q2 = np.array([0.0, 0.5, 0.7, 0.9, 1.0])
    unstable = methods.vikor_compromise(s=[0.3, 0.2, 0.4, 0.5, 0.6], r=[0.3, 0.1, 0.4, 0.5, 0.6], q=q2)
    assert unstable["c1"] and not unstable["c2"] and list(np.flatnonzero(unstable["compromise"])) == [0, 1]
    ranks = rank_descending(np.where(both["compromise"], np.inf, -q), "average")
    np.testing.assert_allclose(ranks, [2, 2, 2, 4, 5])  # the compromise set shares the first places


def test_spearman_uses_average_ranks_for_ties():
    """Spearman's rho with ties: the Pearson correlation of average ranks (Kendall 1948, Rank Correlation Methods),
    which is scipy.stats.spearmanr."""
    from scipy.stats import spearmanr

    a, b = [3.0, 1.0, 3.0, 2.0, 5.0], [1.0, 2.0, 3.0, 4.0, 5.0]
    np.testing.assert_allclose(rank_descending(a, "average"), [2.5, 5, 2.5, 4, 1])
    rho = methods.spearman(rank_descending(a, "average"), rank_descending(b, "average"))
    assert rho == pytest.approx(spearmanr(a, b).statistic)


def test_one_ranking_function_for_every_tie_rule():
    """rank_descending serves the paper's competition ranks, average ranks and ordinal ranks of draws alike
    (checked against scipy.stats.rankdata)."""
    from scipy.stats import rankdata

    scores = np.random.default_rng(1).integers(0, 4, (50, 7)).astype(float)
    for ties, method in (("min", "min"), ("average", "average"), ("ordinal", "ordinal")):
        expected = np.apply_along_axis(lambda row, m=method: rankdata(-row, method=m), 1, scores)
        np.testing.assert_array_equal(rank_descending(scores, ties), expected)


def methods_table() -> str:
    """docs/robustness.md's table of the methods, as porteval.methods.METHODS gives it."""
    rows = [
        f"| {name} | {m.source} | {'yes' if m.utility else 'no: ' + m.not_in_multiverse} |" for name, m in methods.METHODS.items()
    ]
    return "\n".join(["| method | what it is | in the multiverse |", "|---|---|---|", *rows])


def test_the_documented_methods_are_the_tables():
    """The doc's table is made from the code's (paste the expected text from the message when a method changes)."""
    doc = (Path(__file__).parents[1] / "docs/robustness.md").read_text(encoding="utf-8")
    assert methods_table() in doc, f"docs/robustness.md should hold:\n{methods_table()}"

"""porteval.multiverse: each choice against its definition (the package's own methods, pyrepo-mcda's weights), the
specifications enumerated, undefined cases left undefined, and the deciding choice read from the shares."""

import numpy as np
import pandas as pd
import pytest
from pyrepo_mcda import weighting_methods as pyrepo_weights

from porteval import methods as mt
from porteval import multiverse as mv
from porteval.claim_draws import choice_shares, deciding_choice, multiverse_answers
from porteval.claim_kinds import CLAIM_KINDS
from porteval.impute import fill_series
from porteval.mcda import copras

RNG = np.random.default_rng(3)
X = RNG.uniform(1, 50, (6, 4))
COST = np.array([False, True, False, True])
TYPES = np.where(COST, -1, 1)
W = np.array([0.4, 0.1, 0.3, 0.2])


def _scaled(score):
    return score / score.max()


@pytest.mark.parametrize(
    ("method", "normalisation", "reference"),
    [
        ("COPRAS", "sum", lambda: copras(X, W, TYPES).utility),  # the paper's method on the paper's normalisation
        ("TOPSIS", "vector", lambda: _scaled(mt.topsis(X, W, TYPES))),
        ("VIKOR", "sum", lambda: _scaled(1 - mt.vikor_scores(X, W, TYPES)[2])),
        ("VIKOR", "minmax", lambda: _scaled(1 - mt.vikor_scores(X, W, TYPES)[2])),  # VIKOR ignores a linear rescaling
        ("EDAS", "sum", lambda: _scaled(mt.edas(X, W, TYPES))),
        ("WASPAS", "max", lambda: _scaled(mt.waspas(X, W, TYPES))),
    ],
)
def test_each_method_on_its_own_normalisation_is_the_packages_method(method, normalisation, reference):
    u = mv.utilities(mv.normalise(X, normalisation), W, COST, method)
    np.testing.assert_allclose(u, reference(), rtol=1e-10)
    assert u.max() == pytest.approx(1)


def test_the_normalisation_changes_what_a_method_gives_where_it_should():
    by_norm = {n: mv.utilities(mv.normalise(X, n), W, COST, "TOPSIS") for n in mv.NORMALISATIONS}
    assert not np.allclose(by_norm["sum"], by_norm["minmax"])
    for n in mv.NORMALISATIONS:
        r = mv.normalise(X, n)
        assert (np.argsort(r, axis=0) == np.argsort(X, axis=0)).all()  # every scheme keeps each column's order


def test_critic_and_std_weights_are_pyrepo_mcdas_on_a_benefit_matrix():
    benefit = np.zeros(4, dtype=bool)
    np.testing.assert_allclose(mv.weights(X, "CRITIC", benefit), pyrepo_weights.critic_weighting(X), rtol=1e-10)
    minmax = (X - X.min(axis=0)) / np.ptp(X, axis=0)  # the std method reads scale-free columns
    np.testing.assert_allclose(mv.weights(X, "std", benefit), pyrepo_weights.std_weighting(minmax), rtol=1e-10)
    # A cost column is reversed before its spread and correlations (its correlations change sign): CRITIC of the
    # matrix with cost columns reversed, which differs from treating them as benefits.
    reversed_ = np.where(COST, X.max(axis=0) - X, X)
    np.testing.assert_allclose(mv.weights(X, "CRITIC", COST), pyrepo_weights.critic_weighting(reversed_), rtol=1e-10)
    assert not np.allclose(mv.weights(X, "CRITIC", COST), mv.weights(X, "CRITIC", benefit))


def test_weights_are_batched_and_published_ones_renormalised():
    stack = np.stack([X, X * RNG.uniform(0.9, 1.1, X.shape)])
    for scheme in ("entropy", "equal", "CRITIC", "std"):
        w = mv.weights(stack, scheme, COST)
        np.testing.assert_allclose(w.sum(axis=-1), 1)
        np.testing.assert_allclose(w[0], mv.weights(X, scheme, COST))
    np.testing.assert_allclose(mv.weights(X, "published", COST, np.array([2.0, 1, 1, 0])), [0.5, 0.25, 0.25, 0])
    assert np.isnan(mv.weights(X, "published", COST)).all()


def test_the_specifications_put_the_papers_first_and_drop_published_weights_without_them():
    settings = {
        "imputations": ["nearest", "linear"],
        "normalisations": ["vector", "sum"],
        "weightings": ["equal", "entropy", "published"],
        "methods": ["TOPSIS", "COPRAS"],
    }
    specs = mv.specifications(settings, published=True)
    assert len(specs) == 2 * 2 * 3 * 2 and list(specs["spec"]) == list(range(len(specs)))
    assert specs.iloc[0][list(mv.CHOICES)].to_dict() == mv.PAPER_SPEC
    assert "published" not in set(mv.specifications(settings, published=False)["weighting"])


def test_an_imputation_that_cannot_fill_leaves_its_specifications_undefined():
    specs = mv.specifications(
        {"imputations": ["linear", "nearest"], "normalisations": ["sum"], "weightings": ["equal"], "methods": ["COPRAS"]}, False
    )
    out = mv.comparison_utilities({"linear": X, "nearest": None}, specs, COST, ["A", "A", "B", "B"])
    assert set(out) == {"overall", "A", "B"}
    assert np.isfinite(out["overall"][0]).all() and np.isnan(out["overall"][1]).all()
    # A subsystem's utility uses its own indicators with the weights restricted to them.
    only_a = mv.utilities(mv.normalise(X[:, :2], "sum"), np.array([0.5, 0.5]), COST[:2], "COPRAS")
    np.testing.assert_allclose(out["A"][0], only_a)


def test_log_linear_imputation_fills_constant_growth_exactly_and_refuses_zeros():
    years = np.arange(2010, 2016)
    values, status = fill_series(years, [2011, 2013], [100.0, 121.0], "loglinear")
    np.testing.assert_allclose(values, 100 * 1.1 ** (years - 2011))
    assert list(status) == ["extrapolated", "observed", "interpolated", "observed", "extrapolated", "extrapolated"]
    with pytest.raises(ValueError, match="positive"):
        fill_series(years, [2011, 2013], [0.0, 121.0], "loglinear")


def _table(utilities: dict[str, list[list[float]]], specs: pd.DataFrame) -> pd.DataFrame:
    """A multiverse table of one comparison "w" over alternatives a, b: {scope: per spec [u_a, u_b]}."""
    frames = [
        specs.assign(comparison="w", scope=scope).join(pd.DataFrame(u, columns=["a", "b"])) for scope, u in utilities.items()
    ]
    return pd.concat(frames, ignore_index=True)


def test_claims_across_the_multiverse_and_the_choice_that_decides():
    specs = mv.specifications(
        {
            "imputations": ["linear"],
            "normalisations": ["sum"],
            "weightings": ["entropy", "equal"],
            "methods": ["COPRAS", "TOPSIS"],
        },
        False,
    )  # entropy-COPRAS, entropy-TOPSIS, equal-COPRAS, equal-TOPSIS
    table = _table({"overall": [[1, 0.5], [1, 0.6], [0.7, 1], [0.8, 1]]}, specs)
    above = {"id": "a_above_b", "rows": ["overall"], "test": {"kind": "pairs", "pairs": [["a", "b"]]}}
    level = {"id": "a_high", "rows": ["overall"], "test": {"kind": "mean_above", "level": 0.6}}
    assert CLAIM_KINDS["mean_above"].level
    answers = multiverse_answers([above, level], table, "w", ["a", "b"])
    assert list(answers.columns) == ["claim", "normalisation", "weighting", "imputation", "method", "holds"]
    assert list(answers.loc[answers["claim"] == "a_above_b", "holds"]) == [1, 1, 0, 0]
    assert answers.loc[answers["claim"] == "a_high", "holds"].isna().tolist() == [False, True, False, True]
    shares = choice_shares(answers)
    assert deciding_choice(shares, "a_above_b") == "weighting: entropy 100%, equal 0%"
    flat = _table({"overall": [[1, 0.5]] * 4}, specs)
    assert deciding_choice(choice_shares(multiverse_answers([above], flat, "w", ["a", "b"])), "a_above_b") == "no choice"

"""porteval.restrict and the like-for-like decision: the paper's own index restricted to the indicators a test of
ours uses, on a small hand-made paper whose restriction flips a claim, and every decision word reached."""

import numpy as np
import pandas as pd
import pytest

from porteval import claims as cl
from porteval import papers, restrict
from porteval.claim_draws import like_for_like

# An invented two-subsystem paper (not real numbers): S1 = {a1} benefit only; S2 = {a2 benefit, c2 cost}.
TINY = {
    "window": [2001, 2002],
    "indicators": {"a1": ["S1", "benefit"], "a2": ["S2", "benefit"], "c2": ["S2", "cost"]},
    "weights": "w",
    "restriction": {"weights": "w", "subsystems": "u", "overall": "o"},
}
# S1's share of its weight 0.500 falls from 2001 to 2002 (u 1 -> 0.5); the whole S+ rises (0.400 -> 0.600), so
# the benefit part of S2 (a2) rises steeply. S- is the same both years, so Q follows S+.
REFERENCE = {
    "w": pd.DataFrame({"indicator": ["a1", "a2", "c2"], "published_weight": ["0.500", "0.300", "0.200"]}),
    "u": pd.DataFrame({"subsystem": ["S1", "S2"], "2001": ["1", "0.200"], "2002": ["0.500", "1"]}),
    "o": pd.DataFrame({"year": ["2001", "2002"], "benefit_value": ["0.400", "0.600"], "cost_value": ["0.100", "0.100"]}),
}
YEARS = ["2001", "2002"]
RISES = {"id": "rises", "rows": ["overall"], "test": {"kind": "pairs", "pairs": [["2002", "2001"]]}}


@pytest.fixture
def tiny(monkeypatch):
    monkeypatch.setitem(papers.PAPERS, "tiny", TINY)
    return restrict.paper_parts("tiny", REFERENCE, 500, 1)


def test_parts_add_up_to_the_printed_overall_table(tiny):
    assert set(tiny.members) == {"S1", "S2 benefit (a2)", restrict.COST_PART}
    s1 = tiny.contributions["S1"][0]
    np.testing.assert_allclose(s1, [0.5 * 1 / 1.5, 0.5 * 0.5 / 1.5])
    np.testing.assert_allclose(s1 + tiny.contributions["S2 benefit (a2)"][0], [0.4, 0.6])


def test_a_restriction_can_flip_a_claim_the_whole_index_supports(tiny, monkeypatch):
    whole = restrict.restricted_values(tiny, ["a1", "a2"], "2001-2002")
    only_s1 = restrict.restricted_values(tiny, ["a1"], "2001-2002")
    assert cl.holds(RISES, whole, "2001-2002", YEARS).mean() == 1  # every rounding: S+ rises
    assert cl.holds(RISES, only_s1, "2001-2002", YEARS).mean() == 0  # S1 alone falls
    assert restrict.describe(tiny, ["a1"]) == "S1"
    monkeypatch.setitem(papers.PAPERS, "tiny", TINY)
    weights = cl.paper_weights("tiny", REFERENCE)
    like = like_for_like(RISES, "tiny", ["a1"], cl.SUPPORTED, tiny, weights, "2001-2002", YEARS, True)
    assert like["paper_restricted"] == cl.CONTRADICTED
    assert like["indicators_used"] == 1 and like["missing_indicators"] == "a2 c2"
    assert like["weight_covered"] == pytest.approx(0.5)
    # Our data on a1 find the fall: explained by the indicators we lack, not a reversal.
    assert cl.decision(cl.SUPPORTED, cl.FAILS, like["paper_restricted"]) == cl.EXPLAINED


def test_a_mixed_subsystem_restricted_to_its_benefit_part_and_whole_with_its_costs(tiny):
    benefit_only = restrict.restricted_values(tiny, ["a2"], "2001-2002")
    years, u = benefit_only[("2001-2002", "S2", "utility")]
    np.testing.assert_allclose(u[0], [(0.4 - 1 / 3) / (0.6 - 1 / 6), 1])
    with_cost = restrict.restricted_values(tiny, ["a2", "c2"], "2001-2002")
    np.testing.assert_allclose(with_cost[("2001-2002", "S2", "utility")][1][0], [0.2, 1])  # as printed
    assert ("2001-2002", "S1", "utility") not in with_cost


def test_no_tables_no_restriction_and_full_coverage_is_the_whole_answer(tiny, monkeypatch):
    monkeypatch.setitem(papers.PAPERS, "tiny", TINY)
    weights = cl.paper_weights("tiny", REFERENCE)
    none = like_for_like(RISES, "tiny", ["a1"], cl.SUPPORTED, None, weights, "2001-2002", YEARS, True)
    assert none["paper_restricted"] == cl.CANNOT_RESTRICT
    assert cl.decision(cl.SUPPORTED, cl.FAILS, none["paper_restricted"]) == cl.PART
    full = like_for_like(RISES, "tiny", ["a1", "a2", "c2"], cl.SUPPORTED, tiny, weights, "2001-2002", YEARS, True)
    assert full["paper_restricted"] == cl.SUPPORTED and full["weight_covered"] == 1
    assert cl.decision(cl.SUPPORTED, cl.FAILS, full["paper_restricted"]) == cl.REVERSED
    untested = like_for_like(RISES, "tiny", [], cl.SUPPORTED, tiny, weights, "2001-2002", YEARS, False)
    assert untested["paper_restricted"] == "" and untested["weight_covered"] == 0


@pytest.mark.parametrize(
    ("paper", "ours", "restricted", "expected"),
    [
        (cl.SUPPORTED, cl.HOLDS, cl.CONTRADICTED, cl.SAME),
        (cl.CONTRADICTED, cl.FAILS, cl.CANNOT_RESTRICT, cl.SAME),
        (cl.SUPPORTED, cl.FAILS, cl.SUPPORTED, cl.REVERSED),
        (cl.CONTRADICTED, cl.HOLDS, cl.CONTRADICTED, cl.REVERSED),
        (cl.SUPPORTED, cl.FAILS, cl.CONTRADICTED, cl.EXPLAINED),
        (cl.SUPPORTED, cl.FAILS, cl.CANNOT_RESTRICT, cl.PART),
        (cl.SUPPORTED, cl.FAILS, cl.ROUNDING, cl.CANNOT_TELL),
        (cl.ROUNDING, cl.HOLDS, cl.SUPPORTED, cl.CANNOT_TELL),
        (cl.SUPPORTED, cl.NEEDS, "", cl.CANNOT_TELL),
    ],
)
def test_every_decision_word_and_only_one_reversal(paper, ours, restricted, expected):
    assert cl.decision(paper, ours, restricted) == expected
    assert [d for d in cl.DECISIONS if "revers" in d] == [cl.REVERSED]

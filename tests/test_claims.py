"""porteval.claims and porteval.claim_draws: each test of a claim can come out both ways, the paper's tables are
read at their printed precision, and the robustness shares move when the data do."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import CATALOGUE

from porteval import claims as cl
from porteval.audit import read_reference
from porteval.claim_draws import (
    StudyModel,
    claim_robustness,
    claim_shares,
    comparisons_of,
    critical_cell,
    fitted_concentration,
    readings_against_paper,
    sample_weights,
)
from porteval.reproductions.zeng2022 import claim_values

REFERENCE = Path(__file__).parents[1] / "data" / "reference"
YEARS = [str(y) for y in range(2014, 2021)]


def claim(test, rows=("overall",), **extra):
    return {"id": "c", "rows": list(rows), "test": test, **extra}


def values(block: dict, comparison="2014-2020", alternatives=YEARS) -> dict:
    """Claim values with one draw: {scope: numbers over the alternatives}."""
    return {(comparison, scope, "utility"): (alternatives, np.array([v], dtype=float)) for scope, v in block.items()}


@pytest.mark.parametrize(
    ("test", "numbers", "expected"),
    [
        ({"kind": "increasing"}, [1, 2, 3, 4, 5, 6, 7], 1),
        ({"kind": "increasing"}, [1, 2, 3, 3, 5, 6, 7], 0),  # a flat year is no rise
        ({"kind": "increasing", "from": "2015"}, [9, 2, 3, 4, 5, 6, 7], 1),
        ({"kind": "increasing", "from": "2015"}, [9, 2, 3, 4, 5, 7, 6], 0),
        ({"kind": "pairs", "pairs": [["2014", "2015"]]}, [5, 4, 3, 4, 5, 6, 7], 1),
        ({"kind": "pairs", "pairs": [["2014", "2015"]]}, [4, 5, 3, 4, 5, 6, 7], 0),
        ({"kind": "mean_above", "level": 0.8}, [0.81] * 7, 1),
        ({"kind": "mean_above", "level": 0.8}, [0.79] * 7, 0),
        ({"kind": "pattern", "signs": "-+--+-"}, [1, 0.59, 0.84, 0.61, 0.55, 0.73, 0.66], 1),
        ({"kind": "pattern", "signs": "-+--+-"}, [1, 0.59, 0.84, 0.61, 0.65, 0.73, 0.66], 0),
        ({"kind": "faster_after", "point": "2016"}, [1, 2, 3, 5, 7, 9, 11], 1),
        ({"kind": "faster_after", "point": "2016"}, [1, 3, 5, 6, 7, 8, 9], 0),
    ],
)
def test_each_row_test_holds_or_fails_with_the_numbers(test, numbers, expected):
    assert cl.holds(claim(test), values({"overall": numbers}), "2014-2020", YEARS)[0] == expected


def test_claim_level_tests_compare_rows():
    block = {"X1": [0.5, 1], "X2": [0.2, 1], "X3": [0.9, 0.95]}
    alts = ["2014", "2015"]
    grows = claim({"kind": "grows_most", "row": "X2"}, rows=block)
    lowest = claim({"kind": "lowest_mean", "row": "X3"}, rows=block)
    assert cl.holds(grows, values(block, alternatives=alts), "2014-2020", YEARS)[0] == 1
    assert (
        cl.holds(claim({"kind": "grows_most", "row": "X1"}, rows=block), values(block, alternatives=alts), "2014-2020", YEARS)[0]
        == 0
    )
    assert cl.holds(lowest, values(block, alternatives=alts), "2014-2020", YEARS)[0] == 0  # X3 has the highest mean


def test_expect_turns_a_row_test_into_its_negation_and_years_run_across_comparisons():
    ports = ["A", "B"]
    by_year = {(y, "overall", "utility"): (ports, np.array([[i, 10 - i]], dtype=float)) for i, y in enumerate(YEARS)}
    only_a = claim({"kind": "increasing"}, rows=["A", "B"], along="years", expect={"B": False})
    both = claim({"kind": "increasing"}, rows=["A", "B"], along="years")
    assert cl.holds(only_a, by_year, "2014-2020", YEARS)[0] == 1
    assert cl.holds(both, by_year, "2014-2020", YEARS)[0] == 0


def test_a_point_left_out_is_skipped_by_order_tests_and_blocks_the_others():
    alts = ["A", "B", "C"]
    order = claim({"kind": "order", "order": ["A", "B", "C"]})
    pairs = claim({"kind": "pairs", "pairs": [["A", "B"]]})
    without_b = values({"overall": [3, 1]}, alternatives=["A", "C"])
    assert cl.holds(order, without_b, "2014-2020", YEARS)[0] == 1  # A above C, B's place not asked
    assert np.isnan(cl.holds(pairs, without_b, "2014-2020", YEARS)[0])  # nothing left to judge
    assert cl.holds(order, values({"overall": [3, 2, 1]}, alternatives=alts), "2014-2020", YEARS)[0] == 1
    assert cl.holds(order, values({"overall": [3, 1, 2]}, alternatives=alts), "2014-2020", YEARS)[0] == 0
    assert cl.applies_without_points(order) and not cl.applies_without_points(claim({"kind": "mean_above", "level": 1}))


def _published(changes=None):
    """The published tables as text, with some cells replaced: {(table, row, column): text}."""
    ref = read_reference(REFERENCE, dtype=str)
    for (table, row, column), text in (changes or {}).items():
        ref[table].loc[row, column] = text
    return ref


def _paper_answer(claim_id, paper="zeng2022_longitudinal", changes=None):
    long = claim_values(paper, _published(changes))
    found = next(c for c in cl.paper_claims(paper) if c["id"] == claim_id)
    return float(np.nanmean(cl.holds(found, cl.published_values(long, draws=500), "2014-2020", YEARS)))


def test_the_papers_tables_support_contradict_or_leave_a_claim_to_rounding():
    assert _paper_answer("overall_falls_2015") == 1  # Table 4: 44.01 -> 38.13
    assert _paper_answer("overall_falls_2015", changes={("table4_overall", 1, "utility_pct"): "45.00"}) == 0
    # Equal as printed: which is larger depends on the rounding, so the answer is a probability near 1/2.
    p = _paper_answer("overall_falls_2015", changes={("table4_overall", 1, "utility_pct"): "44.01"})
    assert 0.3 < p < 0.7 and cl.paper_answer(p) == cl.ROUNDING
    # The paper's Table 6 contradicts its own text: Ningbo-Zhoushan does not rise every year.
    assert _paper_answer("ningbo_and_shanghai_rise", paper="zeng2022_cross_port") == 0
    assert _paper_answer("shenzhen_and_dalian_do_not_rise", paper="zeng2022_cross_port") == 1


def test_printed_precision_is_read_from_the_text_and_a_utility_of_one_is_exact():
    long = claim_values("zeng2022_longitudinal", _published()).set_index(["scope", "alternative", "measure"])
    assert long.loc[("X1", "2018", "utility"), "half"] == 0.0005  # printed 0.910: three decimals, not two
    assert long.loc[("X1", "2020", "utility"), "half"] == 0.0  # 1 by definition (U = Q / max Q)
    assert long.loc[("overall", "2014", "utility"), "value"] == pytest.approx(0.4401)
    assert long.loc[("overall", "2014", "utility"), "half"] == pytest.approx(0.00005)


def test_our_answer_names_what_a_claim_needs_and_marks_partial_data():
    scores = pd.DataFrame(
        [
            {"comparison": "2014-2020", "scope": s, "alternative": y, "benefit": u, "cost": 0.0, "q": u, "utility": u}
            for s in ("overall", "X6")
            for y, u in zip(YEARS, [0.2, 0.1, 0.3, 0.4, 0.5, 0.6, 1.0], strict=True)
        ]
    )
    ours = cl.scores_values(scores)
    by_id = {c["id"]: c for c in cl.paper_claims("zeng2022_longitudinal")}
    falls = cl.ours_answer(by_id["overall_falls_2015"], ours, "2014-2020", YEARS, "zeng2022_longitudinal", ["C63"])
    assert falls["ours"] == cl.HOLDS and "C11" in falls["ours_note"]  # holds, on part of the indicators
    green = cl.ours_answer(by_id["green_rises"], ours, "2014-2020", YEARS, "zeng2022_longitudinal", ["C63"])
    assert green["ours_numbers"] == "X6: 20.0 10.0 30.0 40.0 50.0 60.0 100.0"  # utility in percent, as the tables give it
    five = cl.ours_answer(by_id["five_subsystems_rise"], ours, "2014-2020", YEARS, "zeng2022_longitudinal", ["C63"])
    assert five["ours"] == cl.NEEDS and "C11" in five["ours_note"]
    cost = next(c for c in cl.paper_claims("zeng2022_cross_port") if c["id"] == "ningbo_cost_first")
    assert cl.ours_answer(cost, ours, "2014-2020", YEARS, "zeng2022_cross_port", ["C63"])["ours"] == cl.NEEDS


def _cross_port_cells(values: dict) -> pd.DataFrame:
    """Year-cells of ports x indicators over 2014-2015: {(port, indicator): (v2014, v2015)}."""
    rows = [
        {"alternative": p, "entity": p, "indicator": c, "year": 2014 + i, "value": v}
        for (p, c), pair in values.items()
        for i, v in enumerate(pair)
    ]
    return pd.DataFrame(rows)


def test_leaving_a_port_out_can_reverse_the_order_of_the_others():
    # Entropy weights and sum-normalisation both depend on which ports are compared (Aires & Ferreira 2019):
    # here B is ahead of C with A in the comparison, and behind C without it.
    cells = _cross_port_cells(
        {
            ("A", "C21"): (42, 42), ("A", "C22"): (46.5, 46.5),
            ("B", "C21"): (21.5, 21.5), ("B", "C22"): (12.5, 12.5),
            ("C", "C21"): (41.5, 41.5), ("C", "C22"): (7.5, 7.5),
        }
    )  # fmt: skip
    codes, window = ["C21", "C22"], "2014-2015"
    model = StudyModel(comparisons_of(cells, [window], window, ["A", "B", "C"], codes), codes, np.zeros(2, bool), ["X2", "X2"])
    order = claim({"kind": "order", "order": ["A", "B", "C"]})
    base = cells["value"].to_numpy(dtype=float)[None, :]
    full = cl.holds(order, model.values(base), window, YEARS)[0]
    keep = (cells["alternative"] != "A").to_numpy()
    without_a = cl.holds(order, model.without(cells, "A", window).values(base[:, keep]), window, YEARS)[0]
    u = model.values(base)[(window, "overall", "utility")][1][0]
    assert u[1] > u[2] and full == 1
    assert without_a == 0


def test_the_fitted_concentration_tracks_the_spread_of_the_weights():
    centre = np.array([0.5, 0.3, 0.2])
    for concentration in (20.0, 500.0):
        draws = sample_weights(np.random.default_rng(1), centre, 20000, concentration)
        assert fitted_concentration(draws) == pytest.approx(concentration, rel=0.05)


def test_leaving_out_the_only_indicator_of_a_row_leaves_the_claim_undefined_not_false():
    """A subsystem with one indicator has no utility when that indicator is left out: the claim on it cannot be
    judged in that case (n says how many remain), while leaving out another indicator still counts."""
    cells = _cross_port_cells(
        {
            ("A", "C21"): (1, 2), ("A", "C63"): (5, 9),
            ("B", "C21"): (2, 1), ("B", "C63"): (4, 2),
        }
    )  # fmt: skip
    codes, window = ["C21", "C63"], "2014-2015"
    model = StudyModel(comparisons_of(cells, [window], window, ["A", "B"], codes), codes, np.zeros(2, bool), ["X2", "X6"])
    above = claim({"kind": "pairs", "pairs": [["A", "B"]]}, rows=["X6"])
    base = cells["value"].to_numpy(dtype=float)[None, :]
    keep = ~np.eye(2, dtype=bool)  # case 0 leaves C21 out, case 1 leaves C63 (X6's only indicator) out
    result = cl.holds(above, model.values(base, keep=keep), window, YEARS)
    assert result[0] == 1 and np.isnan(result[1])
    shares = claim_shares([above], {"leave one indicator out": [model.values(base, keep=keep)]}, window, YEARS)
    assert shares.iloc[0]["cases"] == 1 and shares.iloc[0]["p_holds"] == 1  # 1 of 1, not 1 of 2


def test_a_claims_robustness_reads_intervals_and_a_failing_claim_is_firm_when_it_keeps_failing():
    clear = [("data", 0.93, 0.95), ("leave one indicator out", 1.0, 1.0)]
    straddles = [("data", 0.899, 0.924), ("leave one indicator out", 1.0, 1.0)]
    assert claim_robustness(cl.HOLDS, clear) == {"weakest_analysis": "data", "robustness": "robust"}
    assert claim_robustness(cl.HOLDS, straddles)["robustness"] == "borderline"
    assert claim_robustness(cl.HOLDS, [("data", 0.1, 0.12)])["robustness"] == "fragile"
    assert claim_robustness(cl.FAILS, [("data", 0.05, 0.07)])["robustness"] == "robust"  # fails in 93-95 %
    assert claim_robustness(cl.NEEDS, clear)["robustness"] == ""


def test_a_level_break_reading_is_contradicted_only_when_it_moves_observations_away_from_the_papers_series():
    years = ["2014", "2015", "2016", "2017"]
    cells = pd.DataFrame(
        {"entity": "P", "indicator": "C63", "year": [2014, 2015, 2016, 2017], "value": [1.0, 2.0, 3.0, 4.0], "status": "observed"}
    )
    implied = {"C63": np.array([[0.9, 1.9, 2.9, 4.3], [1.1, 2.1, 3.1, 3.7]])}  # shares about 0.1 0.2 0.3 0.4, +-0.01
    flattened = cells.assign(value=[1.0, 2.0, 1.5, 2.0])  # the later source's level rescaled by half
    kept = cells.assign(value=[1.0, 2.0, 3.0, 4.1])  # moved, but within the paper's range
    other = pd.DataFrame({**cells.to_dict("list"), "indicator": ["C21"] * 4}).assign(value=[1.0, 2.0, 1.5, 2.0])
    readings = [("b", "r", flattened), ("b", "r", kept)]
    assert readings_against_paper(cells, readings, implied, years, "P") == [True, False]
    # A series the paper implies nothing about is never called contradicted.
    assert readings_against_paper(other.assign(value=[1.0, 2.0, 3.0, 4.0]), [("b", "r", other)], implied, years, "P") == [False]


@pytest.mark.parametrize(
    ("kind", "block", "expected"),
    [
        ({"kind": "lowest_at", "row": "X7", "point": "2015"}, {"X1": [1, 2], "X7": [3, 1]}, 1),
        ({"kind": "lowest_at", "row": "X7", "point": "2014"}, {"X1": [1, 2], "X7": [3, 1]}, 0),
        ({"kind": "only_below_start", "row": "X7"}, {"X1": [1, 2], "X7": [3, 1]}, 1),
        ({"kind": "only_below_start", "row": "X7"}, {"X1": [2, 1], "X7": [3, 1]}, 0),  # X1 ends below its start too
        ({"kind": "widest_range", "rows": ["X6", "X7"]}, {"X1": [1, 1.1], "X6": [1, 3], "X7": [3, 1]}, 1),
        ({"kind": "widest_range", "rows": ["X6", "X7"]}, {"X1": [1, 4], "X6": [1, 3], "X7": [3, 1]}, 0),
    ],
)
def test_the_claim_level_kinds_hold_or_fail_with_the_numbers(kind, block, expected):
    alts = ["2014", "2015"]
    assert cl.holds(claim(kind, rows=block), values(block, alternatives=alts), "2014-2020", YEARS)[0] == expected


def test_every_kind_of_the_registry_is_in_the_table_and_each_reading_is_a_claim_of_its_own():
    for paper in cl.PAPERS:
        for c in cl.paper_claims(paper):
            assert c["test"]["kind"] in cl.CLAIM_KINDS, (paper, c["id"])
    readings = [c for c in cl.paper_claims("zeng2022_longitudinal") if c["claim"] == "limited_by_smart_logistics"]
    assert [c["id"] for c in readings] == [
        "limited_by_smart_logistics/lowest_mean",
        "limited_by_smart_logistics/only_below_2014",
        "limited_by_smart_logistics/lowest_in_2020",
    ]
    # The paper's own Table 3 answers the readings differently: X7 has not the lowest mean (X6 has), but it is the
    # only subsystem to end below 2014 and the lowest in 2020.
    long = claim_values("zeng2022_longitudinal", _published())
    answers = [float(np.nanmean(cl.holds(c, cl.published_values(long, draws=200), "2014-2020", YEARS))) for c in readings]
    assert answers == [0, 1, 1]


def test_the_most_critical_cell_is_the_smallest_relative_change_that_flips_the_claim():
    # A above B over two years, by 10 % on the only indicator: a 10 % cut of either of A's cells, or ...
    cells = _cross_port_cells({("A", "C21"): (11.0, 11.0), ("B", "C21"): (10.0, 10.0)}).assign(
        label=lambda f: f["alternative"] + " " + f["year"].astype(str)
    )
    codes, window = ["C21"], "2014-2015"
    model = StudyModel(comparisons_of(cells, [window], window, ["A", "B"], codes), codes, np.zeros(1, bool), ["X2"])
    above = claim({"kind": "pairs", "pairs": [["A", "B"]]})
    found = critical_cell(above, model, cells, window, YEARS)
    # A's sum 22 against B's 20: one of A's cells must lose 2 of its 11 (-18.2 %), or one of B's gain 2 of its 10
    # (+20 %): the smaller relative change is A's.
    assert found["critical_cell"].startswith("A ") and found["critical_change"] == pytest.approx(-2 / 11, abs=1e-6)
    wide = _cross_port_cells({("A", "C21"): (30.0, 30.0), ("B", "C21"): (10.0, 10.0)}).assign(label="x")
    wide_model = StudyModel(comparisons_of(wide, [window], window, ["A", "B"], codes), codes, np.zeros(1, bool), ["X2"])
    # 60 against 20: no cut of one of A's cells is enough; one of B's must grow by 40 (+400 %).
    assert critical_cell(above, wide_model, wide, window, YEARS)["critical_change"] == pytest.approx(4, abs=1e-6)


def test_the_cells_a_claim_rests_on_come_from_the_registry_and_the_catalogue():
    table = cl.claims_by_cell(CATALOGUE).set_index(["entity", "indicator", "year"])["claims"]
    assert "green_rises" in table[("Ningbo-Zhoushan Port", "C63", 2016)].split()  # X6's only benefit indicator
    assert "green_rises" not in table.get(("Ningbo-Zhoushan Port", "C21", 2016), "").split()
    assert "table5_ranking" in table[("Dalian", "C31", 2014)].split()  # a city's statistic, for its port
    assert ("Ningbo-Zhoushan Port", "C63", 2021) not in table.index  # outside the paper's window


@pytest.mark.parametrize("kind", sorted(cl.CLAIM_KINDS))
def test_each_kind_holds_on_its_example_and_fails_on_its_counter_example(kind):
    """Every kind of the table carries its own test, which runs here: a new kind without one cannot be added."""
    spec = cl.CLAIM_KINDS[kind]
    test = {"kind": kind, **spec.example}
    for block, expected in ((spec.holds_on, 1), (spec.fails_on, 0)):
        points = [str(2014 + i) for i in range(len(next(iter(block.values()))))]
        got = cl.holds(claim(test, rows=block), values(block, alternatives=points), "2014-2020", YEARS)[0]
        assert got == expected, (kind, block)
    assert set(spec.example) <= set(spec.parameters), "the example uses the parameters the kind declares"
    assert {p for p, par in spec.parameters.items() if par.required} <= set(spec.example)


def kinds_table() -> str:
    """docs/reproduction.md's table of the kinds of test, as porteval.claim_kinds.CLAIM_KINDS gives it."""

    def parameters(spec):
        said = [f"`{name}`{'' if p.required else ' (optional)'}: {p.text}" for name, p in spec.parameters.items()]
        return "; ".join(said) or "—"

    rows = [
        f"| `{kind}` | {'each row' if spec.scope == cl.ROW else 'the rows together'} | {parameters(spec)} | {spec.asks} |"
        for kind, spec in cl.CLAIM_KINDS.items()
    ]
    return "\n".join(["| kind | asked of | parameters | holds when |", "|---|---|---|---|", *rows])


def test_the_documented_kinds_are_the_tables():
    """The doc's table is made from the code's (paste the expected text from the message when a kind changes)."""
    doc = (Path(__file__).parents[1] / "docs/reproduction.md").read_text(encoding="utf-8")
    assert kinds_table() in doc, f"docs/reproduction.md should hold:\n{kinds_table()}"

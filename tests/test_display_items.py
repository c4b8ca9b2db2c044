"""porteval.display_items: each published table and figure gets its verdict and ACRE level from its own numbers, and
the overall paragraph says what the rows say."""

import re

import pandas as pd
import pytest

from porteval.display_items import acre_level, display_items, overall_verdict, verdict
from porteval.papers import PAPERS

# A small registry: one paper with two tables and a figure plotting the second.
REGISTRY = {
    "p": {
        "citation": "P (2020)",
        "tables": {
            "table2_weights": {"label": "Table 2", "title": "weights"},
            "table3_subsystems": {"label": "Table 3", "title": "subsystems"},
        },
        "figures": {
            "fig1_subsystems": {"label": "Figure 1", "title": "subsystem utility degrees by year", "plots": "table3_subsystems"},
            "ours_only": {"title": "a figure the paper does not print", "plots": "table2_weights"},
        },
    }
}


def _summary(table2, table3):
    rows = [
        {"table": t, "reproduced": r, "differs": d, "not_reproducible": c}
        for t, (r, d, c) in [("table2", table2), ("table3", table3)]
    ]
    return pd.DataFrame(rows)


@pytest.mark.parametrize(
    ("numbers", "expected", "level"),
    [
        ((5, 0, 0), "reproduced", 10),
        ((5, 1, 0), "partly reproduced", 8),
        ((0, 6, 0), "not reproduced", 8),
        ((2, 0, 4), "partly reproduced", 7),
        ((0, 2, 4), "not reproduced", 7),
        ((0, 0, 6), "cannot be checked", 3),
    ],
)
def test_a_verdict_and_a_level_come_from_the_numbers_and_change_with_them(numbers, expected, level):
    assert verdict(*numbers) == expected
    assert acre_level(*numbers)[0] == level


def test_a_figure_takes_the_verdict_of_the_table_it_plots_and_claims_are_listed_by_decision():
    claims = pd.DataFrame(
        [
            {"paper": "p", "display": "Table 3, Figure 1", "reading": "X rises", "decision": "same conclusion"},
            {"paper": "p", "display": "Table 2", "reading": "W is heaviest", "decision": "cannot tell"},
            {"paper": "other", "display": "Table 3", "reading": "not this paper's", "decision": "cannot tell"},
        ]
    )
    items = display_items(_summary((1, 0, 0), (0, 3, 1)), claims, REGISTRY)
    assert items["item"].tolist() == ["P (2020) Table 2", "P (2020) Table 3", "P (2020) Figure 1"]
    assert items["verdict"].tolist() == ["reproduced", "not reproduced", "not reproduced"]
    figure = items.iloc[2]
    assert figure["plots"] == "table3" and "(the numbers of Table 3)" in figure["shows"]
    assert figure["claims"] == "same conclusion: [X rises](#Claims)"
    assert items.iloc[0]["claims"] == "cannot tell: [W is heaviest](#Claims)"
    flipped = display_items(_summary((0, 0, 1), (3, 0, 0)), claims, REGISTRY)
    assert flipped["verdict"].tolist() == ["cannot be checked", "reproduced", "reproduced"]


def _said(text, verdict_name):
    """How many items the paragraph gives ``verdict_name`` ("2 partly reproduced (…)"); the number stands right
    before the verdict, so "reproduced" is not read inside "partly reproduced"."""
    said = dict(
        (v, int(n)) for n, v in re.findall(r"(\d+) (partly reproduced|not reproduced|cannot be checked|reproduced) \(", text)
    )
    return said.get(verdict_name, 0)


@pytest.mark.parametrize(("table2", "table3"), [((1, 0, 0), (0, 3, 1)), ((0, 0, 4), (2, 2, 0)), ((3, 0, 0), (4, 0, 0))])
def test_the_overall_paragraph_counts_what_the_table_holds(table2, table3):
    claims = pd.DataFrame(
        [
            {"paper": "p", "display": "Table 3", "reading": "a", "decision": "reversed on the same indicators"},
            {"paper": "p", "display": "Table 2", "reading": "b", "decision": "same conclusion"},
            {"paper": "p", "display": "Table 2", "reading": "c", "decision": "same conclusion"},
        ]
    )
    items = display_items(_summary(table2, table3), claims, REGISTRY)
    text = overall_verdict(items, claims)
    for name in ("reproduced", "partly reproduced", "not reproduced", "cannot be checked"):
        assert _said(text, name) == (items["verdict"] == name).sum()
    numbers = [sum(t) for t in (table2, table3)]  # the figure's numbers are table 3's: counted once
    assert f"Their {sum(numbers)} published numbers" in text
    computed = table2[0] + table2[1] + table3[0] + table3[1]
    assert f"{computed} can be computed from public data, of which {table2[0] + table3[0]} are reproduced" in text
    assert "reversed on the same indicators: 1" in text and "same conclusion: 2" in text


def test_every_registry_figure_plots_a_table_of_its_paper():
    for paper in PAPERS.values():
        for figure in paper.get("figures", {}).values():
            assert figure["plots"] in paper["tables"]

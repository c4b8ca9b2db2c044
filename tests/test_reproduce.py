"""porteval.reproduce and the papers' plug-ins: Zhang's Table 2 judged at the precision of the number tested."""

import pandas as pd


def _zhang_status(source_value: float, published: str = "100933"):
    from porteval.reproductions.zhang import zhang_table

    decisions = pd.DataFrame(
        [
            {
                "dossier_file": "d.csv", "entity": "Ningbo-Zhoushan Port", "indicator": "C21", "year": 2017,
                "value": source_value, "unit": "万吨", "source_id": "s1", "qualifier": "exact",
                "authority": "official", "vintage": "first_published", "decision": "kept", "reason": "", "note": "",
            }
        ]
    )  # fmt: skip
    ref = pd.DataFrame(
        {"year": [2017], "cargo_throughput_10k_tons": [float(published)], "container_throughput_10k_teu": [2461.0]}
    )
    _, card = zhang_table(decisions, ref, ["exact", "derived"])
    return card[0]["status"]


def test_zhangs_cells_are_judged_at_the_precision_of_the_number_tested():
    assert _zhang_status(100933) == "reproduced"
    assert _zhang_status(100964) == "differs"  # 31 apart: both printed to the unit
    # 101000 is printed to the thousand: it agrees within its rounding, but cannot test a number printed to the unit.
    assert _zhang_status(101000) == "not_reproducible"
    assert _zhang_status(102000) == "differs"


def test_a_differing_number_is_a_decision_difference_only_when_it_changes_its_place():
    from porteval.reproduce import with_decisions

    card = pd.DataFrame(
        {
            "table": "table3",
            "row": ["X2 2014", "X2 2015", "X2 2016"],
            "column": "utility",
            "published": [0.70, 0.73, 0.76],
            "reproduced": [0.70, 0.74, 0.76],
            "status": ["reproduced", "differs", "reproduced"],
        }
    )
    assert with_decisions(card)["decision"].tolist() == ["", "changes no rank", ""]
    swapped = card.assign(reproduced=[0.70, 0.77, 0.76])
    assert with_decisions(swapped)["decision"].tolist() == ["", "changes a rank", ""]

"""A window that loses the indicator its ranking would rest on says so: porteval.study.weight_if_kept weighs each
indicator left out where it can be filled, and the report's first screen names it when it would be the heaviest."""

import pandas as pd
import pytest
from conftest import CATALOGUE, ROOT

from porteval.impute import impute_observations
from porteval.names import Names, bare_codes
from porteval.papers import read_yaml
from porteval.report import heaviest_lost
from porteval.study import build_matrix, study_cells, weight_if_kept

STUDY = {"kind": "longitudinal", "ports": ["Ningbo-Zhoushan Port"], "years": [2014, 2020], "indicators": ["C21", "C22", "C63"]}
C21 = [100, 104, 101, 106, 103, 107, 105]  # nearly flat: little divergence, little weight
C22 = [50, 52, 51, 53, 52, 54, 53]


def _imputed(c63):
    """C21 and C22 every year; C63 with ``c63`` for 2014-2018 and nothing after (beyond a cap of 0 years: left out)."""
    cells = study_cells(STUDY, CATALOGUE)[["entity", "indicator", "year"]]
    values = {"C21": C21, "C22": C22, "C63": [*c63, None, None]}
    obs = cells.assign(value=[values[c][y - 2014] for c, y in zip(cells["indicator"], cells["year"], strict=True)])
    obs = obs.dropna(subset=["value"]).assign(source_id="s")
    return impute_observations(obs, cells, "linear", 2, max_extrapolation=0)


@pytest.mark.parametrize(("c63", "heaviest"), [([1, 5, 20, 60, 150], True), ([100, 101, 100, 102, 101], False)])
def test_an_indicator_left_out_is_weighed_where_it_can_be_filled_and_called_heaviest_only_when_it_is(c63, heaviest):
    imputed = _imputed(c63)
    _, dropped = build_matrix(imputed, STUDY, CATALOGUE)
    assert dropped["indicator"].tolist() == ["C63"]
    weighed = weight_if_kept(imputed, dropped, STUDY, CATALOGUE)
    (row,) = weighed.itertuples()
    assert row.years == "2014-2018" and row.heaviest == heaviest
    assert (row.weight > 0.5) == heaviest  # a steep series takes most of the entropy weight; a flat one little


def test_the_first_screen_names_the_lost_indicator_in_words_with_its_weight():
    names = Names(read_yaml(ROOT / "config/indicators.yaml"))
    dropped = pd.DataFrame(
        [
            {
                "indicator": "C63",
                "entity": "Ningbo-Zhoushan Port",
                "reason": "3 years beyond the last observation",
                "weighed_over": "2014-2024",
                "weight_if_kept": 0.69,
                "heaviest_if_kept": True,
            },
            {
                "indicator": "C11",
                "entity": "Ningbo-Zhoushan Port",
                "reason": "no observed value",
                "weighed_over": None,
                "weight_if_kept": None,
                "heaviest_if_kept": None,
            },
        ]
    )
    said = heaviest_lost(dropped, "Ningbo-Zhoushan Port 2014-2025", names)
    assert said.startswith("**The ranking of Ningbo-Zhoushan Port 2014-2025 leaves out its heaviest indicator.**")
    assert "Sea-rail intermodal containers (C63) is left out" in said and "69% of the weight" in said
    assert bare_codes(said) == [] and "C11" not in said
    assert heaviest_lost(dropped.assign(heaviest_if_kept=False), "x", names) is None
    assert heaviest_lost(dropped.drop(columns="heaviest_if_kept"), "x", names) is None

"""The study layer on random valid data: it never crashes, and what it drops it explains."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import CATALOGUE
from hypothesis import given, settings
from hypothesis import strategies as st

from porteval.impute import impute_observations
from porteval.study import build_matrix, normalised, scores_table, study_cells, weights_table

ROOT = Path(__file__).resolve().parents[1]
STUDIES = {
    "longitudinal": {"kind": "longitudinal", "ports": ["Ningbo-Zhoushan Port"], "years": [2014, 2018]},
    "cross_port": {
        "kind": "cross_port",
        "ports": ["Shanghai Port", "Dalian Port", "Ningbo-Zhoushan Port"],
        "years": [2014, 2018],
    },
}


@st.composite
def observations(draw, study):
    cells = study_cells(study, CATALOGUE)[["entity", "indicator", "year"]].drop_duplicates()
    keep = draw(st.lists(st.booleans(), min_size=len(cells), max_size=len(cells)))
    values = draw(st.lists(st.floats(0.0, 1e6, allow_nan=False), min_size=len(cells), max_size=len(cells)))
    obs = cells[np.array(keep)].assign(value=np.array(values)[np.array(keep)], source_id="synthetic")
    return cells, obs


@pytest.mark.parametrize("kind", list(STUDIES))
@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_random_valid_data_never_crash_the_study(kind, data):
    study = STUDIES[kind]
    cells, obs = data.draw(observations(study))
    imputed = impute_observations(obs, cells, "linear", 2)
    try:
        matrix, dropped = build_matrix(imputed, study, CATALOGUE)
    except ValueError as err:  # the defined refusal: no indicator can be filled everywhere
        assert "no indicator has a value for every" in str(err)
        assert (imputed["status"] == "missing").groupby(imputed["indicator"]).any().all()
        return
    assert set(matrix["indicator"]).isdisjoint(dropped["indicator"])
    assert dropped["reason"].str.len().gt(0).all()
    try:
        weights, _ = weights_table(matrix, CATALOGUE, "entropy")
    except ValueError as err:  # defined refusals: all-constant or all-zero data
        assert any(why in str(err) for why in ("constant", "zero for every alternative", "too small for floating point"))
        return
    scores = scores_table(matrix, weights, CATALOGUE)
    normalised(matrix)
    overall = scores[scores["scope"] == "overall"]
    defined = overall["note"].fillna("").str.contains("undefined") == False  # noqa: E712
    assert overall.loc[defined, "utility"].between(0, 1).all()
    assert (overall.loc[defined, "utility"] == 1).groupby(overall.loc[defined, "comparison"]).any().all()


def test_fail_mode_names_the_indicators_it_cannot_fill():
    study = STUDIES["longitudinal"]
    cells = study_cells(study, CATALOGUE)[["entity", "indicator", "year"]]
    obs = cells[cells["indicator"] == "C21"].assign(value=1.0, source_id="s")
    imputed = impute_observations(obs, cells, "linear", 2)
    with pytest.raises(ValueError, match="C11 \\(Ningbo-Zhoushan Port\\): no observed value"):
        build_matrix(imputed, study, CATALOGUE, on_insufficient="fail")
    matrix, dropped = build_matrix(imputed, study, CATALOGUE)
    assert list(pd.unique(matrix["indicator"])) == ["C21"] and len(dropped) == 18


def test_weighting_modes_published_equal_and_file_renormalise_over_the_indicators_present():
    study = STUDIES["longitudinal"]
    cells = study_cells(study, CATALOGUE)[["entity", "indicator", "year"]]
    keep = cells[cells["indicator"].isin(["C21", "C22", "C63"])]
    obs = keep.assign(value=keep["year"] - 2000.0 + keep["indicator"].str[1:].astype(float), source_id="s")
    matrix, _ = build_matrix(impute_observations(obs, cells, "linear", 2), study, CATALOGUE)
    published = pd.read_csv(ROOT / "data/reference/zeng2022_table2_weights.csv").set_index("indicator")["published_weight"]
    weights, notes = weights_table(matrix, CATALOGUE, "published", published)
    w = weights.set_index("indicator")["weight"]
    assert w.sum() == pytest.approx(1)
    assert w["C63"] / w["C21"] == pytest.approx(0.480 / 0.014)  # the published ratios are kept
    assert "renormalised over the 3 indicators present" in notes[0]
    equal, _ = weights_table(matrix, CATALOGUE, "equal")
    assert np.allclose(equal["weight"], 1 / 3) and set(equal["mode"]) == {"equal"}
    with pytest.raises(ValueError, match="unknown weighting mode"):
        weights_table(matrix, CATALOGUE, "random")

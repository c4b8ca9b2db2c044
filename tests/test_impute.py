import numpy as np
import pandas as pd
import pytest

from porteval.impute import InsufficientData, fill_series, impute_observations


def test_linear_interpolates_inside_and_extrapolates_from_the_two_nearest_points():
    values, status = fill_series([2014, 2015, 2016, 2017, 2018], [2015, 2016, 2018], [10.0, 12.0, 20.0])
    np.testing.assert_allclose(values, [8.0, 10.0, 12.0, 16.0, 20.0])
    assert list(status) == ["extrapolated", "observed", "observed", "interpolated", "observed"]


def test_extrapolation_after_the_last_point_uses_the_last_two():
    values, _ = fill_series([2018, 2019, 2020], [2017, 2018], [5.0, 7.0])
    np.testing.assert_allclose(values, [7.0, 9.0, 11.0])


def test_nearest_and_pchip_keep_observed_values():
    for method in ("nearest", "pchip"):
        values, status = fill_series([1, 2, 3, 4], [1, 2, 4], [1.0, 2.0, 8.0], method=method)
        np.testing.assert_allclose(values[[0, 1, 3]], [1.0, 2.0, 8.0])
        assert status[2] == "interpolated"


def test_too_few_points_cannot_be_imputed():
    with pytest.raises(InsufficientData, match="1 observed value"):
        fill_series([1, 2, 3], [2], [5.0])


def test_negative_extrapolation_is_refused():
    with pytest.raises(ValueError, match="negative value in 2014"):
        fill_series([2014, 2015, 2016], [2015, 2016], [1.0, 10.0])


def test_impute_observations_flags_every_cell_and_says_why_one_is_missing():
    obs = pd.DataFrame(
        {
            "entity": ["P", "P", "P"],
            "indicator": ["C21", "C21", "C22"],
            "year": [2014, 2016, 2015],
            "value": [1.0, 3.0, 5.0],
            "source_id": ["s1", "s2", "s3"],
        }
    )
    cells = pd.DataFrame(
        [("P", c, y) for c in ("C21", "C22", "C63") for y in (2014, 2015, 2016)], columns=["entity", "indicator", "year"]
    )
    out = impute_observations(obs, cells, "linear", 2).set_index(["indicator", "year"])
    assert out.loc[("C21", 2015), "status"] == "interpolated" and out.loc[("C21", 2015), "value"] == 2.0
    assert out.loc[("C21", 2014), "source_id"] == "s1"
    assert out.loc[("C22", 2015), "status"] == "observed"  # kept, although the series cannot be filled
    assert out.loc[("C22", 2014), "status"] == "missing" and "1 observed" in out.loc[("C22", 2014), "reason"]
    assert (out.loc["C63", "reason"] == "no observed value").all()


def test_observations_outside_the_window_do_not_anchor_the_fill():
    obs = pd.DataFrame(
        {"entity": ["P"] * 2, "indicator": ["C21"] * 2, "year": [2010, 2015], "value": [1.0, 2.0], "source_id": ["a", "b"]}
    )
    cells = pd.DataFrame([("P", "C21", y) for y in (2014, 2015, 2016)], columns=["entity", "indicator", "year"])
    out = impute_observations(obs, cells, "linear", 2)
    assert (out["status"] != "interpolated").all()
    assert set(out["status"]) == {"observed", "missing"}

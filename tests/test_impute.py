import numpy as np
import pandas as pd
import pytest

from porteval.impute import InsufficientData, check_one_value_per_cell, fill_series, impute_observations, level_breaks


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


def _obs(years, values, sources=None, notes=None):
    n = len(years)
    return pd.DataFrame(
        {
            "entity": ["P"] * n,
            "indicator": ["C21"] * n,
            "year": years,
            "value": values,
            "source_id": sources or ["a"] * n,
            "note": notes or [""] * n,
        }
    )


def _grid(years):
    return pd.DataFrame([("P", "C21", y) for y in years], columns=["entity", "indicator", "year"])


def test_a_cell_has_one_value_whatever_other_cells_are_asked_for():
    """Two studies with different windows get the same value for a shared cell (issue #11: Ningbo C34 2020)."""
    obs = _obs([2010, 2015, 2019], [1.0, 2.0, 10.0])
    narrow = impute_observations(obs, _grid(range(2014, 2018)), "linear", 2, 2).set_index("year")
    wide = impute_observations(obs, _grid(range(2010, 2021)), "linear", 2, 2).set_index("year")
    assert narrow.loc[2016, "value"] == wide.loc[2016, "value"] == pytest.approx(4.0)  # anchored by 2019, outside 2014-2017
    assert narrow.loc[2016, "status"] == "interpolated"


def test_extrapolation_is_capped_and_the_reason_says_how_far():
    obs = _obs([2019, 2020], [10.0, 12.0])
    out = impute_observations(obs, _grid(range(2016, 2023)), "linear", 2, 2).set_index("year")
    assert list(out.loc[[2017, 2018, 2021, 2022], "status"]) == ["extrapolated"] * 4
    assert out.loc[2016, "status"] == "missing" and np.isnan(out.loc[2016, "value"])
    assert "3 years beyond" in out.loc[2016, "reason"] and "capped at 2" in out.loc[2016, "reason"]
    uncapped = impute_observations(obs, _grid([2016]), "linear", 2, None)
    assert uncapped["status"].item() == "extrapolated"


@pytest.mark.parametrize("method", ["nearest", "pchip"])
def test_every_method_respects_the_cap(method):
    values, status = fill_series([2010, 2014, 2015, 2016], [2015, 2016], [3.0, 4.0], method=method, max_extrapolation=1)
    assert list(status) == ["missing", "extrapolated", "observed", "observed"] and np.isnan(values[0])


def test_a_level_break_needs_a_source_or_scope_change_and_a_large_yearly_change():
    same_source = _obs([2014, 2015], [100.0, 70.0])
    assert level_breaks(same_source, 0.1).empty  # a fall within one source is data, not a break
    new_source = _obs([2014, 2015], [100.0, 70.0], sources=["a", "b"])
    row = level_breaks(new_source, 0.1).iloc[0]
    assert (row["year_before"], row["year"], row["why"]) == (2014, 2015, "source changes")
    assert row["change"] == pytest.approx(-0.3)
    restated = _obs([2014, 2015], [100.0, 70.0], notes=["", "reflects the province's revenue restatement"])
    assert level_breaks(restated, 0.1)["why"].item() == "the note says the scope or basis changes"
    small = _obs([2014, 2015], [100.0, 105.0], sources=["a", "b"])
    assert level_breaks(small, 0.1).empty
    over_three_years = _obs([2014, 2017], [100.0, 125.0], sources=["a", "b"])  # +25 % in all, 7.7 % a year
    assert level_breaks(over_three_years, 0.1).empty
    assert level_breaks(over_three_years, 0.07)["change_per_year"].item() == pytest.approx(1.25 ** (1 / 3) - 1)


def test_a_cell_with_two_values_in_two_files_stops_the_imputation_naming_both():
    rows = pd.DataFrame(
        {
            "entity": ["Ningbo"] * 3,
            "indicator": ["C31"] * 3,
            "year": [2016, 2016, 2017],
            "value": [1100.0, 1100.0, 1200.0],
            "file": ["a.csv", "b.csv", "a.csv"],
            "line": [2, 5, 3],
        }
    )
    check_one_value_per_cell(rows)  # the same value twice is one value
    rows.loc[1, "value"] = 1110.0
    with pytest.raises(ValueError, match=r"Ningbo C31 2016 has different values in a.csv:2 \(1100\), b.csv:5 \(1110\)"):
        check_one_value_per_cell(rows)

"""porteval.data_run: an entity's job checks its raw files before reading them (a bad file stops it, saying what is
wrong and writing nothing), reads them as the ingest job did, and fills the entity's series as imputation does."""

import logging

import pandas as pd
import pytest
from conftest import CATALOGUE, QUALIFIED_HEADER

from porteval.data_run import check_or_stop, combined_observations, fill_entity, observations_table
from porteval.impute import impute_observations, level_breaks
from porteval.io import read_observations, write_csv

LOG = logging.getLogger("test_data_run")
PORT = "Ningbo-Zhoushan Port"
ROWS = (
    f"{PORT},C22,2014,1945,万TEU,exact,src1,1945万标箱,\n"
    f"{PORT},C22,2016,2157,万TEU,exact,src1,2157万标箱,\n"
    f"{PORT},C22,2017,2461,万TEU,exact,tab1,,\n"
    f"{PORT},C21,2015,89000,万吨,lower_bound,src1,逾8.9亿吨,\n"
)
IMPUTATION = {"method": "linear", "min_observed": 2, "max_extrapolation": 2}


def _raw(tmp_path, body=ROWS, name="ningbo_zhoushan_port.csv"):
    path = tmp_path / name
    path.write_text(QUALIFIED_HEADER + body, encoding="utf-8")
    return str(path)


def test_a_bad_file_stops_the_job_and_names_its_line(tmp_path, sources, capsys):
    raw = _raw(tmp_path, ROWS + f'{PORT},C22,2018,"2,600",万TEU,exact,src1,2600万标箱,\n')
    with pytest.raises(SystemExit) as stop:
        check_or_stop([raw], CATALOGUE, str(sources), LOG)
    assert stop.value.code == 1
    said = capsys.readouterr().err
    assert f"{raw}:6" in said and "1 problem(s)" in said


def test_a_clean_file_gives_its_report(tmp_path, sources):
    assert check_or_stop([_raw(tmp_path)], CATALOGUE, str(sources), LOG) == "1 file(s) checked, 0 problem(s)\n"


def test_a_bound_is_kept_but_not_usable(tmp_path):
    table = observations_table([_raw(tmp_path)], [], CATALOGUE, ["exact"], LOG)
    assert list(table["year"]) == [2015, 2014, 2016, 2017]  # sorted by indicator, then year
    assert table.set_index(["indicator", "year"])["usable"].to_dict() == {
        ("C21", 2015): False,
        ("C22", 2014): True,
        ("C22", 2016): True,
        ("C22", 2017): True,
    }


def test_an_entity_is_filled_from_its_file_as_written_as_imputation_fills_it(tmp_path):
    path = tmp_path / "observations.csv"
    write_csv(observations_table([_raw(tmp_path)], [], CATALOGUE, ["exact"], LOG), path)
    observations = read_observations([path])
    spec = {"entity": PORT, "cells": {"C21": [2014, 2015], "C22": [2014, 2015, 2016, 2017, 2018]}}
    imputed, breaks = fill_entity(observations, spec, IMPUTATION, 0.1, LOG)
    usable = observations[observations["usable"]]
    cells = pd.DataFrame([(PORT, c, y) for c, ys in spec["cells"].items() for y in ys], columns=["entity", "indicator", "year"])
    pd.testing.assert_frame_equal(imputed, impute_observations(usable, cells, "linear", 2, 2))
    pd.testing.assert_frame_equal(breaks, level_breaks(usable, 0.1))
    by_cell = imputed.set_index(["indicator", "year"])
    assert by_cell.loc[("C22", 2015), "value"] == pytest.approx((1945 + 2157) / 2)
    assert by_cell.loc[("C22", 2015), "status"] == "interpolated"
    assert by_cell.loc[("C21", 2015), "status"] == "missing"  # the bound alone fills nothing
    assert breaks["year"].tolist() == [2017]  # the source changes and the level rises 14 % in a year (> 10 %)


def test_an_entity_with_no_file_of_its_own_has_every_cell_missing(tmp_path):
    imputed, breaks = fill_entity(read_observations([]), {"entity": PORT, "cells": {"C22": [2016]}}, IMPUTATION, 0.5, LOG)
    assert imputed["status"].tolist() == ["missing"] and imputed["reason"].tolist() == ["no observed value"]
    assert breaks.empty


def test_all_observations_are_one_table_in_one_order(tmp_path):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    write_csv(observations_table([_raw(tmp_path)], [], CATALOGUE, ["exact"], LOG).iloc[2:], first)
    write_csv(observations_table([_raw(tmp_path)], [], CATALOGUE, ["exact"], LOG).iloc[:2], second)
    table = combined_observations([first, second])
    assert list(zip(table["indicator"], table["year"], strict=True)) == [
        ("C21", 2015),
        ("C22", 2014),
        ("C22", 2016),
        ("C22", 2017),
    ]

"""porteval.coverage: each cell a study needs is sourced, interpolated, extrapolated, bound only or missing, as its
raw values and its fill make it; the gaps template lists every cell without a usable sourced value."""

import logging

from conftest import CATALOGUE, QUALIFIED_HEADER

from porteval.coverage import coverage_summary, coverage_table, gaps_template
from porteval.data_run import fill_entity, observations_table

LOG = logging.getLogger("test_coverage")
PORT = "Ningbo-Zhoushan Port"
ROWS = (
    f"{PORT},C22,2014,1945,万TEU,exact,tab1,,\n"
    f"{PORT},C22,2016,2157,万TEU,exact,tab1,,\n"
    f"{PORT},C22,2017,2461,万TEU,exact,tab2,,\n"
    f"{PORT},C21,2015,89000,万吨,lower_bound,tab1,,\n"
)


def _coverage(tmp_path):
    raw = tmp_path / "ningbo_zhoushan_port.csv"
    raw.write_text(QUALIFIED_HEADER + ROWS, encoding="utf-8")
    observations = observations_table([str(raw)], [], CATALOGUE, ["exact"], LOG)
    spec = {"entity": PORT, "cells": {"C21": [2015], "C22": [2014, 2015, 2016, 2017, 2018, 2020]}}
    imputation = {"method": "linear", "min_observed": 2, "max_extrapolation": 2}
    imputed, breaks = fill_entity(observations, spec, imputation, 0.1, LOG)
    return coverage_table(observations, imputed, breaks)


def test_each_cell_has_the_status_its_data_give(tmp_path):
    cells = _coverage(tmp_path).set_index(["indicator", "year"])
    assert cells["coverage"].to_dict() == {
        ("C21", 2015): "bound_only",  # a lower bound only: the analysis leaves it out
        ("C22", 2014): "sourced",
        ("C22", 2015): "interpolated",
        ("C22", 2016): "sourced",
        ("C22", 2017): "sourced",
        ("C22", 2018): "extrapolated",
        ("C22", 2020): "missing",  # three years beyond the last observation; the cap is two
    }
    assert cells.loc[("C21", 2015), "unusable_qualifier"] == "lower_bound"
    assert "beyond" in cells.loc[("C22", 2020), "reason"]
    assert cells.loc[("C22", 2017), "level_break"] == "2016->2017 +14.1%: source changes"


def test_the_gaps_template_is_every_cell_without_a_usable_sourced_value(tmp_path):
    gaps = gaps_template(_coverage(tmp_path), CATALOGUE)
    assert list(zip(gaps["indicator"], gaps["year"], strict=True)) == [("C21", 2015), ("C22", 2015), ("C22", 2018), ("C22", 2020)]
    assert gaps.loc[0, "note"] == "currently bound_only (lower_bound value in data/raw)"
    assert (gaps["value"] == "").all() and (gaps["unit"] == gaps["indicator"].map(CATALOGUE.indicators["unit"])).all()


def test_the_summary_counts_cells_by_status(tmp_path):
    summary = coverage_summary(_coverage(tmp_path)).set_index("entity")
    assert summary.loc[PORT].to_dict() == {"sourced": 3, "interpolated": 1, "extrapolated": 1, "bound_only": 1, "missing": 1}

"""porteval.audit: the identities among the published tables hold within their rounding where the paper is
consistent, and a published number changed beyond its rounding makes its check fail."""

import shutil

import pytest
from conftest import ROOT

from porteval.audit import q_range, read_reference
from porteval.reproductions.zeng2022 import audit

REFERENCE = ROOT / "data/reference"


@pytest.fixture(scope="module")
def shipped():
    return audit(read_reference(REFERENCE))


def test_table4s_own_identities_hold_within_rounding(shipped):
    t4 = shipped[shipped["table"] == "table4"]
    assert len(t4) == 23 and t4["within_rounding"].all()
    assert (t4["allowed_low"] <= t4["published"]).all() and (t4["published"] <= t4["allowed_high"]).all()


def test_a_published_utility_changed_beyond_its_rounding_fails_its_check(tmp_path):
    folder = shutil.copytree(REFERENCE, tmp_path / "reference")
    t4 = folder / "zeng2022_table4_overall.csv"
    t4.write_text(t4.read_text(encoding="utf-8").replace("2014,0.084,0.014,0.097,44.01,6", "2014,0.084,0.014,0.097,45.01,6"))
    checks = audit(read_reference(folder))
    failed = checks[~checks["within_rounding"] & (checks["table"] == "table4")]
    assert list(zip(failed["check"], failed["row"].astype(str), strict=True)) == [("U = 100 Q / max Q", "2014")]


def test_table5s_sums_are_what_the_paper_prints_not_its_weights(shipped):
    """Table 5's S+ and S- do not sum to Table 2's benefit and cost weights (one of the paper's inconsistencies)."""
    t5 = shipped[(shipped["table"] == "table5") & shipped["check"].str.startswith("sum of S")]
    assert t5.set_index("check")["within_rounding"].to_dict() == {
        "sum of S+ = sum of benefit weights (Table 2)": False,
        "sum of S+ and S- = 1": True,
        "sum of S- = sum of cost weights (Table 2)": False,
    }


def test_q_bounds_contain_q_at_every_corner_of_the_rounding():
    low, high = q_range([0.084, 0.075], [0.014, 0.019], half_unit=0.0005)
    assert (low < high).all()
    centre, _ = q_range([0.084, 0.075], [0.014, 0.019], half_unit=0.0)
    assert (low <= centre).all() and (centre <= high).all()

"""The series diagnosis and the audit: each verdict can come out either way, and names the series it should."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from porteval.audit import audit, read_reference
from porteval.catalogue import load_catalogue
from porteval.diagnosis import consensus, d_intervals, divergences, series_diagnosis
from porteval.mcda import entropy_weights

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = load_catalogue(ROOT / "config/indicators.yaml", ROOT / "config/entities.yaml")
CODES = list(CATALOGUE.indicators.index)
YEARS = [str(y) for y in range(2014, 2021)]


def synthetic_paper(seed=7):
    """Known series for the 19 indicators over seven years, and their entropy weights printed to 3 decimals."""
    rng = np.random.default_rng(seed)
    growth = rng.uniform(0.02, 0.5, size=len(CODES))
    noise = rng.uniform(0.8, 1.2, size=(len(YEARS), len(CODES)))
    series = pd.DataFrame(100 * (1 + growth) ** np.arange(len(YEARS))[:, None] * noise, index=YEARS, columns=CODES)
    published = pd.Series(np.round(entropy_weights(series.to_numpy()), 3), index=CODES)
    return series, published


@pytest.mark.parametrize("perturbed", ["C22", "C34", "C63"])
def test_the_diagnosis_names_exactly_the_perturbed_series(perturbed):
    series, published = synthetic_paper()
    ours = series.copy()
    ours.loc["2017", perturbed] *= 2.5  # one year of one series is not the paper's
    change = divergences(ours)[perturbed] / divergences(series)[perturbed] - 1
    assert abs(change) > 0.05  # larger than what the three-decimal rounding of these weights can hide
    diagnosis = series_diagnosis(divergences(ours), published, CATALOGUE).set_index("indicator")
    deviating = sorted(diagnosis.index[diagnosis["verdict"] == "deviates"])
    assert deviating == [perturbed]
    assert (diagnosis.drop(perturbed)["verdict"] == "matches").all()


def test_with_some_series_missing_the_others_keep_their_verdicts():
    series, published = synthetic_paper(seed=11)
    ours = series[["C21", "C22", "C31", "C33", "C63"]].copy()
    ours["C63"] = ours["C63"][::-1].to_numpy()  # a different series with the same values reversed: same entropy
    ours["C31"] = ours["C31"] ** 1.5  # a different series with another entropy
    diagnosis = series_diagnosis(divergences(ours), published, CATALOGUE).set_index("indicator")
    assert diagnosis.loc["C31", "verdict"] == "deviates"
    assert diagnosis.loc["C63", "verdict"] == "matches"  # a match is necessary, not sufficient (docs/reproduction.md)
    assert diagnosis.loc[["C21", "C22", "C33"], "verdict"].eq("matches").all()
    assert diagnosis.loc["C11", "verdict"] == "missing"
    low, high = diagnosis.loc["C11", ["d_required_low", "d_required_high"]]
    assert 0 < low < high


def test_consensus_takes_the_most_agreed_range_and_is_honest_about_ties():
    lo, hi = np.array([1.0, 1.5, 3.0]), np.array([2.0, 2.5, 4.0])
    d_low, d_high, agree = consensus(lo, hi)
    assert (d_low, d_high, list(agree)) == (1.5, 2.0, [True, True, False])
    tied_lo, tied_hi = np.array([1.0, 1.5, 3.0, 3.5]), np.array([2.0, 2.5, 4.0, 4.5])
    d_low, d_high, agree = consensus(tied_lo, tied_hi)
    assert (d_low, d_high) == (1.5, 4.0) and agree.all()  # two pairs agree equally: the hull, not a guess
    apart_lo, apart_hi = np.array([1.0, 3.0]), np.array([2.0, 4.0])
    assert np.isnan(consensus(apart_lo, apart_hi)[0])


def test_no_two_series_agree_gives_undetermined_not_a_verdict():
    published = pd.Series({"C21": 0.5, "C22": 0.5})
    diagnosis = series_diagnosis(pd.Series({"C21": 0.1, "C22": 0.3}), published, CATALOGUE)
    assert set(diagnosis["verdict"]) == {"undetermined"}


def test_d_interval_is_what_the_rounding_allows():
    lo, hi = d_intervals([0.02], [0.100], h=0.0005)
    assert lo[0] == pytest.approx(0.02 / 0.1005) and hi[0] == pytest.approx(0.02 / 0.0995)


def _checks(table, check):
    return table[(table["check"] == check)]


def test_the_published_tables_pass_the_audit_checks_that_should_hold():
    checks = audit(read_reference(ROOT / "data/reference"), CATALOGUE)
    x6 = checks[checks["check"].str.startswith("X6 utility recomputed")]
    assert len(x6) == 7 and x6["within_rounding"].all()
    assert "Table 4 S+ minus benefit-only subsystems = weight of the rest" not in set(checks["check"])  # tautology gone
    total = _checks(checks, "sum of S+ and S- = 1")
    assert total["within_rounding"].item()
    averaged = checks[checks["check"].str.startswith("Table 5 U = mean of Table 6")].set_index("row")
    assert not averaged.loc["Y1", "within_rounding"]  # Table 5 is not the average of Table 6


@pytest.mark.parametrize(
    ("table", "column", "row", "change", "check_prefix"),
    [
        ("table3_subsystems", "2018", "X6", 0.05, "X6 utility recomputed"),
        ("table4_overall", "benefit_value", 2, 0.02, "X6 utility recomputed"),
        ("table3_subsystems", "2016", "X4", 0.01, "X1 = X4"),
        ("table5_ports", "benefit_value", 0, 0.02, "sum of S+ and S- = 1"),
        ("table6_port_years", "Y3", 3, -0.1, "the best port of a year has U = 1"),
    ],
)
def test_each_audit_check_fails_when_a_published_number_is_wrong(table, column, row, change, check_prefix):
    ref = read_reference(ROOT / "data/reference")
    frame = ref[table].set_index("subsystem") if table == "table3_subsystems" else ref[table]
    frame.loc[row, column] = float(frame.loc[row, column]) + change
    ref[table] = frame.reset_index() if table == "table3_subsystems" else frame
    checks = audit(ref, CATALOGUE)
    assert not checks[checks["check"].str.startswith(check_prefix)]["within_rounding"].all()

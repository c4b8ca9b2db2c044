"""The series diagnosis and the audit: each verdict can come out either way, and names the series it should."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import CATALOGUE

from porteval.audit import read_reference
from porteval.diagnosis import (
    FITTED,
    FROM_PAPER,
    HALF_UNIT,
    consensus,
    d_intervals,
    divergences,
    implied_rest,
    null_match_shares,
    paper_scale,
    rounding_draws,
    series_diagnosis,
    window_divergences,
)
from porteval.mcda import entropy_weights
from porteval.papers import paper_indicators
from porteval.reproductions.zeng2022 import audit

ROOT = Path(__file__).resolve().parents[1]
CODES = list(CATALOGUE.indicators.index)
INDICATORS = paper_indicators("zeng2022_longitudinal")
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
    diagnosis = series_diagnosis(divergences(ours), published, INDICATORS).set_index("indicator")
    deviating = sorted(diagnosis.index[diagnosis["verdict"] == "deviates"])
    assert deviating == [perturbed]
    assert (diagnosis.drop(perturbed)["verdict"] == "matches").all()


def test_with_some_series_missing_the_others_keep_their_verdicts():
    series, published = synthetic_paper(seed=11)
    ours = series[["C21", "C22", "C31", "C33", "C63"]].copy()
    ours["C63"] = ours["C63"][::-1].to_numpy()  # a different series with the same values reversed: same entropy
    ours["C31"] = ours["C31"] ** 1.5  # a different series with another entropy
    diagnosis = series_diagnosis(divergences(ours), published, INDICATORS).set_index("indicator")
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
    diagnosis = series_diagnosis(pd.Series({"C21": 0.1, "C22": 0.3}), published, INDICATORS)
    assert set(diagnosis["verdict"]) == {"undetermined"}


def test_d_interval_is_what_the_rounding_allows():
    lo, hi = d_intervals([0.02], [0.100], h=0.0005)
    assert lo[0] == pytest.approx(0.02 / 0.1005) and hi[0] == pytest.approx(0.02 / 0.0995)


def _checks(table, check):
    return table[(table["check"] == check)]


def test_the_published_tables_pass_the_audit_checks_that_should_hold():
    checks = audit(read_reference(ROOT / "data/reference"))
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
        ("table2_weights", "published_weight", 10, 0.005, "w(X1 indicator) = w(X4 indicator)"),
    ],
)
def test_each_audit_check_fails_when_a_published_number_is_wrong(table, column, row, change, check_prefix):
    ref = read_reference(ROOT / "data/reference")
    frame = ref[table].set_index("subsystem") if table == "table3_subsystems" else ref[table]
    frame.loc[row, column] = float(frame.loc[row, column]) + change
    ref[table] = frame.reset_index() if table == "table3_subsystems" else frame
    checks = audit(ref)
    assert not checks[checks["check"].str.startswith(check_prefix)]["within_rounding"].all()


def test_with_the_papers_own_scale_a_fit_to_our_series_is_not_needed_and_each_row_says_which_d_it_used():
    series, published = synthetic_paper()
    true_scale = float(divergences(series).sum())
    ours = series[["C21", "C22", "C63"]].copy()
    ours["C63"] = ours["C63"] ** 1.3  # not the paper's
    paper = series_diagnosis(divergences(ours), published, INDICATORS, (true_scale, true_scale * 0.995, true_scale * 1.005))
    paper = paper.set_index("indicator")
    assert set(paper["D_source"]) == {FROM_PAPER}
    assert (
        paper.loc["C63", "verdict"] == "deviates"
        and paper.loc[["C21", "C22"], "verdict"].isin(["matches", "matches at the edge"]).all()
    )
    # Two of three series are not the paper's: a D fitted to ours is pulled by them, the paper's D is not.
    ours["C22"] = ours["C22"] ** 1.3
    paper = series_diagnosis(divergences(ours), published, INDICATORS, (true_scale, true_scale * 0.995, true_scale * 1.005))
    assert paper.set_index("indicator").loc["C21", "verdict"] != "deviates"
    fitted = series_diagnosis(divergences(ours), published, INDICATORS)
    assert set(fitted["D_source"]) == {FITTED}


def _implied_rest_loop(t2, t3, t4, draws, seed):
    """implied_rest one rounding at a time, with pandas, as it was computed before it was vectorised."""
    w = t2.set_index("indicator")["published_weight"]
    t3 = t3.set_index("subsystem")
    years = [str(y) for y in t4["year"]]
    sub_of = INDICATORS.loc[w.index, "subsystem"]
    mixed = set(sub_of[INDICATORS.loc[w.index, "direction"] == "cost"])
    benefit_only = [s for s in t3.index if s not in mixed]

    def remainder(w_vals, u_vals, s_plus):
        w_s = pd.Series(w_vals, index=w.index)
        return s_plus - sum(w_s[sub_of == sub].sum() * u_vals[i] / u_vals[i].sum() for i, sub in enumerate(benefit_only))

    u = t3.loc[benefit_only, years].to_numpy(dtype=float)
    s_plus = t4["benefit_value"].to_numpy(dtype=float)
    ws, us, ss = (
        rounding_draws(w.to_numpy(), draws, seed),
        rounding_draws(u, draws, seed + 1),
        rounding_draws(s_plus, draws, seed + 2),
    )
    return remainder(w.to_numpy(), u, s_plus), np.array([remainder(ws[k], us[k], ss[k]) for k in range(draws)])


def test_the_vectorised_implied_rest_equals_the_draw_by_draw_computation():
    ref = read_reference(ROOT / "data/reference")
    t2, t3, t4 = ref["table2_weights"], ref["table3_subsystems"], ref["table4_overall"]
    _, rest, central, sampled = implied_rest(t2, t3, t4, INDICATORS, 300, 5)
    loop_central, loop_sampled = _implied_rest_loop(t2, t3, t4, 300, 5)
    assert rest == ["C63"]
    assert np.allclose(central, loop_central, atol=1e-15) and np.allclose(sampled, loop_sampled, atol=1e-15)


def test_the_papers_own_d_comes_from_tables_2_to_4_and_moves_with_them():
    ref = read_reference(ROOT / "data/reference")
    t2, t3, t4 = ref["table2_weights"], ref["table3_subsystems"], ref["table4_overall"]
    d, low, high = paper_scale(t2, t3, t4, INDICATORS, 2000, 1)
    assert low < d < high and 0.22 < low and high < 0.232  # Table 4 S+ minus Table 3's benefit subsystems / w(C63)
    steeper = t4.assign(benefit_value=t4["benefit_value"] * np.linspace(0.8, 1.2, len(t4)))
    assert paper_scale(t2, t3, steeper, INDICATORS, 2000, 1)[0] > high  # a steeper rest has a larger divergence


def test_the_chance_that_an_unrelated_series_matches_is_the_share_of_the_pool_in_the_band():
    published = pd.Series({"C21": 0.1})

    def pool(d, series="P C31"):
        return pd.DataFrame({"series": series, "d": d})

    inside = 0.1 * np.array([0.998, 1.0, 1.002])  # d / w = D = 1: every one matches
    assert null_match_shares(pool(inside), published, 0.999, 1.001)["C21"] == 1
    assert null_match_shares(pool(inside * 3), published, 0.999, 1.001)["C21"] == 0
    assert null_match_shares(pool(np.r_[inside, inside * 3]), published, 0.999, 1.001, HALF_UNIT)["C21"] == 0.5
    # The indicator's own series is not unrelated to itself: its windows leave its pool.
    mixed = pd.concat([pool(inside, "P C21"), pool(inside * 3)])
    assert null_match_shares(mixed, published, 0.999, 1.001, own={"C21": "P C21"})["C21"] == 0
    assert null_match_shares(mixed, published, 0.999, 1.001)["C21"] == 0.5


def test_the_pool_takes_non_overlapping_runs_of_each_series():
    years = list(range(2000, 2016))  # 16 years: two whole runs of 7, the rest too short
    obs = pd.DataFrame({"entity": "P", "indicator": "C21", "year": years, "value": np.arange(1.0, 17.0)})
    gap = obs[obs["year"] != 2003]  # a gap: runs start after it
    runs = window_divergences(obs, 7)
    assert list(runs["start"]) == [2000, 2007] and set(runs["series"]) == {"P C21"}
    assert list(window_divergences(gap, 7)["start"]) == [2004]

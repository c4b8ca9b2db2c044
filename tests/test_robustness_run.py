"""porteval.robustness_run: a study's robustness job runs each enabled analysis on each comparison, and SMAA counts
from chunk jobs (a cluster's) give the tables the job would draw itself."""

import logging

import pandas as pd
import pytest
from conftest import CATALOGUE

from porteval.robustness_run import run, smaa_chunk
from porteval.window import comparison_matrix

STUDY = {"kind": "cross_port", "ports": ["Shanghai Port", "Dalian Port", "Shenzhen Port"], "years": [2015, 2016]}
CODES = {"C21": (60000, 40000, 20000), "C22": (3700, 1000, 2400), "C61": (5000, 6000, 5500)}
ENABLED = {"dominance": True, "smaa": True, "data": False, "leave_out": True, "entropy_inputs": True, "methods": True}


def _settings(chunks):
    return {"smaa": {"draws": 400, "concentration": 100, "seed": 5, "chunks": chunks}, "methods": {"names": ["COPRAS", "TOPSIS"]}}


def _study():
    rows = [
        {"comparison": comparison, "alternative": port, "indicator": code, "value": values[i] * scale}
        for comparison, scale in (("2015-2016", 2.0), ("2015", 1.0))
        for code, values in CODES.items()
        for i, port in enumerate(STUDY["ports"])
    ]
    matrix = pd.DataFrame(rows)
    weights = pd.DataFrame(
        [
            {"comparison": c, "indicator": code, "weight": w}
            for c in ("2015-2016", "2015")
            for code, w in (("C21", 0.5), ("C22", 0.3), ("C61", 0.2))
        ]
    )
    return matrix, weights


def _run(chunks=1, given=None, enabled=ENABLED):
    matrix, weights = _study()
    return run("x", STUDY, matrix, weights, CATALOGUE, _settings(chunks), {}, {}, given, enabled, logging.getLogger("t"))


def test_each_enabled_analysis_on_each_comparison_and_the_window_only_analysis_once():
    tables = _run()
    by_comparison = {c: sorted(t for cc, t in tables if cc == c) for c in ("2015-2016", "2015")}
    per_comparison = [
        "central_weights",
        "dominance",
        "leave_out",
        "method_agreement",
        "method_ranks",
        "rank_acceptability",
        "rank_reversal",
        "vikor",
    ]
    assert by_comparison["2015"] == per_comparison
    assert by_comparison["2015-2016"] == sorted([*per_comparison, "entropy_inputs"])
    assert list(tables[("2015", "dominance")].columns[:2]) == ["study", "comparison"]  # labels first, as the files had them
    off = _run(enabled={**ENABLED, "smaa": False, "methods": False})
    assert not any(t in {"rank_acceptability", "method_ranks"} for _, t in off)


def _chunks(seed):
    matrix, weights = _study()
    given = {}
    for comparison in ("2015-2016", "2015"):
        alternatives, codes, x, types = comparison_matrix(matrix, comparison, CATALOGUE)
        w = weights[weights["comparison"] == comparison].set_index("indicator").loc[codes, "weight"].to_numpy()
        settings = {**_settings(2)["smaa"], "seed": seed}
        given[comparison] = [smaa_chunk(alternatives, codes, x, types, w, settings, c) for c in range(2)]
    return given


def test_smaa_counts_from_chunk_jobs_give_the_tables_the_job_draws_itself():
    drawn, from_chunks = _run(chunks=2), _run(chunks=2, given=_chunks(seed=5))
    for key in [k for k in drawn if k[1] in ("rank_acceptability", "central_weights")]:
        pd.testing.assert_frame_equal(drawn[key], from_chunks[key])
    other = _run(chunks=2, given=_chunks(seed=6))  # the chunks are what the job uses: other draws, other counts
    assert not other[("2015", "central_weights")].equals(drawn[("2015", "central_weights")])
    accept = drawn[("2015", "rank_acceptability")]
    assert accept.groupby(["sampling", "alternative"])["probability"].sum().to_numpy() == pytest.approx(1.0)

"""porteval.reproduce_run: the papers' job runs the papers it is given and no other, and the scorecard and figures
are made from the files the steps before them wrote."""

import logging

import pandas as pd
from conftest import CATALOGUE, ROOT

from porteval.reproduce_run import run

REFERENCE = sorted(str(p) for p in (ROOT / "data/reference").glob("*.csv"))
DECISIONS = str(ROOT / "data/curation/decisions.csv")
SETTINGS = {"mode": "entropy", "use_qualifiers": ["exact", "derived"]}


def _zhang_job(tmp_path):
    return {
        "study": None,
        "study_config": None,
        "inputs": {"decisions": DECISIONS},
        "outputs": {
            "tables": {
                "zhang_table2_throughput": [
                    str(tmp_path / "zhang_table2_throughput.csv"),
                    str(tmp_path / "zhang_table2_throughput.md"),
                ]
            },
            "card": str(tmp_path / "zhang2_scorecard.csv"),
            "figures": {"zhang_throughput": [str(tmp_path / "zhang_throughput.png"), str(tmp_path / "zhang_throughput.svg")]},
        },
    }


def test_only_the_papers_given_run_and_no_audit_without_a_paper_that_has_one(tmp_path):
    params = {"papers": {"zhang2": _zhang_job(tmp_path)}, "settings": SETTINGS}
    run({"reference": REFERENCE}, {}, params, CATALOGUE, logging.getLogger("t"))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [
            "zhang_table2_throughput.csv",
            "zhang_table2_throughput.md",
            "zhang2_scorecard.csv",
            "zhang_throughput.png",
            "zhang_throughput.svg",
        ]
    )


def test_the_scorecard_and_figure_come_from_the_written_card_and_table(tmp_path):
    job = _zhang_job(tmp_path)
    outputs = {"scorecard": str(tmp_path / "scorecard.csv"), "scorecard_summary": str(tmp_path / "scorecard_summary.csv")}
    run({"reference": REFERENCE}, outputs, {"papers": {"zhang2": job}, "settings": SETTINGS}, CATALOGUE, logging.getLogger("t"))
    card = pd.read_csv(job["outputs"]["card"], keep_default_na=False)
    scorecard = pd.read_csv(outputs["scorecard"], keep_default_na=False)
    assert len(scorecard) == len(card) == 18  # Zhang's Table 2: nine years of two series
    assert scorecard["status"].tolist() == card["status"].tolist()
    summary = pd.read_csv(outputs["scorecard_summary"]).set_index("table")
    assert summary.loc["all", ["reproduced", "differs", "not_reproducible"]].sum() == 18
    assert (tmp_path / "zhang_throughput.png").stat().st_size > 0 and (tmp_path / "zhang_throughput.svg").stat().st_size > 0

"""porteval.audit_trail: one alternative followed from its raw values to S+, S-, Q and U; every number of the trail
is the one in the file it names, and its sums are the scores file's."""

import logging

import pandas as pd
import pytest
from conftest import CATALOGUE, QUALIFIED_HEADER

from porteval.audit_trail import write_trail
from porteval.data_run import fill_entity, observations_table
from porteval.io import write_csv
from porteval.study_run import run_study

LOG = logging.getLogger("test_audit_trail")
PORT = "Ningbo-Zhoushan Port"
STUDY = {"kind": "longitudinal", "ports": [PORT], "years": [2014, 2016], "indicators": ["C21", "C22", "C61"]}
RAW = QUALIFIED_HEADER + "".join(
    f"{PORT},{code},{year},{value},{unit},exact,src1,{value},\n"
    for code, unit, values in (
        ("C21", "万吨", (87000, 89000, 92000)),
        ("C22", "万TEU", (1945, None, 2157)),
        ("C61", "万吨", (9000, 8800, 8500)),
    )
    for year, value in zip((2014, 2015, 2016), values, strict=True)
    if value is not None
)


@pytest.fixture
def trail(tmp_path):
    raw = tmp_path / "ningbo_zhoushan_port.csv"
    raw.write_text(RAW, encoding="utf-8")
    observations = observations_table([str(raw)], [], CATALOGUE, ["exact"], LOG)
    write_csv(observations, tmp_path / "observations.csv")
    cells = {code: [2014, 2015, 2016] for code in STUDY["indicators"]}
    imputed, breaks = fill_entity(
        observations, {"entity": PORT, "cells": cells}, {"method": "linear", "min_observed": 2, "max_extrapolation": 2}, 0.5, LOG
    )
    write_csv(imputed, tmp_path / "entity_imputed.csv")
    write_csv(breaks, tmp_path / "entity_breaks.csv")
    out = {
        name: str(tmp_path / f"{name}.csv")
        for name in ("imputed", "breaks", "matrix", "dropped", "normalised", "weights", "scores")
    }
    out["csv"] = [str(tmp_path / "tables" / f"{t}.csv") for t in ("weights", "overall", "subsystems")]
    out["md"] = [p.replace(".csv", ".md") for p in out["csv"]]
    inputs = {"imputed": [tmp_path / "entity_imputed.csv"], "breaks": [tmp_path / "entity_breaks.csv"], "given": None}
    run_study(inputs, out, STUDY, CATALOGUE, {"mode": "entropy", "on_insufficient": "drop"}, LOG)
    spec = {
        "study": "x",
        "study_config": STUDY,
        "alternative": "2015",
        "comparison": "2014-2016",
        "files": {
            "observations": [str(tmp_path / "observations.csv")],
            **{f: out[f] for f in ("imputed", "matrix", "normalised", "weights", "scores")},
        },
        "md": str(tmp_path / "trail.md"),
        "csv": str(tmp_path / "trail.csv"),
    }
    sources = pd.DataFrame(
        {"source_id": ["src1"], "title": ["A yearbook page"], "url": ["http://example.org/a"], "reference": [""]}
    )
    write_trail(spec, sources.set_index("source_id"), CATALOGUE)
    return spec, out


def test_each_row_is_the_raw_value_and_the_files_numbers(trail):
    spec, out = trail
    table = pd.read_csv(spec["csv"], keep_default_na=False).set_index("indicator")
    assert table.loc["C21", "raw_value"] == "89000" and table.loc["C21", "raw_file"].endswith("ningbo_zhoushan_port.csv:3")
    assert table.loc["C22", "status"] == "interpolated" and table.loc["C22", "raw_value"] == ""  # filled: no raw value
    assert table.loc["C22", "used_value"] == pytest.approx((1945 + 2157) / 2)
    normalised = pd.read_csv(out["normalised"], dtype={"alternative": str})
    x = normalised[normalised["alternative"] == "2015"].set_index("indicator")["x"]
    assert table["x"].to_dict() == pytest.approx(x.to_dict())
    assert table["weighted"].tolist() == pytest.approx((table["weight"] * table["x"]).tolist(), rel=1e-9)  # 10 digits


def test_its_sums_are_the_scores_files(trail):
    spec, out = trail
    table = pd.read_csv(spec["csv"], keep_default_na=False)
    scores = pd.read_csv(out["scores"], dtype={"alternative": str, "comparison": str})
    score = scores[(scores["alternative"] == "2015") & (scores["scope"] == "overall")].iloc[0]
    assert table.loc[table["direction"] == "benefit", "weighted"].sum() == pytest.approx(score["benefit"], abs=1e-9)
    assert table.loc[table["direction"] == "cost", "weighted"].sum() == pytest.approx(score["cost"], abs=1e-9)
    md = open(spec["md"], encoding="utf-8").read()
    assert f"S+ = sum of `weighted` over benefit indicators = {score['benefit']:.6f}" in md
    assert "- `src1`: A yearbook page — http://example.org/a" in md

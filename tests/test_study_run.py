"""porteval.study_run: a study's chain in one job writes every step's file, and each step uses the file before it
as written (ten significant digits), exactly as a job per step did."""

import logging
from pathlib import Path

import numpy as np
import pandas as pd
from conftest import CATALOGUE

from porteval.io import write_csv
from porteval.study import build_matrix, scores_table, weights_table
from porteval.study_run import run_study

ROOT = Path(__file__).resolve().parents[1]
STUDY = {"kind": "longitudinal", "ports": ["Ningbo-Zhoushan Port"], "years": [2014, 2017], "indicators": ["C21", "C22", "C61"]}
OUTPUTS = ["imputed", "breaks", "matrix", "dropped", "normalised", "weights", "scores"]


def _cells() -> pd.DataFrame:
    """An entity's filled cells with values of many digits (so that rounding shows)."""
    rng = np.random.default_rng(3)
    rows = [
        {
            "entity": "Ningbo-Zhoushan Port",
            "indicator": c,
            "year": y,
            "value": v,
            "status": "observed",
            "source_id": "s",
            "reason": "",
        }
        for c in ("C21", "C22", "C61", "C11")
        for y, v in zip(range(2013, 2019), rng.uniform(1000, 9000, 6) / 7, strict=True)
    ]
    return pd.DataFrame(rows).assign(reason="")


def _inputs(tmp_path):
    """The entity's files, as the entity job writes them (no level break)."""
    imputed, breaks = tmp_path / "imputed.csv", tmp_path / "breaks.csv"
    write_csv(_cells(), imputed)
    columns = ["entity", "indicator", "year_before", "year", "value_before", "value", "change", "change_per_year"]
    write_csv(pd.DataFrame(columns=[*columns, "source_before", "source_id", "why"]), breaks)
    return {"imputed": [imputed], "breaks": [breaks], "given": None}


def test_every_step_writes_its_file_and_the_next_reads_it_as_written(tmp_path, monkeypatch):
    from porteval import io

    monkeypatch.setattr(io, "FLOAT_FORMAT", "%.3g")  # files this coarse: a step using unrounded numbers would show
    out = {name: tmp_path / "out" / f"{name}.csv" for name in OUTPUTS}
    out["csv"] = [tmp_path / "tables" / f"{t}.csv" for t in ("weights", "overall", "subsystems")]
    out["md"] = [p.with_suffix(".md") for p in out["csv"]]
    run_study(_inputs(tmp_path), out, STUDY, CATALOGUE, {"mode": "entropy", "on_insufficient": "drop"}, logging.getLogger("t"))
    assert all(out[name].stat().st_size > 0 for name in OUTPUTS) and all(p.exists() for p in out["csv"] + out["md"])
    imputed = pd.read_csv(out["imputed"], keep_default_na=False, na_values=[""], dtype={"source_id": str, "reason": str})
    assert set(imputed["year"]) == {2014, 2015, 2016, 2017} and set(imputed["indicator"]) == {"C21", "C22", "C61"}
    # the weights and scores a job per step made: each from the files before it, as written
    matrix = pd.read_csv(out["matrix"], dtype={"alternative": str, "comparison": str})
    expected, _ = weights_table(matrix, CATALOGUE, "entropy", None)
    written = pd.read_csv(out["weights"], dtype={"comparison": str})
    assert np.array_equal(written["weight"].to_numpy(), pd.read_csv(_csv(tmp_path, expected))["weight"].to_numpy())
    scores = scores_table(matrix, written, CATALOGUE)
    again = pd.read_csv(_csv(tmp_path, scores), dtype={"comparison": str, "alternative": str})
    assert again.equals(pd.read_csv(out["scores"], dtype={"comparison": str, "alternative": str}))
    # which are not those of the numbers before rounding
    unrounded, _ = build_matrix(_cells().query("year >= 2014 and year <= 2017"), STUDY, CATALOGUE)
    assert not np.array_equal(weights_table(unrounded, CATALOGUE, "entropy", None)[0]["weight"], expected["weight"])


def _csv(tmp_path, frame) -> Path:
    path = tmp_path / "again.csv"
    write_csv(frame, path)
    return path

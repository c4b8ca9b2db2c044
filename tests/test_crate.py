"""porteval.crate: a run as a Workflow Run RO-Crate that ro-crate-py reads back, with each job's inputs and outputs
from Snakemake's records, every file's checksum, and the same bytes for the same run."""

import base64
import hashlib
import json
from pathlib import Path

from rocrate.rocrate import ROCrate

from porteval.crate import PROFILES, build_crate, job_records, to_json


def _project(tmp: Path) -> Path:
    """A tiny project: a Snakefile, a raw file, a config, two jobs' outputs and Snakemake's record of each."""
    for path, text in {
        "Snakefile": "rule all:\n",
        "data/raw/a.csv": "entity,value\nA,1\n",
        "config/config.yaml": "x: 1\n",
        "results/data/a.csv": "value\n1\n",
        "results/tables/t.csv": "value\n2\n",
    }.items():
        (tmp / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp / path).write_text(text, encoding="utf-8")
    records = {
        "results/data/a.csv": {"rule": "entity", "input": ["data/raw/a.csv"], "job_hash": 1},
        "results/tables/t.csv": {"rule": "study", "input": ["results/data/a.csv"], "job_hash": 2},
    }
    meta = tmp / ".snakemake/metadata"
    meta.mkdir(parents=True)
    for path, record in records.items():
        (meta / base64.urlsafe_b64encode(path.encode()).decode()).write_text(json.dumps(record), encoding="utf-8")
    return tmp


def test_the_crate_is_read_back_by_ro_crate_py_with_its_jobs_files_and_profiles(tmp_path):
    project = _project(tmp_path)
    jobs = job_records(["results/tables/t.csv"], project / ".snakemake/metadata")
    # the job that made the table's input is found through the table's record
    assert [(j["rule"], j["inputs"], j["outputs"]) for j in jobs] == [
        ("entity", ["data/raw/a.csv"], ["results/data/a.csv"]),
        ("study", ["results/data/a.csv"], ["results/tables/t.csv"]),
    ]
    crate = build_crate(
        ["data/raw/a.csv", "config/config.yaml"], ["results/tables/t.csv"], {"x": 1, "s": {"draws": 5}}, jobs, project
    )
    (project / "results/ro-crate-metadata.json").write_text(to_json(crate), encoding="utf-8")

    read = ROCrate(project / "results")
    assert {p.id for p in read.root_dataset["conformsTo"]} == set(PROFILES)
    assert read.mainEntity.id == "../Snakefile" and "ComputationalWorkflow" in read.mainEntity.type
    assert [e.id for e in read.root_dataset["mentions"]] == ["#run", "#job/1", "#job/2"]
    run = read.dereference("#run")
    assert run["instrument"].id == "../Snakefile"
    assert {e.id for e in run["object"]} >= {"../data/raw/a.csv", "../config/config.yaml", "#setting/s.draws"}
    assert [e.id for e in run["result"]] == ["tables/t.csv"]
    assert read.dereference("#setting/s.draws")["value"] == "5"
    study = next(a for a in read.get_by_type("CreateAction") if a.get("name") == "study job")
    assert [e.id for e in study["object"]] == ["data/a.csv"] and [e.id for e in study["result"]] == ["tables/t.csv"]
    raw = read.dereference("../data/raw/a.csv")
    assert raw["sha256"] == hashlib.sha256((project / "data/raw/a.csv").read_bytes()).hexdigest()


def test_the_same_run_gives_the_same_crate_and_a_changed_input_another_checksum(tmp_path):
    project = _project(tmp_path)
    jobs = job_records(["results/tables/t.csv"], project / ".snakemake/metadata")
    args = (["data/raw/a.csv"], ["results/tables/t.csv"], {"x": 1}, jobs, project)
    first = to_json(build_crate(*args))
    assert to_json(build_crate(*args)) == first
    (project / "data/raw/a.csv").write_text("entity,value\nA,2\n", encoding="utf-8")
    assert to_json(build_crate(*args)) != first

"""Bad input stops the run loudly, earlier results survive failures and interruptions, re-runs are byte-identical.

Runs the workflow on the SYNTHETIC project of test_workflow.py in temporary directories: a second clean run beside
the session's completed run (conftest.completed_run), or a copy of that run to change (conftest.run_copy).
"""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from conftest import make_project, snakemake

pytestmark = pytest.mark.slow  # runs the whole workflow: `python -m pytest -m slow` (and CI)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_clean_runs_are_byte_identical(completed_run, tmp_path):
    second = make_project(tmp_path / "b")  # the first is the session's, in another folder, made the same way
    run = snakemake(second)
    assert run.returncode == 0, run.stderr[-3000:]
    a, b = snapshot(completed_run / "results"), snapshot(second / "results")
    assert a.keys() == b.keys()
    different = [name for name in a if a[name] != b[name]]
    assert different == [], f"not byte-identical: {different}"
    assert any(name.endswith(".svg") for name in a) and "report/report.html" in a


def _edit_config(project: Path, edit) -> None:
    path = project / "config/config.yaml"
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(config)
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")


def test_config_errors_stop_before_any_job_and_name_the_key(tmp_path):
    project = make_project(tmp_path)
    _edit_config(project, lambda c: c["studies"]["synthetic_ports"]["ports"].__setitem__(0, "Shanghay Port"))
    run = snakemake(project)
    assert run.returncode != 0
    assert "studies.synthetic_ports.ports[0]: unknown port 'Shanghay Port'" in run.stderr
    assert not (project / "results").exists()


def test_a_weights_file_that_does_not_sum_to_one_is_refused(tmp_path):
    project = make_project(tmp_path)
    weights = project / "weights.csv"
    weights.write_text(
        "indicator,weight\n"
        + "".join(
            f"C{c},0.1\n"
            for c in [
                "11",
                "12",
                "21",
                "22",
                "31",
                "32",
                "33",
                "34",
                "35",
                "36",
                "41",
                "42",
                "51",
                "52",
                "61",
                "62",
                "63",
                "71",
                "72",
            ]
        ),
        encoding="utf-8",
    )
    _edit_config(project, lambda c: c["weighting"].update(mode="file", file="weights.csv"))
    run = snakemake(project)
    assert run.returncode != 0 and "weighting.file: weights in weights.csv sum to 1.9, not 1" in run.stderr
    assert not (project / "results").exists()


def test_bad_raw_data_stop_the_run_and_earlier_results_survive(run_copy):
    before = snapshot(run_copy / "results")
    raw = run_copy / "data/raw/shanghai_port.csv"
    raw.write_text(raw.read_text(encoding="utf-8") + 'Shanghai Port,C21,2018,"70,500",万吨,synthetic,,\n', encoding="utf-8")
    run = snakemake(run_copy)
    assert run.returncode != 0
    log = (run_copy / "logs/entity/shanghai_port.log").read_text(encoding="utf-8")  # the job that reads the file
    assert "data/raw/shanghai_port.csv:18: column 'value'" in log and "thousands separators" in log
    after = snapshot(run_copy / "results")
    lost = sorted(set(before) - set(after))
    # only the failed jobs' outputs (the checks, and what the entity's job would read from the file that changed and
    # fill from it: they are no longer that file's), and the provenance record, which a run that does not finish
    # does not leave
    failed = {"data/validation.txt"} | {
        f"data/{kind}/shanghai_port.{ext}"
        for kind, ext in (("validation", "txt"), ("observations", "csv"), ("imputed", "csv"), ("breaks", "csv"))
    }
    assert set(lost) <= failed | {"ro-crate-metadata.json"}
    report = "report/report.html"  # the one file that changes: the earlier report now says it is stale
    assert all(after[name] == before[name] for name in after if name != report)
    assert "Stale: the latest run failed" in (run_copy / "results" / report).read_text(encoding="utf-8")


def background_run(project, **options) -> subprocess.Popen:
    """Snakemake on one core in ``project``, running while the test goes on; its output as text lines."""
    return subprocess.Popen(
        [sys.executable, "-m", "snakemake", "--cores", "1"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        **options,
    )


def test_an_interrupted_run_leaves_no_half_written_file_and_a_rerun_completes(run_copy):
    before = snapshot(run_copy / "results")
    (run_copy / "data/raw/ningbo.csv").touch()  # same content, newer: everything downstream re-runs
    proc = background_run(run_copy)
    time.sleep(4)
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=120)
    during = snapshot(run_copy / "results")
    assert all(during[name] == before[name] for name in during), "a file was left modified or half-written"
    assert not [p for p in (run_copy / "results").rglob("*.tmp")], "temporary files left behind"
    assert snakemake(run_copy).returncode == 0
    assert snapshot(run_copy / "results") == before
    shutil.rmtree(run_copy / ".snakemake", ignore_errors=True)


def _report_job_started(project):
    """A run whose only job to redo is the report (its notebook changed), stopped once that job has started."""
    notebook = project / "notebooks/report.ipynb"
    notebook.write_text(notebook.read_text(encoding="utf-8").replace("footnote_said = False", "footnote_said = False "))
    proc = background_run(project, start_new_session=True)  # a group of its own, as a terminal's Ctrl-C reaches
    said = []
    for line in proc.stdout:
        said.append(line)
        if "localrule report:" in line:
            break
    time.sleep(3)  # the kernel is running the notebook
    return proc, said


def test_ctrl_c_twice_during_the_report_job_keeps_the_last_report_in_one_line_and_the_next_run_recovers(run_copy):
    report = run_copy / "results/report/report.html"
    before = report.read_text(encoding="utf-8")
    proc, said = _report_job_started(run_copy)
    os.killpg(proc.pid, signal.SIGINT)
    time.sleep(0.5)
    os.killpg(proc.pid, signal.SIGINT)  # the second, while Snakemake cleans up
    said += proc.stdout.readlines()
    proc.wait(timeout=120)
    text = "".join(said)
    assert proc.returncode != 0 and "Traceback" not in text and "Cannot close a running event loop" not in text
    assert "porteval: interrupted; stopping the running jobs (a second Ctrl-C is ignored)" in text
    stale = report.read_text(encoding="utf-8")  # put back, and marked: it is the last good report
    assert "Stale: the latest run failed" in stale and stale.replace(stale[stale.index('<div class="stale-run"') :], "") in before
    run = snakemake(run_copy, "--rerun-incomplete")  # as profiles/default sets: the put-back report is remade
    assert run.returncode == 0, run.stderr[-2000:]
    assert "Stale" not in report.read_text(encoding="utf-8")


def test_a_report_job_that_fails_leaves_the_last_report_marked_stale(run_copy):
    notebook = run_copy / "notebooks/report.ipynb"
    text = notebook.read_text(encoding="utf-8")
    notebook.write_text(text.replace("footnote_said = False", 'raise RuntimeError(\\"a failing report cell\\")'))
    run = snakemake(run_copy)
    assert run.returncode != 0
    report = run_copy / "results/report/report.html"
    assert report.is_file() and "Stale: the latest run failed" in report.read_text(encoding="utf-8")
    assert (run_copy / "results/report/report.ipynb").is_file()
    notebook.write_text(text, encoding="utf-8")
    assert snakemake(run_copy).returncode == 0 and "Stale" not in report.read_text(encoding="utf-8")

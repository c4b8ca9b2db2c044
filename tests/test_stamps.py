"""porteval.stamps: a changed input re-runs its dependants even with an older time, a result changed after its job
wrote it is found, and the folders of studies a configuration no longer has are named."""

import os

import pandas as pd

from porteval.io import write_csv
from porteval.stamps import damaged_outputs, stale_studies, touch_changed


def _write(path, text="1\n"):
    path.write_text(text, encoding="utf-8")
    return path


def test_touch_changed_touches_only_a_file_whose_content_changed_without_a_newer_time(tmp_path):
    record, a, b = tmp_path / "record.json", _write(tmp_path / "a.csv"), _write(tmp_path / "b.csv")
    assert touch_changed([a, b], record) == []  # the first parse only records
    old = os.stat(a).st_mtime - 100
    os.utime(a, (old, old))
    assert touch_changed([a, b], record) == []  # an older time alone: the content is the same
    a.write_text("2\n", encoding="utf-8")
    os.utime(a, (old, old))  # restored with an older time, as cp -p or tar x do
    assert touch_changed([a, b], record) == [str(a)] and os.stat(a).st_mtime > old
    assert touch_changed([a, b], tmp_path / "ro" / "x" / "record.json") == []  # a new record: nothing to compare


def test_a_result_changed_after_its_job_wrote_it_is_found(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".snakemake").mkdir()
    write_csv(pd.DataFrame({"a": range(50)}), "results/studies/x/matrix.csv")
    write_csv(pd.DataFrame({"a": [1]}), tmp_path / "results/studies/x/dropped.csv")  # an absolute path: one rule
    write_csv(pd.DataFrame({"a": [1]}), "elsewhere.csv")  # not a result: not recorded
    assert damaged_outputs() == []
    matrix = tmp_path / "results/studies/x/matrix.csv"
    matrix.write_bytes(matrix.read_bytes()[:40])  # cut short at a line's end: still a table, half of it
    (tmp_path / "results/studies/x/dropped.csv").unlink()  # missing is not damaged: Snakemake makes it again
    assert damaged_outputs() == ["results/studies/x/matrix.csv"]
    write_csv(pd.DataFrame({"a": range(50)}), "results/studies/x/matrix.csv")  # the job writes it anew
    assert damaged_outputs() == []


def test_only_the_folders_of_studies_the_config_lacks_are_stale(tmp_path):
    for folder in ("studies/kept", "studies/gone", "figures/kept", "figures/gone", "figures/old", "data/gone"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "figures/loose.png").write_bytes(b"")  # a file, not a study's folder
    stale = stale_studies(tmp_path, ["kept"])
    assert stale == [str(tmp_path / f) for f in ("studies/gone", "figures/gone", "figures/old")]  # not data/: no study's


def test_a_result_is_hashed_again_only_when_its_size_or_time_moved(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".snakemake").mkdir()
    write_csv(pd.DataFrame({"a": [1, 2]}), "results/x.csv")
    path, mark = tmp_path / "results/x.csv", tmp_path / ".snakemake/porteval-written/results/x.csv.sha256"
    os.utime(path, ns=(1, 1_000_000_000))  # touched, as Snakemake touches a job's outputs
    assert damaged_outputs() == [] and mark.read_text(encoding="utf-8").endswith(" 1000000000")  # confirmed: remembered
    path.write_text("a\n1\n3\n", encoding="utf-8")  # the same size, another content
    assert damaged_outputs() == ["results/x.csv"]  # its time moved: hashed, and found
    os.utime(path, ns=(1, 1_000_000_000))  # the confirmed time, put back by hand
    assert damaged_outputs() == []  # size and time as confirmed: taken as they were, not hashed (the shortcut's cost)

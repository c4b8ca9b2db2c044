"""porteval.stamps: a changed input re-runs its dependants even with an older time, a result changed after its job
wrote it is found, and the folders of studies a configuration no longer has are named."""

import json
import os

import pandas as pd
import pytest

from porteval.io import write_csv
from porteval.stamps import damaged_outputs, remakes_everything, set_aside, stale_studies, touch_changed


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


def test_a_record_that_names_a_file_outside_results_is_discarded_and_the_file_left_alone(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    victim = _write(tmp_path / "data.csv", "precious\n")
    marks = tmp_path / ".snakemake/porteval-written"
    for name in ("data.csv.sha256", "config/x.yaml.sha256"):
        mark = marks / name
        mark.parent.mkdir(parents=True, exist_ok=True)
        mark.write_text(f"{'0' * 64} 1 1", encoding="utf-8")
    assert damaged_outputs() == [] and victim.read_text(encoding="utf-8") == "precious\n"
    err = capsys.readouterr().err
    assert err.count("not a file under results/: discarded") == 2 and not list(marks.rglob("*.sha256"))


@pytest.mark.parametrize("kind", ["empty", "malformed", "folder", "not utf-8", "fifo"])
def test_a_damaged_record_is_discarded_with_one_line_never_fatal(tmp_path, monkeypatch, capsys, kind):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".snakemake").mkdir()
    write_csv(pd.DataFrame({"a": [1, 2]}), "results/x.csv")
    mark = tmp_path / ".snakemake/porteval-written/results/x.csv.sha256"
    mark.unlink()
    if kind == "folder":
        mark.mkdir()
    elif kind == "fifo":
        os.mkfifo(mark)  # read, it would wait for a writer for ever
    else:
        mark.write_bytes({"empty": b"", "malformed": b"abc 1", "not utf-8": b"\xff\xfe"}[kind])
    assert damaged_outputs() == []
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith(f"porteval: the damage record {mark.relative_to(tmp_path)} ") and line.endswith(
        "written anew with its result)"
    )
    assert not os.path.lexists(mark)
    write_csv(pd.DataFrame({"a": [1, 2]}), "results/x.csv")  # the next write records it again
    assert mark.is_file()


@pytest.mark.parametrize("text", ["[1, 2]", '{"a.csv": 3}', "{", "\xff"])
def test_an_unusable_record_of_the_inputs_is_written_anew(tmp_path, capsys, text):
    record, a = tmp_path / "record.json", _write(tmp_path / "a.csv")
    record.write_bytes(text.encode("latin-1"))
    assert touch_changed([a], record) == []
    assert json.loads(record.read_text(encoding="utf-8"))[str(a)]["sha256"]


def test_a_damaged_result_is_set_aside_not_deleted(tmp_path):
    path = _write(tmp_path / "x.csv", "half")
    assert set_aside([str(path)]) == [f"{path}.damaged"]
    assert not path.exists() and (tmp_path / "x.csv.damaged").read_text(encoding="utf-8") == "half"


@pytest.mark.parametrize(
    "argv, remakes",
    [
        (["--cores", "2"], True),
        (["-c2", "all"], True),
        (["--cores", "2", "-n"], False),
        (["-np", "--cores", "2"], False),
        (["--unlock"], False),
        (["--touch", "--cores", "1"], False),
        (["--cores", "2", "results/data/coverage.csv"], False),
        (["--lint"], False),
        (["--no-such-option-at-all", "--cores"], False),
    ],
)
def test_only_a_run_of_the_default_target_remakes_what_is_set_aside(argv, remakes):
    assert remakes_everything(argv) is remakes


def test_a_figure_is_recorded_like_a_table(tmp_path, monkeypatch):
    import matplotlib.pyplot as plt

    from porteval.figures import save

    monkeypatch.chdir(tmp_path)
    (tmp_path / ".snakemake").mkdir()
    fig, _ = plt.subplots()
    png, svg = save(fig, "results/figures/x/f")
    assert damaged_outputs() == []
    png.write_bytes(png.read_bytes()[:100])
    assert damaged_outputs() == [str(png)] and (tmp_path / ".snakemake/porteval-written" / f"{svg}.sha256").is_file()
